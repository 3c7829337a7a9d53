// Every way a post goes out to a Facebook Page, checked against what the fake Page shows afterwards.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PermanentError } from '../../../electron/engine/publishers/errors';
import { FacebookPublisher } from '../../../electron/engine/publishers/facebook/facebook-publisher';
import { PAGE_ID, PAGE_TOKEN, startFacebookHarness, type FacebookHarness } from './facebook-harness';

let h: FacebookHarness;

beforeEach(async () => {
  h = await startFacebookHarness();
});

afterEach(async () => {
  await h.close();
});

describe('FacebookPublisher publishes', () => {
  it('a text post to the Page feed, with the token as a bearer header on a versioned path', async () => {
    const result = await h.publisher.publish(PAGE_TOKEN, 'Fresh croissants at 7 today!', [], h.options());

    expect(h.fake.posts).toHaveLength(1);
    const post = h.fake.posts[0];
    expect(post).toMatchObject({ pageId: PAGE_ID, message: 'Fresh croissants at 7 today!', statusType: 'mobile_status_update' });
    expect(result.platformPostId).toBe(post.id);
    expect(result.url).toBe(`https://www.facebook.com/${PAGE_ID}/posts/${post.id.split('_')[1]}`);
    const create = h.fake.requests.find((request) => request.method === 'POST');
    expect(create?.path).toBe(`/v23.0/${PAGE_ID}/feed`);
    expect(create?.headers.authorization).toBe(`Bearer ${PAGE_TOKEN}`);
    expect(create?.query.get('access_token')).toBeNull();
    expect(h.ledger.handles.post).toBe(post.id);
  });

  it('a link post with the link in its own field', async () => {
    await h.publisher.publish(PAGE_TOKEN, 'Our new menu', [], h.options({ settings: { link: 'https://bakery.example/menu' } }));

    expect(h.fake.posts[0]).toMatchObject({ message: 'Our new menu', link: 'https://bakery.example/menu', statusType: 'shared_story' });
  });

  it('a single photo by URL with its caption', async () => {
    const photo = h.media.add('bread.jpg', { size: 4096, contentType: 'image/jpeg' });

    const result = await h.publisher.publish(PAGE_TOKEN, 'Sourdough day', [photo], h.options());

    expect(h.fake.posts).toHaveLength(1);
    const post = h.fake.posts[0];
    expect(post).toMatchObject({ message: 'Sourdough day', statusType: 'added_photos' });
    const [stored] = [...h.fake.photos.values()];
    expect(stored).toMatchObject({ url: photo, caption: 'Sourdough day', published: true, postId: post.id });
    expect(result.platformPostId).toBe(post.id);
    expect(h.media.requests).toHaveLength(1);
  });

  it('several photos: uploaded unpublished, handles saved, then attached in order to one feed post', async () => {
    const photos = ['a.jpg', 'b.png', 'c.jpg'].map((name) =>
      h.media.add(name, { size: 2048, contentType: name.endsWith('png') ? 'image/png' : 'image/jpeg' }),
    );

    const result = await h.publisher.publish(PAGE_TOKEN, 'Three loaves', photos, h.options());

    expect(h.fake.posts).toHaveLength(1);
    const post = h.fake.posts[0];
    const uploaded = [...h.fake.photos.values()];
    expect(uploaded.map((photo) => photo.url)).toEqual(photos);
    expect(uploaded.every((photo) => !photo.published && photo.postId === post.id)).toBe(true);
    expect(post.photoIds).toEqual(uploaded.map((photo) => photo.id));
    expect(post.message).toBe('Three loaves');
    expect(result.platformPostId).toBe(post.id);

    const feedCall = h.fake.requests.findIndex((request) => request.method === 'POST' && request.path.endsWith('/feed'));
    for (const index of [0, 1, 2]) {
      expect(h.ledger.handles[`photo-${index}`]).toBe(uploaded[index].id);
      expect(h.ledger.savedAfterRequests[`photo-${index}`]).toBeLessThanOrEqual(feedCall);
    }
  });

  it('a video by file_url on the graph-video path, waiting for processing, with an absolute link', async () => {
    const clip = h.media.add('clip.mp4', { size: 8192, contentType: 'video/mp4' });

    const result = await h.publisher.publish(PAGE_TOKEN, 'Behind the scenes', [clip], h.options({ settings: { title: 'Kneading' } }));

    const [video] = [...h.fake.videos.values()];
    expect(video).toMatchObject({ fileUrl: clip, description: 'Behind the scenes', title: 'Kneading' });
    expect(result).toEqual({ platformPostId: video.id, url: `https://www.facebook.com/${PAGE_ID}/videos/${video.id}/` });
    expect(h.ledger.handles.video).toBe(video.id);
    expect(h.fake.posts).toMatchObject([{ videoId: video.id, message: 'Behind the scenes', statusType: 'added_video' }]);
    expect(h.fake.requests.some((request) => request.method === 'POST' && request.path === `/v23.0/${PAGE_ID}/videos`)).toBe(true);
    expect(h.fake.requests.filter((request) => request.method === 'GET' && request.query.get('fields') === 'status').length).toBeGreaterThanOrEqual(
      2,
    );
  });

  it('to the origin named by PUBLISHING_ENGINE_FACEBOOK_API_ORIGIN, graph-video host included', async () => {
    const publisher = new FacebookPublisher({ env: { PUBLISHING_ENGINE_FACEBOOK_API_ORIGIN: h.fake.origin }, pollIntervalMs: 5 });
    const clip = h.media.add('clip.mp4', { size: 100, contentType: 'video/mp4' });

    await publisher.publish(PAGE_TOKEN, 'Via the environment', [clip], h.options());

    expect(h.fake.videos.size).toBe(1);
  });

  it('a link with photos at the end of the caption, since photo posts have no link field', async () => {
    const photo = h.media.add('cake.jpg', { size: 1024, contentType: 'image/jpeg' });

    await h.publisher.publish(PAGE_TOKEN, 'Order a cake', [photo], h.options({ settings: { link: 'https://bakery.example/cakes' } }));

    expect(h.fake.posts[0].message).toBe('Order a cake\n\nhttps://bakery.example/cakes');
  });

  it('through a slow but answered create call, once', async () => {
    h.fake.failNext({ type: 'delay', ms: 300 }, { method: 'POST', path: `/v23.0/${PAGE_ID}/feed` });

    const result = await h.publisher.publish(PAGE_TOKEN, 'Worth the wait', [], h.options());

    expect(h.fake.posts).toHaveLength(1);
    expect(result.platformPostId).toBe(h.fake.posts[0].id);
  });

  it('still succeeds with the generic link when the permalink cannot be read after the post went out', async () => {
    h.fake.failNextTransient({ method: 'GET' });

    const result = await h.publisher.publish(PAGE_TOKEN, 'Closed on Monday', [], h.options());

    expect(result).toEqual({ platformPostId: h.fake.posts[0].id, url: `https://www.facebook.com/${h.fake.posts[0].id}` });
  });
});

describe('FacebookPublisher refuses before any network call', () => {
  it('a video mixed with photos', async () => {
    const photo = h.media.add('a.jpg', { size: 10, contentType: 'image/jpeg' });
    const clip = h.media.add('b.mp4', { size: 10, contentType: 'video/mp4' });

    const error = await h.publisher.publish(PAGE_TOKEN, 'Mixed', [photo, clip], h.options()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PermanentError);
    expect((error as PermanentError).platformCode).toBe('media-mix');
    expect(h.fake.requests).toHaveLength(0);
    expect(h.media.requests).toHaveLength(0);
  });

  it('an empty post and a link Facebook cannot classify', async () => {
    await expect(h.publisher.publish(PAGE_TOKEN, '   ', [], h.options())).rejects.toMatchObject({ kind: 'permanent', platformCode: 'empty' });
    await expect(h.publisher.publish(PAGE_TOKEN, 'Doc', ['https://files.example/menu.pdf'], h.options())).rejects.toMatchObject({
      kind: 'permanent',
      platformCode: 'media-type',
    });
    expect(h.fake.requests).toHaveLength(0);
  });

  it('an account without a Page id', async () => {
    const error = await h.publisher
      .publish(PAGE_TOKEN, 'Hello', [], h.options({ account: { ...h.account, externalId: null } }))
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PermanentError);
    expect(h.fake.requests).toHaveLength(0);
  });
});
