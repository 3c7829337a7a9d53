// What must survive: an engine restart, a wiped Redis, a killed Redis, an engine killed mid-publish.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine';
import { FeedPublisher } from '../fakes/feed/feed-publisher';
import { FeedServer } from '../fakes/feed/feed-server';
import { startRedisServer, type RunningRedis } from '../helpers/redis-server';
import { addAccount, makeDataDir, removeDataDir, startTestEngine, testEnv } from '../helpers/test-engine';
import { waitFor } from '../helpers/wait-for';

let feed: FeedServer;
let dataDir: string;
const cleanups: (() => Promise<unknown> | unknown)[] = [];

beforeEach(async () => {
  feed = await new FeedServer().start();
  dataDir = makeDataDir();
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await feed.close();
  removeDataDir(dataDir);
});

async function start(env?: NodeJS.ProcessEnv): Promise<Engine> {
  const engine = await startTestEngine({ dataDir, publishers: { facebook: new FeedPublisher('facebook', feed.origin) }, ...(env ? { env } : {}) });
  cleanups.push(() => engine.stop());
  return engine;
}

const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();

async function schedule(engine: Engine, accountId: string, count: number, atMs: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const post = await engine.api.invoke('posts:create', { text: `Post ${i}`, targets: [{ accountId }], mode: 'schedule', scheduledAt: inMs(atMs) });
    ids.push(post.id);
  }
  return ids;
}

async function allPublished(engine: Engine, ids: string[]): Promise<void> {
  await waitFor(
    async () => Promise.all(ids.map((id) => engine.api.invoke('posts:get', { id }).then((p) => p.status))),
    (statuses) => statuses.every((status) => status === 'published'),
    30_000,
    'every post published',
  );
}

/** Connections with client-side-caching tracking on (flag `t` in CLIENT LIST). */
async function trackingClients(admin: Redis): Promise<number> {
  const list = String(await admin.call('CLIENT', 'LIST'));
  return list.split('\n').filter((line) => /\bflags=\S*t/.test(line)).length;
}

describe('chaos', () => {
  it('jobs pending at shutdown still fire after a restart (AOF)', async () => {
    const first = await start();
    const account = await addAccount(first, 'facebook');
    const ids = await schedule(first, account.id, 3, 2500);
    await first.stop();
    cleanups.pop();

    const second = await start();
    expect((await second.api.invoke('queue:stats', {})).counts.delayed).toBe(3);
    await allPublished(second, ids);
    expect(feed.posts).toHaveLength(3);
  });

  it('rebuilds every job from SQLite when Redis is wiped', async () => {
    const redis: RunningRedis = await startRedisServer();
    cleanups.push(() => redis.stop());
    const engine = await start(testEnv({ REDIS_HOST: '127.0.0.1', REDIS_PORT: String(redis.port), REDIS_PASSWORD: redis.password }));
    const account = await addAccount(engine, 'facebook');
    const ids = await schedule(engine, account.id, 5, 3000);

    const admin = new Redis({ host: '127.0.0.1', port: redis.port, password: redis.password });
    cleanups.push(() => admin.quit());
    // The engine asked Redis to tell it when its marker key goes (tracking flag t): it does not poll.
    expect(await trackingClients(admin)).toBe(1);
    await admin.flushall();
    expect(await admin.dbsize()).toBe(0);

    await waitFor(
      () => engine.api.invoke('queue:stats', {}),
      (stats) => stats.counts.delayed === 5,
      10_000,
      '5 delayed jobs again',
    );
    await allPublished(engine, ids);
    expect(feed.posts).toHaveLength(5);
  });

  it('rebuilds every job when Redis is wiped, also from a server that does not track keys for it (polling)', async () => {
    const redis: RunningRedis = await startRedisServer();
    cleanups.push(() => redis.stop());
    const admin = new Redis({ host: '127.0.0.1', port: redis.port, password: redis.password });
    cleanups.push(() => admin.quit());
    // As on Redis 5, or under an ACL without CLIENT: the engine cannot ask to be told, so it looks every few seconds.
    await admin.call('ACL', 'SETUSER', 'default', '-client|tracking');
    const engine = await start(testEnv({ REDIS_HOST: '127.0.0.1', REDIS_PORT: String(redis.port), REDIS_PASSWORD: redis.password }));
    const account = await addAccount(engine, 'facebook');
    const ids = await schedule(engine, account.id, 3, 8000);
    expect(await trackingClients(admin)).toBe(0);

    await admin.flushall();
    await waitFor(
      () => engine.api.invoke('queue:stats', {}),
      (stats) => stats.counts.delayed === 3,
      15_000,
      '3 delayed jobs again',
    );
    await allPublished(engine, ids);
    expect(feed.posts).toHaveLength(3);
  });

  it('survives Redis being killed mid-run: restarted, nothing lost, nothing doubled', async () => {
    const engine = await start();
    const account = await addAccount(engine, 'facebook');
    const ids = await schedule(engine, account.id, 5, 2500);
    feed.failNext({ kind: 'hold', ms: 1500 });
    const inFlight = await engine.api.invoke('posts:create', { text: 'In flight', targets: [{ accountId: account.id }], mode: 'now' });
    await waitFor(
      () => feed.createRequests,
      (n) => n === 1,
      10_000,
      'the in-flight publish to reach the platform',
    );

    const { pid } = JSON.parse(readFileSync(join(dataDir, 'redis', 'redis.pid'), 'utf8')) as { pid: number };
    process.kill(pid, 'SIGKILL');

    await allPublished(engine, [...ids, inFlight.id]);
    expect(feed.posts).toHaveLength(6);
    expect(new Set(feed.posts.map((p) => p.text)).size).toBe(6);
  });

  it('a Redis that crashes and comes back empty (no AOF) is rebuilt on reconnect: nothing lost, nothing doubled', async () => {
    let redis: RunningRedis = await startRedisServer();
    cleanups.push(() => redis.stop());
    const engine = await start(testEnv({ REDIS_HOST: '127.0.0.1', REDIS_PORT: String(redis.port), REDIS_PASSWORD: redis.password }));
    const account = await addAccount(engine, 'facebook');
    const ids = await schedule(engine, account.id, 4, 3000);

    await redis.kill();
    redis = await startRedisServer(redis);

    await allPublished(engine, ids);
    expect(feed.posts).toHaveLength(4);
    expect(new Set(feed.posts.map((p) => p.text)).size).toBe(4);
  });

  it('an engine killed with SIGKILL in the middle of a publish settles the post exactly once after restart', async () => {
    feed.failNext({ kind: 'hold', ms: 60_000 });
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures', 'engine-child.ts')], {
      env: { ...process.env, DATA_DIR: dataDir, FEED_ORIGIN: feed.origin },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanups.push(() => child.exitCode === null && child.kill('SIGKILL'));
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

    await waitFor(
      () => feed.createRequests,
      (n) => n === 1,
      30_000,
      `the child's publish to reach the platform (child said: ${output})`,
    );
    const { postId } = JSON.parse(output.split('\n')[0] ?? '{}') as { postId: string };
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    const engine = await start();
    const settled = await waitFor(
      () => engine.api.invoke('posts:get', { id: postId }),
      (p) => p.status === 'published',
      30_000,
      'the post settled',
    );
    expect(feed.posts).toHaveLength(1);
    expect(feed.createRequests).toBe(1);
    expect(settled.targets[0]?.platformPostId).toBe(feed.posts[0]?.id);
  });
});
