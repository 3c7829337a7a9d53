// How Facebook's failures reach the engine: expired tokens, throttles with usage headers, outages on safe steps
// and on the create call, refused media, missing permissions.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AmbiguousError, PermanentError, RateLimitedError, RetryableError } from '../../../electron/engine/publishers/errors';
import { PAGE_ID, PAGE_TOKEN, startFacebookHarness, type FacebookHarness } from './facebook-harness';

let h: FacebookHarness;

beforeEach(async () => {
  h = await startFacebookHarness();
});

afterEach(async () => {
  await h.close();
});

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the publish to fail');
    },
    (error: unknown) => error,
  );
}

describe('FacebookPublisher failures', () => {
  it('an expired Page token (190/463) is permanent and asks to reconnect', async () => {
    h.fake.setTokenState(PAGE_TOKEN, 'expired');

    const error = await failure(h.publisher.publish(PAGE_TOKEN, 'Hello', [], h.options()));

    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ authFailure: true, platformCode: '190/463', httpStatus: 400 });
    expect((error as Error).message).toMatch(/Reconnect/);
  });

  it('a token of another Page is refused for missing permission, not as a login problem', async () => {
    h.fake.addPage('104000000000002', 'other-page-token');

    const error = await failure(h.publisher.publish('other-page-token', 'Hello', [], h.options()));

    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ authFailure: false, platformCode: '200' });
    expect(h.fake.posts).toHaveLength(0);
  });

  it('a Page throttle (32) waits until X-Business-Use-Case-Usage says access comes back', async () => {
    h.fake.throttlePage(PAGE_ID, 42);
    const before = Date.now();

    const error = await failure(h.publisher.publish(PAGE_TOKEN, 'Hello', [], h.options()));

    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ platformCode: '32' });
    const retryAt = (error as RateLimitedError).retryAt;
    expect(retryAt).toBeGreaterThanOrEqual(before + 41 * 60_000);
    expect(retryAt).toBeLessThanOrEqual(Date.now() + 43 * 60_000);
    expect(h.fake.posts).toHaveLength(0);
  });

  it('an app throttle (4) without an estimate waits a default 15 minutes', async () => {
    h.fake.throttleApp(5);
    const before = Date.now();

    const error = await failure(h.publisher.publish(PAGE_TOKEN, 'Hello', [], h.options()));

    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ platformCode: '4' });
    expect((error as RateLimitedError).retryAt).toBeGreaterThanOrEqual(before + 15 * 60_000);
    expect((error as RateLimitedError).retryAt).toBeLessThanOrEqual(Date.now() + 15 * 60_000);
  });

  it('a transient error while uploading an unpublished photo is retryable: no post exists', async () => {
    const photos = [h.media.add('a.jpg', { size: 10, contentType: 'image/jpeg' }), h.media.add('b.jpg', { size: 10, contentType: 'image/jpeg' })];
    h.fake.failNextTransient({ method: 'POST', path: `/v23.0/${PAGE_ID}/photos` });

    const error = await failure(h.publisher.publish(PAGE_TOKEN, 'Two', photos, h.options()));

    expect(error).toBeInstanceOf(RetryableError);
    expect(error).toMatchObject({ platformCode: '2', httpStatus: 500 });
    expect(h.fake.posts).toHaveLength(0);
  });

  it('a transient error (code 2) on the create call is ambiguous', async () => {
    h.fake.failNextTransient({ method: 'POST', path: `/v23.0/${PAGE_ID}/feed` });

    const error = await failure(h.publisher.publish(PAGE_TOKEN, 'Hello', [], h.options()));

    expect(error).toBeInstanceOf(AmbiguousError);
    expect(error).toMatchObject({ platformCode: '2' });
  });

  it('an HTTP 502 without a Graph error on the create call is ambiguous', async () => {
    h.fake.failNext({ type: 'status', status: 502, body: '<html>Bad Gateway</html>', headers: { 'content-type': 'text/html' } }, { method: 'POST' });

    const error = await failure(h.publisher.publish(PAGE_TOKEN, 'Hello', [], h.options()));

    expect(error).toBeInstanceOf(AmbiguousError);
    expect(error).toMatchObject({ httpStatus: 502 });
  });

  it('a photo Facebook cannot fetch is permanent (324)', async () => {
    const missing = h.media.add('gone.jpg', { size: 10, contentType: 'image/jpeg', status: 404 });

    const error = await failure(h.publisher.publish(PAGE_TOKEN, 'Photo', [missing], h.options()));

    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ platformCode: '324' });
  });

  it('a video Facebook cannot process is permanent and nothing shows on the Page', async () => {
    const clip = h.media.add('bad.mp4', { size: 100, contentType: 'video/mp4' });
    h.fake.failNextVideoProcessing();

    const error = await failure(h.publisher.publish(PAGE_TOKEN, 'Clip', [clip], h.options()));

    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ platformCode: 'video-error' });
    expect(h.fake.posts).toHaveLength(0);
  });

  it('a file that is not a video is refused by Facebook (352)', async () => {
    const page = h.media.add('trailer.mp4', { size: 100, contentType: 'text/html' });

    const error = await failure(h.publisher.publish(PAGE_TOKEN, 'Clip', [page], h.options()));

    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ platformCode: '352' });
  });

  it('an invalid link is refused as an invalid parameter (100)', async () => {
    const error = await failure(h.publisher.publish(PAGE_TOKEN, 'See', [], h.options({ settings: { link: 'not a link' } })));

    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ platformCode: '100', authFailure: false });
  });

  it('connection refused is retryable', async () => {
    await h.fake.close();

    const error = await failure(h.publisher.publish(PAGE_TOKEN, 'Hello', [], h.options()));

    expect(error).toBeInstanceOf(RetryableError);
  });
});
