// Facebook end to end: posts:create → publish-posts queue → the registry's FacebookPublisher → the fake Graph API,
// which fetches the photo from the media host as Facebook does.
import { afterEach, describe, expect, it } from 'vitest';
import { FacebookFake } from '../fakes/facebook/facebook-fake';
import { MediaServer } from '../fakes/shared/media-server';
import { Cleanup, onlyTarget, startPlatformEngine, waitForSettledPost } from './platform-engine';

const PAGE_ID = '104000000000001';
const PAGE_TOKEN = 'EAAG-page-token';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

async function setUp() {
  const fake = await FacebookFake.start();
  cleanup.add(() => fake.close());
  const media = await MediaServer.start();
  cleanup.add(() => media.close());
  fake.addPage(PAGE_ID, PAGE_TOKEN, 'Corner Bakery');
  const engine = await startPlatformEngine(cleanup, { PUBLISHING_ENGINE_FACEBOOK_API_ORIGIN: fake.origin });
  const account = await engine.api.invoke('accounts:add', {
    platform: 'facebook',
    name: 'Corner Bakery',
    accessToken: PAGE_TOKEN,
    externalId: PAGE_ID,
  });
  return { fake, media, engine, account };
}

describe('Facebook through the engine queue', () => {
  it('publishes a scheduled photo post at its time, once', async () => {
    const { fake, media, engine, account } = await setUp();
    const photo = media.add('sourdough.jpg', { size: 50_000, contentType: 'image/jpeg' });
    const dueAt = Date.now() + 1500;
    const created = await engine.api.invoke('posts:create', {
      text: 'Sourdough day: first loaves out at 8.',
      mediaUrls: [photo],
      targets: [{ accountId: account.id }],
      mode: 'schedule',
      scheduledAt: new Date(dueAt).toISOString(),
    });
    expect(created.status).toBe('scheduled');

    const done = await waitForSettledPost(engine, created.id);

    expect(fake.posts).toHaveLength(1);
    const [post] = fake.posts;
    expect(post).toMatchObject({ pageId: PAGE_ID, message: 'Sourdough day: first loaves out at 8.', statusType: 'added_photos' });
    expect(post.createdAt).toBeGreaterThanOrEqual(dueAt);
    expect([...fake.photos.values()]).toEqual([expect.objectContaining({ url: photo, published: true, postId: post.id })]);
    expect(done.status).toBe('published');
    expect(onlyTarget(done)).toMatchObject({
      status: 'published',
      platformPostId: post.id,
      platformPostUrl: `https://www.facebook.com/${PAGE_ID}/posts/${post.id.split('_')[1]}`,
      errorMessage: null,
      attemptCount: 1,
    });
  });

  it('fails an expired Page token (190) at once, asks to reconnect, and marks the account needs_reconnect', async () => {
    const { fake, engine, account } = await setUp();
    fake.setTokenState(PAGE_TOKEN, 'expired');

    const created = await engine.api.invoke('posts:create', { text: 'Open late on Friday', targets: [{ accountId: account.id }], mode: 'now' });
    const done = await waitForSettledPost(engine, created.id);

    expect(fake.posts).toHaveLength(0);
    expect(fake.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
    expect(done.status).toBe('failed');
    const target = onlyTarget(done);
    expect(target).toMatchObject({ status: 'failed', platformPostId: null, platformPostUrl: null, attemptCount: 1 });
    expect(target.errorMessage).toMatch(/no longer accepts .*session has expired.*Reconnect the account/);
    const [stored] = await engine.api.invoke('accounts:list', {});
    expect(stored).toMatchObject({ id: account.id, status: 'needs_reconnect' });
    expect(stored?.statusMessage).toMatch(/Reconnect/);
  });
});
