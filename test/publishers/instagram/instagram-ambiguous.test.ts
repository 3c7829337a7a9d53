// media_publish whose answer never arrived: the saved container tells what happened. PUBLISHED → find the media;
// FINISHED → absent, and the retry publishes that same container; never a second post.
import { afterEach, describe, expect, it } from 'vitest';
import { AmbiguousError } from '../../../electron/engine/publishers/errors';
import { IG_TOKEN, IG_USER_ID, startInstagramHarness, type InstagramHarness } from './instagram-harness';

let h: InstagramHarness;

afterEach(async () => {
  await h.close();
});

const publishPath = `/v23.0/${IG_USER_ID}/media_publish`;

function publishCalls(): number {
  return h.fake.requests.filter((request) => request.method === 'POST' && request.path === publishPath).length;
}

describe('InstagramPublisher after an ambiguous media_publish', () => {
  it('dropped after Instagram published: the container reads PUBLISHED, findExisting finds the media by caption', async () => {
    h = await startInstagramHarness();
    const photo = h.jpeg('a.jpg');
    h.fake.addExistingMedia(IG_USER_ID, { caption: 'Someone else’s post' });
    h.fake.failNext({ type: 'drop-after' }, { method: 'POST', path: publishPath });

    await expect(h.publisher.publish(IG_TOKEN, 'Fresh bagels', [photo], h.options())).rejects.toBeInstanceOf(AmbiguousError);
    const ours = h.fake.media.find((media) => media.viaApi);
    expect(ours).toBeDefined();

    const existing = await h.publisher.findExisting(IG_TOKEN, 'Fresh bagels', [photo], h.options());

    expect(existing).toEqual({ state: 'found', result: { platformPostId: ours?.id, url: `https://www.instagram.com/p/${ours?.shortcode}/` } });
  });

  it('dropped after Instagram published: publishing again returns the post without a second media_publish', async () => {
    h = await startInstagramHarness();
    const photo = h.jpeg('a.jpg');
    h.fake.failNext({ type: 'drop-after' }, { method: 'POST', path: publishPath });
    await expect(h.publisher.publish(IG_TOKEN, 'Fresh bagels', [photo], h.options())).rejects.toBeInstanceOf(AmbiguousError);

    const result = await h.publisher.publish(IG_TOKEN, 'Fresh bagels', [photo], h.options());

    expect(h.fake.media).toHaveLength(1);
    expect(result.platformPostId).toBe(h.fake.media[0].id);
    expect(publishCalls()).toBe(1);
  });

  it('dropped before Instagram saw it: the container reads FINISHED, absent, and the retry publishes that same container', async () => {
    h = await startInstagramHarness();
    const photo = h.jpeg('a.jpg');
    h.fake.failNext({ type: 'drop-before' }, { method: 'POST', path: publishPath });
    await expect(h.publisher.publish(IG_TOKEN, 'Fresh bagels', [photo], h.options())).rejects.toBeInstanceOf(AmbiguousError);
    const container = h.ledger.handles.container;

    expect(await h.publisher.findExisting(IG_TOKEN, 'Fresh bagels', [photo], h.options())).toEqual({ state: 'absent' });

    await h.publisher.publish(IG_TOKEN, 'Fresh bagels', [photo], h.options());
    expect(h.fake.containers.size).toBe(1);
    expect(h.fake.media).toHaveLength(1);
    expect(h.fake.media[0].containerId).toBe(container);
  });

  it('a timeout after sending media_publish is ambiguous and the post is found', async () => {
    h = await startInstagramHarness();
    const photo = h.jpeg('a.jpg');
    h.fake.failNext({ type: 'hang-after' }, { method: 'POST', path: publishPath });

    // Only the hanging call may time out: a short timeout on the whole publish would also catch slow ordinary calls.
    const impatient = h.publisherWith({ requestTimeoutMs: 1_000 });
    await expect(impatient.publish(IG_TOKEN, 'Slow', [photo], h.options())).rejects.toBeInstanceOf(AmbiguousError);

    expect(await h.publisher.findExisting(IG_TOKEN, 'Slow', [photo], h.options())).toMatchObject({
      state: 'found',
      result: { platformPostId: h.fake.media[0].id },
    });
  });

  it('an HTTP 500 on media_publish that left nothing behind: absent', async () => {
    h = await startInstagramHarness();
    const photo = h.jpeg('a.jpg');
    h.fake.failNext(
      { type: 'status', status: 500, body: 'Internal Server Error', headers: { 'content-type': 'text/plain' } },
      { method: 'POST', path: publishPath },
    );

    await expect(h.publisher.publish(IG_TOKEN, 'Hi', [photo], h.options())).rejects.toBeInstanceOf(AmbiguousError);
    expect(await h.publisher.findExisting(IG_TOKEN, 'Hi', [photo], h.options())).toEqual({ state: 'absent' });
  });

  it('a story (no caption) is found as the only story since the first attempt', async () => {
    h = await startInstagramHarness();
    const photo = h.jpeg('story.jpg');
    h.fake.addExistingMedia(IG_USER_ID, { productType: 'STORY', timestamp: Date.now() - 3 * 3_600_000 });
    h.fake.failNext({ type: 'drop-after' }, { method: 'POST', path: publishPath });
    const options = h.options({ settings: { instagramKind: 'story' } });

    await expect(h.publisher.publish(IG_TOKEN, 'Today only', [photo], options)).rejects.toBeInstanceOf(AmbiguousError);

    const story = h.fake.media.find((media) => media.viaApi);
    expect(await h.publisher.findExisting(IG_TOKEN, 'Today only', [photo], options)).toMatchObject({
      state: 'found',
      result: { platformPostId: story?.id },
    });
  });

  it('a PUBLISHED container whose media cannot be told apart is unknown', async () => {
    h = await startInstagramHarness();
    const photo = h.jpeg('a.jpg');
    h.fake.failNext({ type: 'drop-after' }, { method: 'POST', path: publishPath });
    await expect(h.publisher.publish(IG_TOKEN, '', [photo], h.options())).rejects.toBeInstanceOf(AmbiguousError);
    h.fake.addExistingMedia(IG_USER_ID, {});

    expect(await h.publisher.findExisting(IG_TOKEN, '', [photo], h.options())).toMatchObject({ state: 'unknown' });
  });

  it('an expired saved container is absent and the next attempt prepares a new one', async () => {
    h = await startInstagramHarness();
    const photo = h.jpeg('a.jpg');
    h.fake.failNext({ type: 'drop-before' }, { method: 'POST', path: publishPath });
    await expect(h.publisher.publish(IG_TOKEN, 'Hi', [photo], h.options())).rejects.toBeInstanceOf(AmbiguousError);
    h.fake.expireContainer(h.ledger.handles.container);

    expect(await h.publisher.findExisting(IG_TOKEN, 'Hi', [photo], h.options())).toEqual({ state: 'absent' });
    await h.publisher.publish(IG_TOKEN, 'Hi', [photo], h.options());

    expect(h.fake.containers.size).toBe(2);
    expect(h.fake.media).toHaveLength(1);
  });

  it('an edited post never publishes the container made for its old text', async () => {
    h = await startInstagramHarness();
    const photo = h.jpeg('a.jpg');
    h.fake.failNext({ type: 'drop-before' }, { method: 'POST', path: publishPath });
    await expect(h.publisher.publish(IG_TOKEN, 'Old text', [photo], h.options())).rejects.toBeInstanceOf(AmbiguousError);

    await h.publisher.publish(IG_TOKEN, 'New text', [photo], h.options());

    expect(h.fake.containers.size).toBe(2);
    expect(h.fake.media.map((media) => media.caption)).toEqual(['New text']);
  });

  it('without any saved handle: found by caption when the post is there, else absent', async () => {
    h = await startInstagramHarness();
    const photo = h.jpeg('a.jpg');

    expect(await h.publisher.findExisting(IG_TOKEN, 'Not posted', [photo], h.options())).toEqual({ state: 'absent' });

    const media = h.fake.addExistingMedia(IG_USER_ID, { caption: 'Posted  somehow\n' });
    expect(await h.publisher.findExisting(IG_TOKEN, 'Posted somehow', [photo], h.options())).toMatchObject({
      state: 'found',
      result: { platformPostId: media.id },
    });
  });

  it('a media id saved after success is found directly', async () => {
    h = await startInstagramHarness();
    const photo = h.jpeg('a.jpg');
    const result = await h.publisher.publish(IG_TOKEN, 'Done', [photo], h.options());

    expect(await h.publisher.findExisting(IG_TOKEN, 'Done', [photo], h.options())).toEqual({ state: 'found', result });
  });
});
