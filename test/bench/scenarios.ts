// Each benchmark scenario runs in a fresh process (see run.ts) and prints one JSON object of figures.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { Queue, Worker } from 'bullmq';
import { connectControl } from '../../electron/engine/control/control-client';
import { Redis } from 'ioredis';
import { createEngine, type Engine } from '../../electron/engine/engine';
import { createRedisProvider } from '../../electron/engine/redis';
import { DEFAULT_QUEUE_SETTINGS } from '../../electron/engine/publishing/queue-settings';
import { calendar } from './calendar-scenario';
import { uploadMemory } from './upload-memory-scenario';
import { InstantPublisher } from './instant-publisher';
import { percentile, round, rssOfPid } from './stats';

const env = { PATH: process.env.PATH, HOME: process.env.HOME };

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'pe-bench-'));
}

async function withEngine<T>(run: (engine: Engine, publisher: InstantPublisher, dataDir: string) => Promise<T>): Promise<T> {
  const dataDir = tempDir();
  const publisher = new InstantPublisher('facebook');
  const engine = createEngine({ dataDir, env, appRoot: process.cwd(), publishers: { facebook: publisher } });
  await engine.start();
  try {
    return await run(engine, publisher, dataDir);
  } finally {
    await engine.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Raw BullMQ on a Redis started exactly as the engine starts its own. */
async function withRawBullmq<T>(run: (connection: () => Redis, queueName: string) => Promise<T>): Promise<T> {
  const dataDir = tempDir();
  const redis = createRedisProvider({ dataDir, env, appRoot: process.cwd() });
  const endpoint = await redis.start();
  const clients: Redis[] = [];
  const connection = () => {
    const client = new Redis({ ...endpoint, maxRetriesPerRequest: null });
    clients.push(client);
    return client;
  };
  try {
    return await run(connection, 'raw-bench');
  } finally {
    for (const client of clients) client.disconnect();
    await redis.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('Benchmark timed out.');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

const LATENESS_TARGETS = 500;
const LATENESS_SPREAD_MS = 3000;
const LATENESS_LEAD_MS = 2000;
/** Fired before the measured ones, so both sides are measured warm: the first publish after start is not the norm. */
const LATENESS_WARMUP = 20;

/** Due times: warm-up targets first, then the measured ones at random over the spread. */
function dueTimes(base: number): { at: number; measured: boolean }[] {
  return [
    ...Array.from({ length: LATENESS_WARMUP }, (_, i) => ({ at: base - LATENESS_LEAD_MS / 2 + i * 10, measured: false })),
    ...Array.from({ length: LATENESS_TARGETS }, () => ({ at: base + Math.floor(Math.random() * LATENESS_SPREAD_MS), measured: true })),
  ];
}

function latenessFigures(prefix: string, late: number[]): Record<string, number> {
  return {
    [`${prefix}lateness_p50_ms`]: round(percentile(late, 50)),
    [`${prefix}lateness_p99_ms`]: round(percentile(late, 99)),
    [`${prefix}lateness_max_ms`]: round(Math.max(...late)),
  };
}

/** How late each platform call starts, for targets due at random times over 3 s. */
export async function lateness(): Promise<Record<string, number>> {
  const late = await withEngine(async (e, publisher) => {
    const account = await e.api.invoke('accounts:add', { platform: 'facebook', name: 'Bench', accessToken: 'bench' });
    const due = new Map<string, { at: number; measured: boolean }>();
    const times = dueTimes(Date.now() + LATENESS_LEAD_MS);
    await Promise.all(
      times.map(async (time, i) => {
        due.set(`late ${i}`, time);
        await e.api.invoke('posts:create', {
          text: `late ${i}`,
          targets: [{ accountId: account.id }],
          mode: 'schedule',
          scheduledAt: new Date(time.at).toISOString(),
        });
      }),
    );
    await until(() => publisher.calls.length >= times.length, 30_000);
    return publisher.calls.filter((call) => due.get(call.text)?.measured).map((call) => call.at - (due.get(call.text)?.at ?? call.at));
  });
  return latenessFigures('', late);
}

/** The same for raw BullMQ's delayed jobs and a no-op worker, in a process of its own. */
export async function latenessBullmq(): Promise<Record<string, number>> {
  const late = await withRawBullmq(async (connection, name) => {
    const queue = new Queue(name, { connection: connection() });
    const late: number[] = [];
    const worker = new Worker(
      name,
      async (job) => {
        const data = job.data as { due: number; measured: boolean };
        if (data.measured) late.push(Date.now() - data.due);
      },
      { connection: connection(), concurrency: DEFAULT_QUEUE_SETTINGS.concurrency },
    );
    await worker.waitUntilReady();
    const times = dueTimes(Date.now() + LATENESS_LEAD_MS);
    await queue.addBulk(
      times.map((time, i) => ({
        name: 'late',
        data: { due: time.at, measured: time.measured },
        opts: { jobId: `late-${i}`, delay: time.at - Date.now() },
      })),
    );
    await until(() => late.length >= LATENESS_TARGETS, 30_000);
    await worker.close();
    await queue.close();
    return late;
  });
  return latenessFigures('bullmq_', late);
}

const THROUGHPUT_TARGETS = 5000;

async function engineThroughput(): Promise<number> {
  return withEngine(async (e, publisher) => {
    const account = await e.api.invoke('accounts:add', { platform: 'facebook', name: 'Bench', accessToken: 'bench' });
    await e.api.invoke('queue:pause', {});
    for (let i = 0; i < THROUGHPUT_TARGETS; i += 50) {
      await Promise.all(
        Array.from({ length: 50 }, (_, j) =>
          e.api.invoke('posts:create', { text: `now ${i + j}`, targets: [{ accountId: account.id }], mode: 'now' }),
        ),
      );
    }
    let settled = 0;
    e.events.on('publish:result', () => (settled += 1));
    const started = performance.now();
    await e.api.invoke('queue:resume', {});
    await until(() => settled >= THROUGHPUT_TARGETS, 120_000);
    const seconds = (performance.now() - started) / 1000;
    if (publisher.calls.length !== THROUGHPUT_TARGETS) throw new Error(`Expected ${THROUGHPUT_TARGETS} publishes, saw ${publisher.calls.length}.`);
    return THROUGHPUT_TARGETS / seconds;
  });
}

async function rawThroughput(): Promise<number> {
  return withRawBullmq(async (connection, name) => {
    const queue = new Queue(name, { connection: connection() });
    await queue.pause();
    await queue.addBulk(
      Array.from({ length: THROUGHPUT_TARGETS }, (_, i) => ({ name: 'noop', data: { targetId: `t${i}` }, opts: { jobId: `noop-${i}` } })),
    );
    let done = 0;
    const worker = new Worker(name, async () => undefined, { connection: connection(), concurrency: DEFAULT_QUEUE_SETTINGS.concurrency });
    worker.on('completed', () => (done += 1));
    await worker.waitUntilReady();
    const started = performance.now();
    await queue.resume();
    await until(() => done >= THROUGHPUT_TARGETS, 120_000);
    const seconds = (performance.now() - started) / 1000;
    await worker.close();
    await queue.close();
    return THROUGHPUT_TARGETS / seconds;
  });
}

const THROUGHPUT_ROUNDS = 3;

/** Engine and raw BullMQ in alternating rounds, so a noisy neighbour affects both alike; medians compared. */
export async function throughput(): Promise<Record<string, number>> {
  const engine: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < THROUGHPUT_ROUNDS; i += 1) {
    engine.push(await engineThroughput());
    raw.push(await rawThroughput());
  }
  process.stderr.write(
    `throughput rounds: engine ${engine.map((r) => Math.round(r)).join(', ')}; raw BullMQ ${raw.map((r) => Math.round(r)).join(', ')}\n`,
  );
  const engineRate = percentile(engine, 50);
  const rawRate = percentile(raw, 50);
  return {
    publish_throughput_per_s: round(engineRate, 0),
    bullmq_noop_throughput_per_s: round(rawRate, 0),
    throughput_ratio_vs_bullmq: round(engineRate / rawRate, 2),
  };
}

const BULK_POSTS = 10_000;

export async function bulkSchedule(): Promise<Record<string, number>> {
  return withEngine(async (e) => {
    const account = await e.api.invoke('accounts:add', { platform: 'facebook', name: 'Bench', accessToken: 'bench' });
    const at = new Date(Date.now() + 7 * 24 * 3600_000).toISOString();
    const started = performance.now();
    for (let i = 0; i < BULK_POSTS; i += 100) {
      await Promise.all(
        Array.from({ length: 100 }, (_, j) =>
          e.api.invoke('posts:create', { text: `bulk ${i + j}`, targets: [{ accountId: account.id }], mode: 'schedule', scheduledAt: at }),
        ),
      );
    }
    const bulkMs = performance.now() - started;
    const stats = await e.api.invoke('queue:stats', {});
    if (stats.counts.delayed !== BULK_POSTS) throw new Error(`Expected ${BULK_POSTS} delayed jobs, saw ${stats.counts.delayed}.`);
    return { bulk_schedule_10k_ms: round(bulkMs, 0) };
  });
}

/** Starts the built `serve` command (the engine as shipped) and resolves when it is ready. */
async function startServe(dataDir: string): Promise<ChildProcess> {
  const cli = join(process.cwd(), 'out', 'main', 'cli.js');
  const serve = spawn(process.execPath, [cli, 'serve', '--json', '--data-dir', dataDir], { env, stdio: ['ignore', 'pipe', 'ignore'] });
  await new Promise<void>((resolve, reject) => {
    serve.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    serve.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('"ready":true') && resolve());
  });
  return serve;
}

async function stopServe(serve: ChildProcess): Promise<void> {
  if (serve.exitCode !== null) return;
  const exited = new Promise((resolve) => serve.once('exit', resolve));
  serve.kill('SIGTERM');
  await exited;
}

function engineAndRedisRss(serve: ChildProcess, dataDir: string): { engine: number; redis: number } {
  const { pid } = JSON.parse(readFileSync(join(dataDir, 'redis', 'redis.pid'), 'utf8')) as { pid: number };
  return { engine: rssOfPid(serve.pid ?? 0), redis: rssOfPid(pid) };
}

/**
 * The engine as shipped plus its Redis, idle with 10,000 scheduled targets: the app sitting in the tray after a
 * start. Also the figure right after scheduling them, before V8 gives back the burst's young-generation space.
 */
export async function idleMemory(): Promise<Record<string, number>> {
  const dataDir = tempDir();
  let serve = await startServe(dataDir);
  try {
    const client = await connectControl(dataDir);
    const account = await client.invoke('accounts:add', { platform: 'facebook', name: 'Bench', accessToken: 'bench' });
    const at = new Date(Date.now() + 7 * 24 * 3600_000).toISOString();
    for (let i = 0; i < BULK_POSTS; i += 100) {
      await Promise.all(
        Array.from({ length: 100 }, (_, j) =>
          client.invoke('posts:create', { text: `idle ${i + j}`, targets: [{ accountId: account.id }], mode: 'schedule', scheduledAt: at }),
        ),
      );
    }
    client.close();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const afterBurst = engineAndRedisRss(serve, dataDir);
    await stopServe(serve);

    serve = await startServe(dataDir);
    const check = await connectControl(dataDir);
    const stats = await check.invoke('queue:stats', {});
    check.close();
    if (stats.counts.delayed !== BULK_POSTS) throw new Error(`Expected ${BULK_POSTS} delayed jobs, saw ${stats.counts.delayed}.`);
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const idle = engineAndRedisRss(serve, dataDir);
    return {
      idle_rss_mb: round((idle.engine + idle.redis) / 2 ** 20),
      idle_engine_rss_mb: round(idle.engine / 2 ** 20),
      idle_redis_rss_mb: round(idle.redis / 2 ** 20),
      rss_after_scheduling_10k_mb: round((afterBurst.engine + afterBurst.redis) / 2 ** 20),
    };
  } finally {
    await stopServe(serve);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function coldStart(): Promise<Record<string, number>> {
  const times: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    const dataDir = tempDir();
    const engine = createEngine({ dataDir, env, appRoot: process.cwd(), publishers: { facebook: new InstantPublisher('facebook') } });
    const started = performance.now();
    await engine.start();
    times.push(performance.now() - started);
    await engine.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return { cold_start_ms: round(percentile(times, 50), 0) };
}

export const SCENARIOS = { calendar, lateness, latenessBullmq, throughput, bulkSchedule, idleMemory, coldStart, uploadMemory } as const;
