// X (Twitter) end to end: posts:create → publish-posts queue → the registry's TwitterPublisher → the fake X API.
import { afterEach, describe, expect, it } from 'vitest';
import { MediaServer } from '../fakes/shared/media-server';
import { FakeTwitter } from '../fakes/twitter/fake-twitter';
import { Cleanup, inMs, onlyTarget, startPlatformEngine, waitForSettledPost } from './platform-engine';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

async function setUp(account: { expiresAt?: string } = {}) {
  const fake = await FakeTwitter.start();
  cleanup.add(() => fake.close());
  const media = await MediaServer.start();
  cleanup.add(() => media.close());
  const user = fake.addUser('corner_bakery');
  const engine = await startPlatformEngine(cleanup, {
    PUBLISHING_ENGINE_TWITTER_API_ORIGIN: fake.origin,
    PUBLISHING_ENGINE_TWITTER_CLIENT_ID: fake.clientId,
  });
  const added = await engine.api.invoke('accounts:add', {
    platform: 'twitter',
    name: '@corner_bakery',
    accessToken: user.accessToken,
    refreshToken: user.refreshToken,
    externalId: user.userId,
    ...account,
  });
  return { fake, media, user, engine, account: added };
}

describe('X through the engine queue', () => {
  it('publishes a scheduled post with an image at its time, once, renewing a token about to expire first', async () => {
    const { fake, media, engine, account } = await setUp({ expiresAt: inMs(2 * 60_000) });
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
    expect(fake.server.requestsTo('/2/oauth2/token')).toHaveLength(1);
    const [stored] = await engine.api.invoke('accounts:list', {});
    expect(Date.parse(stored?.tokenExpiresAt ?? '')).toBeGreaterThan(Date.now() + 60 * 60_000);
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
