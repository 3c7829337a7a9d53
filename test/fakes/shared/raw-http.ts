// The node:http plumbing of the fakes that answer by hand (TikTok, YouTube), which need what FakeServer hides: the
// body as it arrives (to cut a connection mid-request) and the raw bytes of every answer.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RawReply {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function sendReply(res: ServerResponse, reply: RawReply): void {
  if (res.destroyed) return;
  res.writeHead(reply.status, reply.headers ?? {});
  res.end(reply.body);
}

/**
 * Answers a handled call as its fault says: `drop-after-accept` closes the connection unanswered (the work is done),
 * `slow` answers after `delayMs`; without either the reply goes out at once.
 */
export async function deliverReply(
  req: IncomingMessage,
  res: ServerResponse,
  reply: RawReply,
  fault: { kind: string; delayMs?: number } | undefined,
): Promise<void> {
  if (fault?.kind === 'drop-after-accept') {
    req.socket.destroy();
    return;
  }
  if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
  sendReply(res, reply);
}

/** Listens on 127.0.0.1 with a free port; resolves with the port. */
export async function listenOnLoopback(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Closes the server, cutting open connections instead of waiting for them. */
export async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** A JSON object as a record; undefined for anything else (arrays, null, scalars). */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
