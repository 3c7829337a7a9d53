// X (Twitter) end to end: connect by signing in at X's fake authorization server, then posts:create → publish-posts
// queue → the registry's TwitterPublisher → the fake X API, with the token the sign-in gave (renewed when due).
import { afterEach, describe, expect, it } from 'vitest';
import { MediaServer } from '../fakes/shared/media-server';
import { FakeTwitter } from '../fakes/twitter/fake-twitter';
import { startXAuthorization, X_CLIENT_ID } from '../fakes/oauth/x-authorization';
import {
  callbackUris,
  Cleanup,
  connectedAccount,
  connectInBrowser,
  loopbackPorts,
  onlyTarget,
  startPlatformEngine,
  waitForSettledPost,
} from './platform-engine';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

async function setUp(options: { accessTokenTtlMs?: number } = {}) {
  const fake = await FakeTwitter.start();
  cleanup.add(() => fake.close());
  const media = await MediaServer.start();
  cleanup.add(() => media.close());
  const ports = await loopbackPorts();
  const auth = await startXAuthorization(fake, { redirectUris: callbackUris(ports) });
  cleanup.add(() => auth.close());
  if (options.accessTokenTtlMs !== undefined) auth.config.accessTokenTtlMs = options.accessTokenTtlMs;
  const user = fake.addUser('corner_bakery');
  auth.signedInAs = user.userId;
  const engine = await startPlatformEngine(
    cleanup,
    {
      PUBLISHING_ENGINE_TWITTER_API_ORIGIN: fake.origin,
      PUBLISHING_ENGINE_TWITTER_AUTH_ORIGIN: auth.origin,
      PUBLISHING_ENGINE_TWITTER_CLIENT_ID: X_CLIENT_ID,
    },
    { loopbackPorts: ports },
  );
  const account = connectedAccount(await connectInBrowser(engine, { platform: 'twitter' }));
  expect(account).toMatchObject({ name: '@corner_bakery', externalId: user.userId, connection: 'oauth', problem: null });
  return { fake, auth, media, user, engine, account };
}

describe('X through the engine queue', () => {
  it('publishes a scheduled post with an image at its time, once, renewing a token about to expire first', async () => {
    const { fake, auth, media, engine, account } = await setUp({ accessTokenTtlMs: 2 * 60_000 });
    const photo = media.add('croissants.jpg', { size: 120_000, contentType: 'image/jpeg' });
    const dueAt = Date.now() + 1500;
    const created = await engine.api.invoke('posts:create', {
      text: 'Fresh croissants at 7 & coffee <3',
      mediaUrls: [photo],
      targets: [{ accountId: account.id }],
      mode: 'schedule',
      scheduledAt: new Date(dueAt).toISOString(),
    });
    expect(created.status).toBe('scheduled');
    expect(fake.tweets).toHaveLength(0);

    const done = await waitForSettledPost(engine, created.id);

    expect(fake.tweets).toHaveLength(1);
    const [tweet] = fake.tweets;
    expect(tweet.createdAt).toBeGreaterThanOrEqual(dueAt);
    expect(tweet.sentText).toBe('Fresh croissants at 7 & coffee <3');
    expect(tweet.mediaIds).toHaveLength(1);
    expect(Buffer.concat([...(fake.media.get(tweet.mediaIds[0])?.segments.values() ?? [])]).equals(media.bytesOf(photo))).toBe(true);
    expect(done.status).toBe('published');
    expect(onlyTarget(done)).toMatchObject({
      status: 'published',
      platformPostId: tweet.id,
      platformPostUrl: `https://x.com/i/web/status/${tweet.id}`,
      errorMessage: null,
      attemptCount: 1,
    });
    // The token expired within the refresh margin: renewed once, and the new pair kept for the account.
    expect(auth.refreshes).toBe(1);
    const [stored] = await engine.api.invoke('accounts:list', {});
    expect(Date.parse(stored?.tokenExpiresAt ?? '')).toBeGreaterThan(Date.now() + 60_000);
  });

  it('settles a create whose answer was lost by finding the post on the timeline: still exactly one post', async () => {
    const { fake, user, engine, account } = await setUp();
    fake.failNext({ type: 'drop-after' });

    const created = await engine.api.invoke('posts:create', {
      text: 'Closed Monday & Tuesday: family wedding!',
      targets: [{ accountId: account.id }],
      mode: 'now',
    });
    const done = await waitForSettledPost(engine, created.id);

    expect(fake.tweets).toHaveLength(1);
    expect(fake.server.requestsTo('/2/tweets', 'POST')).toHaveLength(1);
    expect(fake.server.requestsTo(`/2/users/${user.userId}/tweets`, 'GET').length).toBeGreaterThanOrEqual(1);
    expect(done.status).toBe('published');
    expect(onlyTarget(done)).toMatchObject({
      status: 'published',
      platformPostId: fake.tweets[0].id,
      platformPostUrl: `https://x.com/i/web/status/${fake.tweets[0].id}`,
      errorMessage: null,
      attemptCount: 1,
    });
  });
});
