// The idle baseline in a process of its own (argv[2]: Redis's hz): raw BullMQ — one Queue and one Worker with the
// engine's worker settings, 10,000 delayed jobs an hour and more ahead — on a redis-server configured as the engine
// configures its own. Prints {"pid","redisPid"} when ready; stops its Redis and exits on SIGTERM.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { findRedisBinary } from '../../electron/engine/redis/binary';
import { serverConfig } from '../../electron/engine/redis/server-config';
import { spawnRedisServer } from '../../electron/engine/redis/server-process';
import { waitForPing } from '../../electron/engine/redis/wait-for-ping';
import { DEFAULT_QUEUE_SETTINGS } from '../../electron/engine/publishing/queue-settings';

export const IDLE_JOBS = 10_000;
const HOUR_MS = 3_600_000;

async function main(): Promise<void> {
  const hz = Number(process.argv[2]);
  const dir = mkdtempSync(join(tmpdir(), 'pe-bench-raw-idle-'));
  const endpoint = { path: join(dir, 'redis.sock'), username: 'publishing-engine', password: 'raw-bench-password' };
  const binary = findRedisBinary({ env: process.env, appRoot: process.cwd() });
  const server = await spawnRedisServer(
    binary,
    serverConfig({ listener: { kind: 'unix', path: endpoint.path }, password: endpoint.password, dir, hz }),
    () => undefined,
  );
  await waitForPing(endpoint, { timeoutMs: 10_000, intervalMs: 5 });
  const connection = () => new Redis({ ...endpoint, maxRetriesPerRequest: null });
  const queue = new Queue('raw-idle', { connection: connection() });
  const settings = DEFAULT_QUEUE_SETTINGS;
  const worker = new Worker('raw-idle', async () => undefined, {
    connection: connection(),
    concurrency: settings.concurrency,
    lockDuration: settings.lockDurationMs,
    stalledInterval: settings.stalledIntervalMs,
    maxStalledCount: settings.maxStalledCount,
  });
  await worker.waitUntilReady();
  for (let first = 0; first < IDLE_JOBS; first += 1000) {
    await queue.addBulk(
      Array.from({ length: 1000 }, (_, offset) => ({
        name: 'idle',
        data: { targetId: `t${first + offset}` },
        opts: { jobId: `idle-${first + offset}`, delay: HOUR_MS + ((first + offset) * 7 * 24 * HOUR_MS) / IDLE_JOBS },
      })),
    );
  }
  process.stdout.write(`${JSON.stringify({ pid: process.pid, redisPid: server.pid })}\n`);
  process.once('SIGTERM', () => {
    void (async () => {
      await worker.close();
      await queue.close();
      await server.terminate(5_000);
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    })();
  });
}

void main();
