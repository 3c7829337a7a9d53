// What the app shows when X refuses: the real engine (bundled redis-server, SQLite file) and the real X publisher
// against the fake X. A sign-in without the posting permission fails the post and marks the account to reconnect; the
// app's usage cap fails the post and leaves the account connected; the app's day used up makes the post wait for
// the day's reset (not the 15-minute window's).
import { afterEach, describe, expect, it } from 'vitest';
import type { PublishResultEvent, TargetView } from '../../shared/domain';
import { createEngine, type Engine } from '../../electron/engine/engine';
import { FakeTwitter, X_APP_SCOPES } from '../fakes/twitter/fake-twitter';
import { FAST_QUEUE, makeDataDir, removeDataDir, testEnv } from '../helpers/test-engine';
import { Cleanup } from '../helpers/cleanup';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

async function world(): Promise<{ x: FakeTwitter; engine: Engine }> {
  const x = await FakeTwitter.start({ processingChecks: 1 });
  cleanup.add(() => x.close());
  const dataDir = makeDataDir();
  cleanup.add(() => removeDataDir(dataDir));
  const engine = createEngine({
    dataDir,
    env: testEnv({ PUBLISHING_ENGINE_TWITTER_API_ORIGIN: x.origin }),
    appRoot: process.cwd(),
    queue: FAST_QUEUE,
  });
  cleanup.add(() => engine.stop());
  await engine.start();
  return { x, engine };
}

async function xAccount(x: FakeTwitter, engine: Engine, scopes: readonly string[] = X_APP_SCOPES) {
  const user = x.addUser('corner_bakery', 7_200_000, { scopes });
  return engine.api.invoke('accounts:add', { platform: 'twitter', name: '@corner_bakery', accessToken: user.accessToken, externalId: user.userId });
}

/** The publish result of a post, awaited as the engine announces it. */
function resultOf(engine: Engine, postId: string): Promise<PublishResultEvent> {
  return new Promise((resolve) => {
    const off = engine.events.on('publish:result', (event) => {
      if (event.postId !== postId) return;
      off();
      resolve(event);
    });
  });
}

/** The first change of a target that `accept` takes, awaited as the engine announces it. */
function targetChange(engine: Engine, accept: (target: TargetView) => boolean): Promise<TargetView> {
  return new Promise((resolve) => {
    const off = engine.events.on('target:changed', ({ target }) => {
      if (!accept(target)) return;
      off();
      resolve(target);
    });
  });
}

async function publishNow(engine: Engine, accountId: string, text: string) {
  return engine.api.invoke('posts:create', { text, targets: [{ accountId }], mode: 'now' });
}

describe('X refusals as the app shows them', () => {
  it('a sign-in that may not post fails the post and marks the account to reconnect', async () => {
    const { x, engine } = await world();
    const account = await xAccount(
      x,
      engine,
      X_APP_SCOPES.filter((scope) => scope !== 'tweet.write'),
    );
    const post = await publishNow(engine, account.id, 'Fresh bread at 8');
    const result = await resultOf(engine, post.id);
    expect(result.status).toBe('failed');
    expect(result.message).toMatch(/Reconnect the account/);

    const [stored] = await engine.api.invoke('accounts:list', {});
    expect(stored).toMatchObject({ id: account.id, status: 'needs_reconnect' });
    expect((await engine.api.invoke('posts:get', { id: post.id })).targets[0]).toMatchObject({ status: 'failed', attemptCount: 1 });
    expect(x.tweets).toHaveLength(0);
  });

  it("the app's usage cap fails the post, says so, and leaves the account connected", async () => {
    const { x, engine } = await world();
    const account = await xAccount(x, engine);
    x.usageCapped = true;
    const post = await publishNow(engine, account.id, 'Fresh bread at 9');
    const result = await resultOf(engine, post.id);
    expect(result.status).toBe('failed');
    expect(result.message).toMatch(/usage cap on X is reached/);
    expect(result.message).not.toMatch(/Reconnect/);

    const [stored] = await engine.api.invoke('accounts:list', {});
    expect(stored).toMatchObject({ id: account.id, status: 'connected' });
    expect(x.tweets).toHaveLength(0);
  });

  it("the app's posts for the day used up: the post waits, pending, for the day's reset", async () => {
    const { x, engine } = await world();
    const account = await xAccount(x, engine);
    const resetAt = Date.now() + 6 * 3_600_000;
    x.exhaustAppDailyLimit(resetAt);
    const waiting = targetChange(engine, (target) => target.status === 'pending' && target.errorMessage !== null);
    const post = await publishNow(engine, account.id, 'Fresh bread at 10');
    const target = await waiting;
    expect(target.postId).toBe(post.id);
    expect(target.status).toBe('pending');
    expect(target.errorMessage).toMatch(/for all its users together/);
    expect(target.errorMessage).toContain(`Waiting until ${new Date(Math.ceil(resetAt / 1000) * 1000).toISOString()}.`);
    expect(x.tweets).toHaveLength(0);

    const [stored] = await engine.api.invoke('accounts:list', {});
    expect(stored).toMatchObject({ status: 'connected' });
  });
});
