// How Instagram's failures reach the engine: refused media (at creation or as a container ERROR), tokens,
// throttles, the publishing quota, and outages before media_publish.
import { afterEach, describe, expect, it } from 'vitest';
import { AmbiguousError, PermanentError, RateLimitedError, RetryableError } from '../../../electron/engine/publishers/errors';
import { jpegFile, mp4File } from '../../fakes/shared/real-media';
import { IG_TOKEN, IG_USER_ID, startInstagramHarness, type InstagramHarness } from './instagram-harness';

let h: InstagramHarness;

afterEach(async () => {
  await h.close();
});

const HOUR = 3_600_000;
const publishPath = `/v23.0/${IG_USER_ID}/media_publish`;

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the publish to fail');
    },
    (error: unknown) => error,
  );
}

describe('InstagramPublisher refused media', () => {
  it('a .jpg link that serves a PNG is refused by Instagram when the container is created (36001/2207005)', async () => {
    h = await startInstagramHarness();
    const disguised = h.media.add('photo.jpg', { size: 100, contentType: 'image/png' });

    const error = await failure(h.publisher.publish(IG_TOKEN, 'Hi', [disguised], h.options()));

    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ platformCode: '36001/2207005' });
    expect(h.fake.containers.size).toBe(0);
  });

  it('an image link that does not answer is refused (9004/2207052)', async () => {
    h = await startInstagramHarness();
    const gone = h.media.add('gone.jpg', { size: 100, contentType: 'image/jpeg', status: 404 });

    await expect(h.publisher.publish(IG_TOKEN, 'Hi', [gone], h.options())).rejects.toMatchObject({ kind: 'permanent', platformCode: '9004/2207052' });
  });

  it('an image over 8 MiB is refused (36000/2207004)', async () => {
    h = await startInstagramHarness();
    const huge = h.media.add('huge.jpg', { size: 8 * 1024 * 1024 + 1, contentType: 'image/jpeg' });

    await expect(h.publisher.publish(IG_TOKEN, 'Hi', [huge], h.options())).rejects.toMatchObject({
      kind: 'permanent',
      platformCode: '36000/2207004',
    });
  });

  it('a video Instagram cannot read ends its container in ERROR: permanent, with the reason in words', async () => {
    h = await startInstagramHarness();
    const notVideo = h.media.add('clip.mp4', { size: 100, contentType: 'text/html' });

    const error = await failure(h.publisher.publish(IG_TOKEN, 'Clip', [notVideo], h.options({ settings: { instagramKind: 'reel' } })));

    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ platformCode: '2207026' });
    expect((error as Error).message).toMatch(/video format/);
    expect(h.fake.media).toHaveLength(0);
  });

  it('a feed photo wider than 1.91:1 is refused when the container is created (36003/2207009), and nothing is tried again', async () => {
    h = await startInstagramHarness();
    const banner = h.media.addFile('banner.jpg', jpegFile(2000, 1000), 'image/jpeg');

    const error = await failure(h.publisher.publish(IG_TOKEN, 'Wide', [banner], h.options()));

    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ platformCode: '36003/2207009' });
    expect((error as Error).message).toMatch(/aspect ratio \('2000\/1000'\)/);
    expect(h.fake.containers.size).toBe(0);
  });

  it('a reel longer than 15 minutes, or in MPEG-4 Part 2, ends its container in ERROR: permanent, saying why', async () => {
    h = await startInstagramHarness();
    const reel = h.options({ settings: { instagramKind: 'reel' } });
    const long = h.media.addFile('long.mp4', mp4File({ durationSec: 16 * 60 }), 'video/mp4');
    const old = h.media.addFile('old.mp4', mp4File({ durationSec: 30, codec: 'mp4v' }), 'video/mp4');

    const tooLong = await failure(h.publisher.publish(IG_TOKEN, 'Long', [long], reel));
    expect(tooLong).toBeInstanceOf(PermanentError);
    expect((tooLong as Error).message).toMatch(/960 seconds long\. Reels must be 3 seconds to 15 minutes long/);
    const oldCodec = await failure(h.publisher.publish(IG_TOKEN, 'Old', [old], h.options({ settings: { instagramKind: 'reel' } })));
    expect(oldCodec).toMatchObject({ kind: 'permanent', platformCode: '2207026' });
    expect(h.fake.media).toHaveLength(0);
  });

  it('a container ERROR with a server subcode (2207001) is retryable and the next attempt uses a new container', async () => {
    h = await startInstagramHarness();
    const photo = h.jpeg('a.jpg');
    h.fake.failNextContainer(2207001, 'Instagram server error');

    await expect(h.publisher.publish(IG_TOKEN, 'Hi', [photo], h.options())).rejects.toBeInstanceOf(RetryableError);
    const first = h.ledger.handles.container;

    await h.publisher.publish(IG_TOKEN, 'Hi', [photo], h.options());

    expect(h.fake.containers.size).toBe(2);
    expect(h.ledger.handles.container).not.toBe(first);
    expect(h.fake.media).toHaveLength(1);
  });

  it('a failed carousel item stops the post before the carousel container is made', async () => {
    h = await startInstagramHarness();
    const notVideo = h.media.add('b.mp4', { size: 100, contentType: 'application/octet-stream' });

    await expect(h.publisher.publish(IG_TOKEN, 'Two', [h.jpeg('a.jpg'), notVideo], h.options())).rejects.toMatchObject({
      kind: 'permanent',
      platformCode: '2207026',
    });
    expect([...h.fake.containers.values()].some((container) => container.mediaType === 'CAROUSEL')).toBe(false);
  });
});

describe('InstagramPublisher tokens and limits', () => {
  it('an account out of containers for the day (400 in 24 hours) waits instead of failing, and nothing is published', async () => {
    h = await startInstagramHarness();
    h.fake.containerCap = 0;

    const error = await failure(h.publisher.publish(IG_TOKEN, 'Hi', [h.jpeg('a.jpg')], h.options()));

    expect(error).toBeInstanceOf(RateLimitedError);
    expect(h.fake.containers.size).toBe(0);
    expect(h.fake.media).toHaveLength(0);
  });

  it('an expired token (190) is permanent with authFailure', async () => {
    h = await startInstagramHarness();
    h.fake.setTokenState(IG_TOKEN, 'expired');

    await expect(h.publisher.publish(IG_TOKEN, 'Hi', [h.jpeg('a.jpg')], h.options())).rejects.toMatchObject({
      kind: 'permanent',
      authFailure: true,
      platformCode: '190/463',
    });
  });

  it('a revoked token (190/460) is permanent with authFailure', async () => {
    h = await startInstagramHarness();
    h.fake.setTokenState(IG_TOKEN, 'revoked');

    await expect(h.publisher.publish(IG_TOKEN, 'Hi', [h.jpeg('a.jpg')], h.options())).rejects.toMatchObject({
      kind: 'permanent',
      authFailure: true,
      platformCode: '190/460',
    });
  });

  it('an account throttle (80002) waits until the usage header says access comes back', async () => {
    h = await startInstagramHarness();
    h.fake.throttleAccount(IG_USER_ID, 7);
    const before = Date.now();

    const error = await failure(h.publisher.publish(IG_TOKEN, 'Hi', [h.jpeg('a.jpg')], h.options()));

    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ platformCode: '80002' });
    expect((error as RateLimitedError).retryAt).toBeGreaterThanOrEqual(before + 6 * 60_000);
    expect((error as RateLimitedError).retryAt).toBeLessThanOrEqual(Date.now() + 8 * 60_000);
  });

  it('a used-up publishing quota waits until the oldest post leaves the window, creating no container', async () => {
    h = await startInstagramHarness({ fake: { quotaTotal: 3 } });
    const now = Date.now();
    for (const hoursAgo of [20, 10, 1])
      h.fake.addExistingMedia(IG_USER_ID, { caption: `old ${hoursAgo}`, timestamp: now - hoursAgo * HOUR, viaApi: true });

    const error = await failure(h.publisher.publish(IG_TOKEN, 'One more', [h.jpeg('a.jpg')], h.options()));

    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ platformCode: 'publishing-limit' });
    const expected = now - 20 * HOUR + 24 * HOUR;
    expect((error as RateLimitedError).retryAt).toBeGreaterThanOrEqual(expected - 2_000);
    expect((error as RateLimitedError).retryAt).toBeLessThanOrEqual(expected + 2 * 60_000);
    expect(h.fake.containers.size).toBe(0);
    expect(h.fake.requests.some((request) => request.path === publishPath)).toBe(false);
  });

  it('posts published more than a window ago do not count', async () => {
    h = await startInstagramHarness({ fake: { quotaTotal: 1 } });
    h.fake.addExistingMedia(IG_USER_ID, { caption: 'yesterday', timestamp: Date.now() - 25 * HOUR, viaApi: true });

    await h.publisher.publish(IG_TOKEN, 'Today', [h.jpeg('a.jpg')], h.options());
    expect(h.fake.media).toHaveLength(2);
  });

  it('the publishing limit (9/2207042) reached at media_publish itself is a rate limit, not a failure', async () => {
    h = await startInstagramHarness();
    h.fake.failNextWithGraphError(
      {
        message: 'Application request limit reached',
        code: 9,
        error_subcode: 2207042,
        error_user_msg: 'You reached maximum number of posts that is allowed to be published by Content Publishing API.',
      },
      { method: 'POST', path: publishPath },
    );

    const error = await failure(h.publisher.publish(IG_TOKEN, 'Hi', [h.jpeg('a.jpg')], h.options()));

    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ platformCode: '9/2207042' });
    expect((error as RateLimitedError).retryAt).toBeGreaterThan(Date.now());
    expect(h.fake.media).toHaveLength(0);
  });

  it('media not ready at media_publish (9007/2207027) is retryable', async () => {
    h = await startInstagramHarness();
    h.fake.failNextWithGraphError(
      { message: 'Media ID is not available', code: 9007, error_subcode: 2207027 },
      { method: 'POST', path: publishPath },
    );

    await expect(h.publisher.publish(IG_TOKEN, 'Hi', [h.jpeg('a.jpg')], h.options())).rejects.toBeInstanceOf(RetryableError);
  });

  it('a transient error while creating a container is retryable; on media_publish it is ambiguous', async () => {
    h = await startInstagramHarness();
    h.fake.failNextTransient({ method: 'POST', path: `/v23.0/${IG_USER_ID}/media` });
    await expect(h.publisher.publish(IG_TOKEN, 'Hi', [h.jpeg('a.jpg')], h.options())).rejects.toBeInstanceOf(RetryableError);

    h.fake.failNextTransient({ method: 'POST', path: publishPath });
    await expect(h.publisher.publish(IG_TOKEN, 'Hi', [h.jpeg('b.jpg')], h.options())).rejects.toBeInstanceOf(AmbiguousError);
  });

  it('processing that outlasts the wait is retryable, and the next attempt resumes the same container', async () => {
    h = await startInstagramHarness({ fake: { readsUntilFinished: { video: 40 } }, pollTimeoutMs: 60 });
    const clip = h.mp4('long.mp4');

    await expect(h.publisher.publish(IG_TOKEN, 'Long', [clip], h.options())).rejects.toBeInstanceOf(RetryableError);
    const container = h.ledger.handles.container;
    expect(container).toBeDefined();

    await h.publisherWith({ pollTimeoutMs: 20_000 }).publish(IG_TOKEN, 'Long', [clip], h.options());

    expect(h.fake.containers.size).toBe(1);
    expect(h.fake.media[0].containerId).toBe(container);
  });
});
