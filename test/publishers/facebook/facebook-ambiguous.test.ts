// A create call whose answer never arrived must not lead to a second post: findExisting asks the Page's feed,
// and Facebook's duplicate refusal (506) is recognised as our own earlier post when it is one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AmbiguousError, PermanentError } from '../../../electron/engine/publishers/errors';
import { PAGE_ID, PAGE_TOKEN, startFacebookHarness, type FacebookHarness } from './facebook-harness';

let h: FacebookHarness;

beforeEach(async () => {
  h = await startFacebookHarness();
});

afterEach(async () => {
  await h.close();
});

const feedPath = `/v23.0/${PAGE_ID}/feed`;

describe('FacebookPublisher after an ambiguous create', () => {
  it('a connection dropped after Facebook created the post: ambiguous, then findExisting finds that post', async () => {
    h.fake.failNext({ type: 'drop-after' }, { method: 'POST', path: feedPath });

    await expect(h.publisher.publish(PAGE_TOKEN, 'Open late on Friday', [], h.options())).rejects.toBeInstanceOf(AmbiguousError);
    expect(h.fake.posts).toHaveLength(1);

    const existing = await h.publisher.findExisting(PAGE_TOKEN, 'Open late on Friday', [], h.options());

    const post = h.fake.posts[0];
    expect(existing).toEqual({
      state: 'found',
      result: { platformPostId: post.id, url: `https://www.facebook.com/${PAGE_ID}/posts/${post.id.split('_')[1]}` },
    });
    expect(h.fake.posts).toHaveLength(1);
  });

  it('a connection dropped before Facebook saw the post: ambiguous, absent, and the retry posts once', async () => {
    h.fake.failNext({ type: 'drop-before' }, { method: 'POST', path: feedPath });

    await expect(h.publisher.publish(PAGE_TOKEN, 'Open late on Friday', [], h.options())).rejects.toBeInstanceOf(AmbiguousError);
    expect(await h.publisher.findExisting(PAGE_TOKEN, 'Open late on Friday', [], h.options())).toEqual({ state: 'absent' });

    await h.publisher.publish(PAGE_TOKEN, 'Open late on Friday', [], h.options());
    expect(h.fake.posts).toHaveLength(1);
  });

  it('an answer that never comes (timeout after sending) is ambiguous and the post is found', async () => {
    h.fake.failNext({ type: 'hang-after' }, { method: 'POST', path: feedPath });

    await expect(h.publisherWith({ requestTimeoutMs: 1_000 }).publish(PAGE_TOKEN, 'Slow day', [], h.options())).rejects.toBeInstanceOf(
      AmbiguousError,
    );

    const existing = await h.publisher.findExisting(PAGE_TOKEN, 'Slow day', [], h.options());
    expect(existing).toMatchObject({ state: 'found', result: { platformPostId: h.fake.posts[0].id } });
  });

  it('a transient error on create left nothing behind: findExisting says absent', async () => {
    h.fake.failNextTransient({ method: 'POST', path: feedPath });

    await expect(h.publisher.publish(PAGE_TOKEN, 'Hello', [], h.options())).rejects.toBeInstanceOf(AmbiguousError);

    expect(await h.publisher.findExisting(PAGE_TOKEN, 'Hello', [], h.options())).toEqual({ state: 'absent' });
  });

  it('matches by text regardless of whitespace, and never a post made before the first attempt', async () => {
    h.fake.addExistingPost(PAGE_ID, 'Weekend hours', Date.now() - 2 * 3_600_000);

    expect(await h.publisher.findExisting(PAGE_TOKEN, 'Weekend hours', [], h.options())).toEqual({ state: 'absent' });

    h.fake.addExistingPost(PAGE_ID, 'Weekend   hours\n');
    expect(await h.publisher.findExisting(PAGE_TOKEN, 'Weekend hours', [], h.options())).toMatchObject({ state: 'found' });
  });

  it('pages through a busy feed to find the earliest match', async () => {
    h.fake.failNext({ type: 'drop-after' }, { method: 'POST', path: feedPath });
    await expect(h.publisher.publish(PAGE_TOKEN, 'Needle', [], h.options())).rejects.toBeInstanceOf(AmbiguousError);
    const ours = h.fake.posts[0];
    for (let i = 0; i < 40; i += 1) h.fake.addExistingPost(PAGE_ID, `Other post ${i}`);

    const existing = await h.publisher.findExisting(PAGE_TOKEN, 'Needle', [], h.options());

    expect(existing).toMatchObject({ state: 'found', result: { platformPostId: ours.id } });
    expect(h.fake.requests.filter((request) => request.method === 'GET' && request.path === feedPath).length).toBe(2);
  });

  it('a multi-photo post without text is recognised by the photos saved as handles', async () => {
    const photos = [h.media.add('a.jpg', { size: 10, contentType: 'image/jpeg' }), h.media.add('b.jpg', { size: 10, contentType: 'image/jpeg' })];
    h.fake.failNext({ type: 'drop-after' }, { method: 'POST', path: feedPath });

    await expect(h.publisher.publish(PAGE_TOKEN, '', photos, h.options())).rejects.toBeInstanceOf(AmbiguousError);

    expect(await h.publisher.findExisting(PAGE_TOKEN, '', photos, h.options())).toMatchObject({
      state: 'found',
      result: { platformPostId: h.fake.posts[0].id },
    });
  });

  it('a single photo without text cannot be recognised: unknown', async () => {
    const photo = h.media.add('a.jpg', { size: 10, contentType: 'image/jpeg' });

    expect(await h.publisher.findExisting(PAGE_TOKEN, '', [photo], h.options())).toMatchObject({ state: 'unknown' });
  });

  it('a dropped video create is found among the Page videos while its feed post does not exist yet', async () => {
    const clip = h.media.add('clip.mp4', { size: 100, contentType: 'video/mp4' });
    h.fake.failNext({ type: 'drop-after' }, { method: 'POST', path: `/v23.0/${PAGE_ID}/videos` });

    await expect(h.publisher.publish(PAGE_TOKEN, 'Our oven', [clip], h.options())).rejects.toBeInstanceOf(AmbiguousError);
    expect(h.fake.posts).toHaveLength(0);

    const [video] = [...h.fake.videos.values()];
    expect(await h.publisher.findExisting(PAGE_TOKEN, 'Our oven', [clip], h.options())).toEqual({
      state: 'found',
      result: { platformPostId: video.id, url: `https://www.facebook.com/${PAGE_ID}/videos/${video.id}/` },
    });
  });

  it('a dropped video create whose processing failed is absent', async () => {
    const clip = h.media.add('clip.mp4', { size: 100, contentType: 'video/mp4' });
    h.fake.failNextVideoProcessing();
    h.fake.failNext({ type: 'drop-after' }, { method: 'POST', path: `/v23.0/${PAGE_ID}/videos` });

    await expect(h.publisher.publish(PAGE_TOKEN, 'Our oven', [clip], h.options())).rejects.toBeInstanceOf(AmbiguousError);

    expect(await h.publisher.findExisting(PAGE_TOKEN, 'Our oven', [clip], h.options())).toEqual({ state: 'absent' });
  });

  it('a post saved as a handle (the engine crashed after success) is found without searching', async () => {
    const result = await h.publisher.publish(PAGE_TOKEN, 'Saved', [], h.options());
    const requestsBefore = h.fake.requests.length;

    expect(await h.publisher.findExisting(PAGE_TOKEN, 'Saved', [], h.options())).toEqual({ state: 'found', result });
    expect(h.fake.requests.slice(requestsBefore).every((request) => request.path !== feedPath)).toBe(true);
  });
});

describe('FacebookPublisher and duplicate refusals (506)', () => {
  it('publishing again after a lost answer gets 506 and returns our earlier post instead of failing', async () => {
    h.fake.failNext({ type: 'drop-after' }, { method: 'POST', path: feedPath });
    await expect(h.publisher.publish(PAGE_TOKEN, 'Twice?', [], h.options())).rejects.toBeInstanceOf(AmbiguousError);

    const result = await h.publisher.publish(PAGE_TOKEN, 'Twice?', [], h.options());

    expect(h.fake.posts).toHaveLength(1);
    expect(result.platformPostId).toBe(h.fake.posts[0].id);
  });

  it('a duplicate of a post made before this target is a permanent failure', async () => {
    h.fake.addExistingPost(PAGE_ID, 'Same as yesterday', Date.now() - 24 * 3_600_000);

    const error = await h.publisher.publish(PAGE_TOKEN, 'Same as yesterday', [], h.options()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ platformCode: '506/1455006' });
    expect((error as Error).message).toMatch(/duplicate/);
    expect(h.fake.posts).toHaveLength(1);
  });
});
