// Reconcile against a real Redis that comes back empty, with the real engine (SQLite file) and the real X publisher
// against the fake X behind a proxy that cuts the network. A target that waits to ask X whether its post went live
// sleeps in a delayed job; Redis losing that job must not leave the post stuck in "publishing".
import { afterEach, describe, expect, it } from 'vitest';
import { PLATFORMS, type PostView } from '../../shared/domain';
import { createEngine, type Engine } from '../../electron/engine/engine';
import { OutageProxy } from '../fakes/shared/outage-proxy';
import { FakeTwitter } from '../fakes/twitter/fake-twitter';
import { freePort } from '../helpers/free-port';
import { startRedisServer, type RunningRedis } from '../helpers/redis-server';
import { FAST_QUEUE, makeDataDir, removeDataDir, testEnv } from '../helpers/test-engine';
import { waitFor } from '../helpers/wait-for';
import { Cleanup } from '../helpers/cleanup';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

/** Probes every 200 ms at first, never more than 1 s apart. */
const FAST_CONNECTIVITY = { firstCheckMs: 200, maxCheckMs: 1_000, probeTimeoutMs: 1_000 };

describe('reconcile when Redis comes back empty', () => {
  it('gives a target waiting to ask X its job back, and the post is found on X once, not posted again', async () => {
    const x = await FakeTwitter.start();
    cleanup.add(() => x.close());
    const proxy = await OutageProxy.start(x.origin);
    cleanup.add(() => proxy.close());
    let redis: RunningRedis = await startRedisServer();
    cleanup.add(() => redis.stop());
    const closed = await freePort();
    const env: NodeJS.ProcessEnv = { REDIS_HOST: '127.0.0.1', REDIS_PORT: String(redis.port), REDIS_PASSWORD: redis.password };
    for (const platform of PLATFORMS) env[`PUBLISHING_ENGINE_${platform.toUpperCase()}_API_ORIGIN`] = `http://127.0.0.1:${closed}`;
    env.PUBLISHING_ENGINE_TWITTER_API_ORIGIN = proxy.origin;
    const dataDir = makeDataDir();
    cleanup.add(() => removeDataDir(dataDir));
    const engine: Engine = createEngine({ dataDir, env: testEnv(env), appRoot: process.cwd(), queue: FAST_QUEUE, connectivity: FAST_CONNECTIVITY });
    cleanup.add(() => engine.stop());
    await engine.start();

    const user = x.addUser('corner_bakery');
    const account = await engine.api.invoke('accounts:add', {
      platform: 'twitter',
      name: '@corner_bakery',
      accessToken: user.accessToken,
      externalId: user.userId,
    });
    const get = (id: string) => engine.api.invoke('posts:get', { id });
    const until = (id: string, accept: (post: PostView) => boolean, label: string) => waitFor(() => get(id), accept, 30_000, label);

    // The create reaches X but its answer is lost, and the network is gone before the engine can ask.
    await proxy.set('cut-after-create');
    const post = await engine.api.invoke('posts:create', { text: 'Sourdough is back', targets: [{ accountId: account.id }], mode: 'now' });
    const asking = await until(post.id, (p) => p.targets[0]?.waiting !== null, 'the target to wait to ask X');
    expect(asking.targets[0]).toMatchObject({ status: 'publishing', waiting: { reason: 'network' } });
    expect(x.tweets).toHaveLength(1);

    // Redis crashes and comes back with nothing: the delayed job that would ask X is gone.
    await redis.kill();
    redis = await startRedisServer(redis);
    // Stats are refused while the engine reconnects; the rebuilt job is the one that answers after.
    const jobs = () =>
      engine.api.invoke('queue:stats', {}).then(
        (stats) => stats.counts.delayed + stats.counts.waiting,
        () => 0,
      );
    expect(await waitFor(jobs, (count) => count > 0, 30_000, 'the job rebuilt from SQLite')).toBe(1);

    await proxy.set('up');
    const done = await until(post.id, (p) => p.status === 'published', 'the post to be found on X');
    expect(done.targets[0]).toMatchObject({ status: 'published', platformPostId: x.tweets[0]?.id, waiting: null });
    expect(x.tweets).toHaveLength(1);
    expect(x.server.requestsTo('/2/tweets', 'POST')).toHaveLength(1);
  });
});
