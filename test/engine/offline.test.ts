// Offline-aware publishing against real outages: the real engine (bundled redis-server, SQLite file), the real X and
// LinkedIn publishers, the fake X and LinkedIn APIs behind a proxy that refuses connections, answers with a captive
// portal or loses the answer to a create; a host that resets during the TLS handshake; a .invalid origin.
// Probe timings and the late tolerance are shortened through engine options, so nothing here waits for minutes.
import net, { type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PLATFORMS, type PostView, type QueueStats, type TargetView } from '../../shared/domain';
import { createEngine, type Engine, type EngineOptions } from '../../electron/engine/engine';
import { FeedPublisher } from '../fakes/feed/feed-publisher';
import { FeedServer } from '../fakes/feed/feed-server';
import { FakeLinkedIn } from '../fakes/linkedin/fake-linkedin';
import { OutageProxy } from '../fakes/shared/outage-proxy';
import { FakeTwitter } from '../fakes/twitter/fake-twitter';
import { freePort } from '../helpers/free-port';
import { FAST_QUEUE, makeDataDir, removeDataDir, testEnv } from '../helpers/test-engine';
import { sleep, waitFor } from '../helpers/wait-for';
import { Cleanup } from '../platforms-e2e/platform-engine';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

/** Probes every 200 ms at first, never more than 1 s apart: the shape of the real 2 s … 60 s, faster. */
const FAST_CONNECTIVITY = { firstCheckMs: 200, maxCheckMs: 1_000, probeTimeoutMs: 1_000 };

interface World {
  x: FakeTwitter;
  xProxy: OutageProxy;
  linkedin: FakeLinkedIn;
  linkedinProxy: OutageProxy;
  env: NodeJS.ProcessEnv;
  dataDir: string;
}

/** The fake platforms behind their proxies, every other platform on a closed port, and a data directory. */
async function world(): Promise<World> {
  const [x, linkedin, closed] = await Promise.all([FakeTwitter.start(), FakeLinkedIn.start(), freePort()]);
  cleanup.add(() => x.close());
  cleanup.add(() => linkedin.close());
  const [xProxy, linkedinProxy] = await Promise.all([OutageProxy.start(x.origin), OutageProxy.start(linkedin.origin)]);
  cleanup.add(() => xProxy.close());
  cleanup.add(() => linkedinProxy.close());
  const env: NodeJS.ProcessEnv = {};
  for (const platform of PLATFORMS) env[`PUBLISHING_ENGINE_${platform.toUpperCase()}_API_ORIGIN`] = `http://127.0.0.1:${closed}`;
  env.PUBLISHING_ENGINE_TWITTER_API_ORIGIN = xProxy.origin;
  env.PUBLISHING_ENGINE_LINKEDIN_API_ORIGIN = linkedinProxy.origin;
  const dataDir = makeDataDir();
  cleanup.add(() => removeDataDir(dataDir));
  return { x, xProxy, linkedin, linkedinProxy, env, dataDir };
}

async function engineOf(w: World, options: Partial<EngineOptions> = {}): Promise<Engine> {
  const engine = createEngine({
    dataDir: w.dataDir,
    env: testEnv(w.env),
    appRoot: process.cwd(),
    queue: FAST_QUEUE,
    connectivity: FAST_CONNECTIVITY,
    ...options,
  });
  cleanup.add(() => engine.stop());
  await engine.start();
  return engine;
}

async function xAccount(w: World, engine: Engine, name = 'corner_bakery') {
  const user = w.x.addUser(name);
  return engine.api.invoke('accounts:add', { platform: 'twitter', name: `@${name}`, accessToken: user.accessToken, externalId: user.userId });
}

async function linkedinAccount(w: World, engine: Engine) {
  const member = w.linkedin.addMember();
  return engine.api.invoke('accounts:add', {
    platform: 'linkedin',
    name: 'Ada Lovelace',
    accessToken: member.accessToken,
    externalId: member.member,
  });
}

const postOf = (engine: Engine, id: string) => engine.api.invoke('posts:get', { id });
const stats = (engine: Engine) => engine.api.invoke('queue:stats', {});
const only = (post: PostView): TargetView => post.targets[0] as TargetView;
const targetOn = (post: PostView, platform: TargetView['platform']) => post.targets.find((target) => target.platform === platform) as TargetView;

function untilPost(engine: Engine, id: string, accept: (post: PostView) => boolean, label: string, timeoutMs = 20_000): Promise<PostView> {
  return waitFor(() => postOf(engine, id), accept, timeoutMs, label);
}

async function schedule(engine: Engine, text: string, accountIds: string[], inMs: number): Promise<PostView> {
  return engine.api.invoke('posts:create', {
    text,
    targets: accountIds.map((accountId) => ({ accountId })),
    mode: 'schedule',
    scheduledAt: new Date(Date.now() + inMs).toISOString(),
  });
}

describe('losing the network is not a failure of the post', () => {
  it('waits through an outage across its due time, says why and since when, and publishes once when the platform is back, spending no try', async () => {
    const w = await world();
    const engine = await engineOf(w);
    const account = await xAccount(w, engine);
    await w.xProxy.set('refuse');
    const changes: TargetView[] = [];
    engine.events.on('target:changed', ({ target }) => changes.push(target));

    const post = await schedule(engine, 'Good morning from the train', [account.id], 300);
    const waiting = await untilPost(engine, post.id, (p) => only(p).waiting !== null, 'the post to wait for the network');
    expect(only(waiting)).toMatchObject({ status: 'pending', attemptCount: 0, waiting: { reason: 'network' } });
    expect(only(waiting).errorMessage).toMatch(/^X \(Twitter\): 127\.0\.0\.1:\d+ could not be reached \(connection refused\); nothing was sent\.$/);
    expect(Date.parse(only(waiting).waiting?.since ?? '')).toBeGreaterThanOrEqual(Date.parse(post.scheduledAt ?? ''));
    // The post is on its way: due, and waiting for the network.
    expect(waiting.status).toBe('publishing');

    const offline = await stats(engine);
    expect(offline.connectivity).toMatchObject({ state: 'offline', platformsDown: [], systemOffline: false });
    expect(offline.connectivity.offlineSince).not.toBeNull();
    expect(offline.connectivity.nextCheckAt).not.toBeNull();
    expect(offline.waiting).toEqual({ network: { posts: 1, targets: 1 }, platform: { posts: 0, targets: 0 } });

    // Down for a while past its time: probed now and then, never tried as a failure.
    await sleep(2_500);
    const still = await postOf(engine, post.id);
    expect(only(still)).toMatchObject({ status: 'pending', attemptCount: 0, waiting: { reason: 'network' } });
    expect(w.xProxy.connections.refuse).toBe(0);
    expect(w.x.tweets).toHaveLength(0);

    await w.xProxy.set('up');
    const done = await untilPost(engine, post.id, (p) => p.status === 'published', 'the post to go out once X is back');
    expect(only(done)).toMatchObject({ status: 'published', attemptCount: 1, waiting: null, errorMessage: null });
    expect(w.x.tweets.map((tweet) => tweet.sentText)).toEqual(['Good morning from the train']);
    expect(w.x.server.requestsTo('/2/tweets', 'POST')).toHaveLength(1);
    expect((await stats(engine)).connectivity).toMatchObject({ state: 'online', offlineSince: null, nextCheckAt: null });
    // It was never reported as failing, nor as retrying.
    expect(changes.some((target) => target.status === 'failed' || /Trying again|tried again/.test(target.errorMessage ?? ''))).toBe(false);
  });

  it('becomes missed when the wait passes the late tolerance, says so, and publishes late in one click', async () => {
    const w = await world();
    const engine = await engineOf(w, { lateToleranceMs: 1_500 });
    const account = await xAccount(w, engine);
    const missed: TargetView[] = [];
    engine.events.on('targets:missed', ({ targets }) => missed.push(...targets));
    await w.xProxy.set('refuse');

    const post = await schedule(engine, 'Lunch special: soup', [account.id], 200);
    await untilPost(engine, post.id, (p) => only(p).waiting !== null, 'the post to wait');
    const failed = await untilPost(engine, post.id, (p) => p.status === 'failed', 'the post to be missed');
    expect(only(failed)).toMatchObject({ status: 'failed', waiting: null, attemptCount: 0 });
    expect(only(failed).errorMessage).toMatch(
      /^Missed: it was due at \S+Z, but the network could not be reached from \S+Z until more than 1\.5 seconds later\. Nothing was posted\. Reschedule it or publish it now\.$/,
    );
    // Reported as after sleep, so the desktop notifies it the same way.
    await waitFor(
      () => missed.map((target) => target.id),
      (ids) => ids.length > 0,
      5_000,
      'the missed report',
    );
    expect(missed.map((target) => target.id)).toEqual([only(post).id]);
    expect(w.x.tweets).toHaveLength(0);

    // Back on the network, "Publish now" on the missed post.
    await w.xProxy.set('up');
    await engine.api.invoke('publishing:retry', { id: post.id });
    const done = await untilPost(engine, post.id, (p) => p.status === 'published', 'the late publish');
    expect(only(done).status).toBe('published');
    expect(w.x.tweets.map((tweet) => tweet.sentText)).toEqual(['Lunch special: soup']);
  });

  it('holds back only the targets of a platform that is down while another answers', async () => {
    const w = await world();
    const engine = await engineOf(w);
    const [x, linkedin] = [await xAccount(w, engine), await linkedinAccount(w, engine)];
    await w.xProxy.set('refuse');

    const post = await schedule(engine, 'We are hiring bakers', [x.id, linkedin.id], 200);
    const split = await untilPost(
      engine,
      post.id,
      (p) => targetOn(p, 'linkedin').status === 'published' && targetOn(p, 'twitter').waiting !== null,
      'LinkedIn published and X waiting',
    );
    expect(targetOn(split, 'twitter')).toMatchObject({ status: 'pending', attemptCount: 0, waiting: { reason: 'platform' } });
    expect(split.status).toBe('publishing');
    const down = await stats(engine);
    expect(down.connectivity).toMatchObject({ state: 'online', offlineSince: null, platformsDown: [{ platform: 'twitter' }] });
    expect(down.waiting).toEqual({ network: { posts: 0, targets: 0 }, platform: { posts: 1, targets: 1 } });
    expect(w.linkedin.posts).toHaveLength(1);

    await w.xProxy.set('up');
    const done = await untilPost(engine, post.id, (p) => p.status === 'published', 'X to catch up');
    expect(targetOn(done, 'twitter')).toMatchObject({ status: 'published', attemptCount: 1 });
    expect(w.x.tweets).toHaveLength(1);
    expect(w.linkedin.posts).toHaveLength(1);
  });

  it('treats an unresolvable host (a .invalid origin) as offline', async () => {
    const w = await world();
    const engine = await engineOf(w, { env: testEnv({ ...w.env, PUBLISHING_ENGINE_TWITTER_API_ORIGIN: 'http://api.x.invalid' }) });
    const account = await xAccount(w, engine);
    const post = await engine.api.invoke('posts:create', { text: 'Open late tonight', targets: [{ accountId: account.id }], mode: 'now' });
    const waiting = await untilPost(engine, post.id, (p) => only(p).waiting !== null, 'the post to wait for the network');
    expect(only(waiting)).toMatchObject({ status: 'pending', attemptCount: 0, waiting: { reason: 'network' } });
    expect(only(waiting).errorMessage).toMatch(/api\.x\.invalid could not be reached \(the server name could not be resolved\)/);
    expect((await stats(engine)).connectivity.state).toBe('offline');
  });

  it('waits when the host resets the connection before the request is sent (during the TLS handshake)', async () => {
    const w = await world();
    const resetting = net.createServer((socket) => socket.resetAndDestroy());
    await new Promise<void>((resolve) => resetting.listen(0, '127.0.0.1', resolve));
    cleanup.add(() => new Promise((resolve) => resetting.close(resolve)));
    const origin = `https://127.0.0.1:${(resetting.address() as AddressInfo).port}`;
    const engine = await engineOf(w, { env: testEnv({ ...w.env, PUBLISHING_ENGINE_TWITTER_API_ORIGIN: origin }) });
    const account = await xAccount(w, engine);
    const post = await engine.api.invoke('posts:create', { text: 'Fresh bread', targets: [{ accountId: account.id }], mode: 'now' });
    const waiting = await untilPost(engine, post.id, (p) => only(p).waiting !== null, 'the post to wait');
    expect(only(waiting)).toMatchObject({ status: 'pending', attemptCount: 0, waiting: { reason: 'network' } });
    expect(only(waiting).errorMessage).toMatch(/could not be reached \(the connection was reset\); nothing was sent/);
  });

  it('waits behind a captive portal, and publishes once the network lets it through', async () => {
    const w = await world();
    const engine = await engineOf(w);
    const account = await xAccount(w, engine);
    // Adding the account read its profile from X; from here on the portal answers instead.
    const before = w.x.server.requests.length;
    await w.xProxy.set('portal');
    const post = await engine.api.invoke('posts:create', { text: 'Café open', targets: [{ accountId: account.id }], mode: 'now' });
    const waiting = await untilPost(engine, post.id, (p) => only(p).waiting !== null, 'the post to wait');
    expect(only(waiting)).toMatchObject({ status: 'pending', attemptCount: 0, waiting: { reason: 'network' } });
    expect(only(waiting).errorMessage).toMatch(/the network answered with its sign-in page instead \(a web page\)/);
    expect(w.x.server.requests).toHaveLength(before);
    await w.xProxy.set('up');
    await untilPost(engine, post.id, (p) => p.status === 'published', 'the post to go out');
    expect(w.x.tweets).toHaveLength(1);
  });
});

describe('exactly once through it all', () => {
  it('asks X whether a create whose connection broke after sending went live, once X can be reached, and posts no duplicate', async () => {
    const w = await world();
    const engine = await engineOf(w);
    const account = await xAccount(w, engine);
    // The answer to the create is lost, and the network is gone before the engine can ask.
    await w.xProxy.set('cut-after-create');
    const post = await engine.api.invoke('posts:create', { text: 'Sold out today, thank you!', targets: [{ accountId: account.id }], mode: 'now' });

    const asking = await untilPost(engine, post.id, (p) => only(p).waiting !== null, 'the target to wait to ask');
    expect(only(asking)).toMatchObject({ status: 'publishing', waiting: { reason: 'network' } });
    expect(only(asking).errorMessage).toMatch(/may have been published; whether the post went live is asked as soon as X \(Twitter\) can be reached/);
    expect(asking.status).toBe('publishing');

    await w.xProxy.set('up');
    const done = await untilPost(engine, post.id, (p) => p.status === 'published', 'the post to be found on X');
    expect(w.x.tweets).toHaveLength(1);
    expect(w.x.server.requestsTo('/2/tweets', 'POST')).toHaveLength(1);
    expect(only(done)).toMatchObject({ status: 'published', platformPostId: w.x.tweets[0]?.id, waiting: null });
  });

  it('publishes every post exactly once through a network that drops and returns every few hundred milliseconds', async () => {
    const w = await world();
    const engine = await engineOf(w);
    const accounts = [await xAccount(w, engine, 'bakery_one'), await xAccount(w, engine, 'bakery_two')];
    const texts = Array.from({ length: 8 }, (_, index) => `Flapping network post ${index + 1}`);
    const posts = await Promise.all(texts.map((text, index) => schedule(engine, text, [accounts[index % 2]?.id as string], 200 + index * 400)));

    // Down and up for about four seconds: refused, back, a captive portal, back, refused, answers lost, back …
    const pattern = ['refuse', 'up', 'portal', 'up', 'refuse', 'lose-create-answers', 'refuse', 'up', 'refuse', 'portal', 'up', 'refuse'] as const;
    for (const mode of pattern) {
      await w.xProxy.set(mode);
      await sleep(350);
    }
    await w.xProxy.set('up');

    for (const post of posts) await untilPost(engine, post.id, (p) => p.status === 'published', `"${post.text}" to go out`, 30_000);
    const sent = w.x.tweets.map((tweet) => tweet.sentText).sort();
    expect(sent).toEqual([...texts].sort());
    const final = await Promise.all(posts.map((post) => postOf(engine, post.id)));
    expect(final.map((post) => only(post).waiting)).toEqual(final.map(() => null));
    // The network was both refused and answered while posts were due.
    expect(w.xProxy.connections.up).toBeGreaterThan(0);
  });

  it('keeps waiting across a restart of the engine, and publishes when the platform is back', async () => {
    const w = await world();
    const first = await engineOf(w);
    const account = await xAccount(w, first);
    await w.xProxy.set('refuse');
    const post = await schedule(first, 'After the restart', [account.id], 200);
    await untilPost(first, post.id, (p) => only(p).waiting !== null, 'the post to wait');
    await first.stop();

    const second = await engineOf(w);
    // Still waiting (should Redis have lost its job, the rebuilt one tries once and waits again).
    await sleep(1_000);
    await untilPost(second, post.id, (p) => only(p).status === 'pending', 'the post to wait again');
    expect(only(await postOf(second, post.id))).toMatchObject({ status: 'pending', waiting: { reason: 'network' }, attemptCount: 0 });
    await w.xProxy.set('up');
    await untilPost(second, post.id, (p) => p.status === 'published', 'the post to go out after the restart');
    expect(w.x.tweets.map((tweet) => tweet.sentText)).toEqual(['After the restart']);
  });
});

describe('coming back quickly', () => {
  it('checks at once when the system says the network may be back, long before the next probe', async () => {
    const w = await world();
    let online = false;
    // Probes 30 s apart: only the system's signal can bring this post out within the test.
    const engine = await engineOf(w, { isOnline: () => online, connectivity: { firstCheckMs: 30_000, maxCheckMs: 60_000, probeTimeoutMs: 1_000 } });
    const account = await xAccount(w, engine);
    await w.xProxy.set('refuse');
    const post = await engine.api.invoke('posts:create', { text: 'Back online', targets: [{ accountId: account.id }], mode: 'now' });
    await untilPost(engine, post.id, (p) => only(p).waiting !== null, 'the post to wait');
    const offline: QueueStats = await stats(engine);
    expect(offline.connectivity).toMatchObject({ state: 'offline', systemOffline: true });

    await w.xProxy.set('up');
    online = true;
    const checkedAt = Date.now();
    const answered = await engine.api.invoke('queue:checkNetwork', {});
    expect(answered.connectivity).toMatchObject({ state: 'online', systemOffline: false, nextCheckAt: null });
    await untilPost(engine, post.id, (p) => p.status === 'published', 'the post to go out', 10_000);
    expect(Date.now() - checkedAt).toBeLessThan(10_000);
    expect(Date.parse(offline.connectivity.nextCheckAt ?? '')).toBeGreaterThan(Date.now());
  });
});

describe('messages say what is true', () => {
  it('says when the next try is while one is planned, and that it gave up after the last', async () => {
    const feed = await new FeedServer().start();
    cleanup.add(() => feed.close());
    const dataDir = makeDataDir();
    cleanup.add(() => removeDataDir(dataDir));
    const engine = createEngine({
      dataDir,
      env: testEnv(),
      appRoot: process.cwd(),
      queue: { ...FAST_QUEUE, backoffMs: 600 },
      publishers: { facebook: new FeedPublisher('facebook', feed.origin) },
    });
    cleanup.add(() => engine.stop());
    await engine.start();
    const account = await engine.api.invoke('accounts:add', { platform: 'facebook', name: 'Bakery page', accessToken: feed.token });
    const messages: string[] = [];
    engine.events.on('target:changed', ({ target }) => messages.push(target.errorMessage ?? ''));
    feed.failNext({ kind: 'unavailable' }, { kind: 'unavailable' }, { kind: 'unavailable' });
    const post = await engine.api.invoke('posts:create', { text: 'Weekend hours', targets: [{ accountId: account.id }], mode: 'now' });
    const failed = await untilPost(engine, post.id, (p) => p.status === 'failed', 'the post to fail');

    const retrying = messages.filter((message) => message.startsWith('The platform is briefly unavailable. Trying again at'));
    expect(retrying).toHaveLength(2);
    expect(retrying[0]).toMatch(/^The platform is briefly unavailable\. Trying again at \d\d:\d\d:\d\d UTC[+-]\d\d:\d\d \(try 2 of 3\)\.$/);
    expect(retrying[1]).toMatch(/\(try 3 of 3\)\.$/);
    expect(only(failed).errorMessage).toBe('The platform is briefly unavailable. (gave up after 3 tries)');
    expect(messages.some((message) => /will be tried again/.test(message))).toBe(false);
  });
});
