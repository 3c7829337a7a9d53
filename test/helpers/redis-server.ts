// A redis-server of the test's own, for tests of the external-Redis mode (REDIS_HOST).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { waitFor } from './wait-for';
import { freePort } from './free-port';

export interface RunningRedis {
  port: number;
  password: string;
  stop(): Promise<void>;
  /** Ends it as a crash does (SIGKILL): no save, no goodbye to clients. */
  kill(): Promise<void>;
}

/** Starts one with no persistence; `at` starts it again where an earlier one listened, empty. */
export async function startRedisServer(at?: Pick<RunningRedis, 'port' | 'password'>): Promise<RunningRedis> {
  const port = at?.port ?? (await freePort());
  const password = at?.password ?? randomBytes(12).toString('hex');
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--requirepass', password, '--save', '', '--appendonly', 'no', '--hz', '100'],
    {
      stdio: 'ignore',
    },
  );
  const probe = new Redis({ host: '127.0.0.1', port, password, lazyConnect: true, retryStrategy: () => 20, maxRetriesPerRequest: 0 });
  // Refused connections are expected until the server listens.
  probe.on('error', () => undefined);
  try {
    await waitFor(
      () => probe.ping().catch(() => 'down'),
      (reply) => reply === 'PONG',
      10_000,
      `redis-server on port ${port} (is redis-server installed?)`,
    );
  } finally {
    probe.disconnect();
  }
  const end = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  return { port, password, stop: () => end('SIGTERM'), kill: () => end('SIGKILL') };
}
