// Readiness over a raw socket (AUTH + PING): cheaper than an ioredis client, so a fresh server answers in a few ms.
import { connect } from 'node:net';
import { describeEndpoint, type RedisEndpoint } from './types';

export interface WaitForPingOptions {
  timeoutMs: number;
  intervalMs: number;
  signal?: AbortSignal;
}

// Redis answered, but refused our credentials: waiting longer will not help.
export class RedisAuthError extends Error {
  constructor(endpoint: RedisEndpoint, reply: string) {
    super(`Redis at ${describeEndpoint(endpoint)} refused the password: ${reply}`);
    this.name = 'RedisAuthError';
  }
}

type Attempt = { ok: true } | { ok: false; reason: string };

export async function waitForPing(endpoint: RedisEndpoint, options: WaitForPingOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    options.signal?.throwIfAborted();
    const attempt = await pingOnce(endpoint, Math.max(1, deadline - Date.now()), options.signal);
    if (attempt.ok) return;
    options.signal?.throwIfAborted();
    if (Date.now() + options.intervalMs > deadline) {
      const where = describeEndpoint(endpoint);
      throw new Error(`Redis at ${where} did not answer PING in ${options.timeoutMs} ms (last: ${attempt.reason}).`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
  }
}

function pingOnce(endpoint: RedisEndpoint, timeoutMs: number, signal: AbortSignal | undefined): Promise<Attempt> {
  return new Promise((resolve, reject) => {
    const auth = endpoint.username === undefined ? ['AUTH'] : ['AUTH', endpoint.username];
    const commands = endpoint.password === undefined ? [['PING']] : [[...auth, endpoint.password], ['PING']];
    const socket = endpoint.path !== undefined ? connect({ path: endpoint.path }) : connect({ host: endpoint.host, port: endpoint.port });
    let buffered = '';
    let settled = false;
    const settle = (outcome: Attempt | Error): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const onAbort = (): void => settle({ ok: false, reason: 'aborted' });
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.setNoDelay(true);
    socket.setTimeout(timeoutMs, () => settle({ ok: false, reason: 'no reply' }));
    socket.once('connect', () => socket.write(commands.map(encodeCommand).join('')));
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const replies = buffered.split('\r\n').slice(0, -1);
      for (const [index, reply] of replies.entries()) {
        // Other errors (LOADING while the AOF replays, BUSY) pass: the next attempt may succeed.
        if (reply.startsWith('-') && isAuthRefusal(reply)) return settle(new RedisAuthError(endpoint, reply.slice(1)));
        if (reply.startsWith('-')) return settle({ ok: false, reason: reply.slice(1) });
        if (index < commands.length - 1) continue;
        return settle(reply === '+PONG' ? { ok: true } : { ok: false, reason: reply });
      }
    });
    socket.once('error', (error: NodeJS.ErrnoException) => settle({ ok: false, reason: error.code ?? error.message }));
    socket.once('close', () => settle({ ok: false, reason: 'connection closed' }));
  });
}

function isAuthRefusal(reply: string): boolean {
  return /^-(WRONGPASS|NOAUTH)|AUTH|password/i.test(reply);
}

function encodeCommand(parts: string[]): string {
  return `*${parts.length}\r\n${parts.map((part) => `$${Buffer.byteLength(part)}\r\n${part}\r\n`).join('')}`;
}
