// The TikTok publisher against a fake TikTok that follows the documented API: chunked video, photos pulled from URLs,
// privacy options, processing outcomes, limits, the profile and token renewal, and lost answers settled through findExisting.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLedger } from '../../../electron/engine/publishers/base/memory-ledger';
import { AmbiguousError, PermanentError, RateLimitedError, RetryableError } from '../../../electron/engine/publishers/errors';
import type { AttemptLedger, PublishAccount, TokenSource } from '../../../electron/engine/publishers/publisher';
import { TiktokPublisher, tiktokHandles, type TiktokPublisherConfig } from '../../../electron/engine/publishers/tiktok/tiktok-publisher';
import { startTiktokFake, type TiktokFake, type TiktokFakeOptions } from '../../fakes/tiktok/tiktok-fake';
import { MediaHost, jpegBytes, mp4Bytes } from './tiktok-media-files';

const MIB = 1024 * 1024;
const DAY_MS = 24 * 60 * 60 * 1000;

let media: MediaHost;
let fake: TiktokFake;
let token: { accessToken: string };

async function setUp(options: TiktokFakeOptions = {}): Promise<void> {
  fake = await startTiktokFake({ verifiedUrlPrefixes: [media.origin], ...options });
  token = fake.grant();
}

function publisher(config: TiktokPublisherConfig = {}): TiktokPublisher {
  return new TiktokPublisher({
    apiOrigin: fake.origin,
    // The media server runs on 127.0.0.1.
    allowPrivateMediaAddresses: true,
    chunkSizeBytes: 5 * MIB,
    chunkRetryDelayMs: 5,
    pollIntervalMs: 25,
    pollTimeoutMs: 10_000,
    postingLimit: { capacity: 100, refillEveryMs: 1_000 },
    ...config,
  });
}

function account(overrides: Partial<PublishAccount> = {}): PublishAccount {
  return {
    id: 'acc-1',
    platform: 'tiktok',
    name: 'Fake Creator',
    externalId: null,
    tokenExpiresAt: null,
    loginKind: null,
    ...overrides,
  };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('the publish should have failed'),
    (error: unknown) => error,
  );
}

/** Waits for TikTok's own background work (pulling photos, processing), with a generous limit. */
async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('the fake TikTok did not get there in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeEach(async () => {
  media = await new MediaHost().start();
});

afterEach(async () => {
  await fake?.close();
  await media.close();
});

describe('TikTok video posts', () => {
  it('queries the creator, saves the publish id, uploads the chunks in order and returns the exact post id', async () => {
    await setUp();
    const video = mp4Bytes(11 * MIB + 123, 42);
    const url = media.add('clip.mp4', video, 'video/mp4');
    const ledger = createMemoryLedger();
    const uploadsWhenSaved: number[] = [];
    const watchingLedger: AttemptLedger = {
      handles: ledger.handles,
      saveHandle(name, value) {
        if (name === tiktokHandles.publishId) uploadsWhenSaved.push(fake.requestsTo('upload').length);
        ledger.saveHandle(name, value);
      },
    };

    const result = await publisher().publish(token.accessToken, 'Morning light #cat', [url], { ledger: watchingLedger, account: account() });

    const [post] = fake.published;
    expect(post.video?.equals(video)).toBe(true);
    expect(post.postId).toMatch(/^\d{19}$/);
    // The 19-digit id survives exactly, although TikTok sends it as a bare JSON number.
    expect(result).toEqual({ platformPostId: post.postId, url: `https://www.tiktok.com/@fake.creator/video/${post.postId}` });
    expect(post.title).toBe('Morning light #cat');
    expect(post.privacyLevel).toBe('PUBLIC_TO_EVERYONE');
    expect(fake.requests[0].endpoint).toBe('creator_info');
    expect(fake.requestsTo('video_init')[0].body).toMatchObject({
      source_info: { source: 'FILE_UPLOAD', video_size: video.length, chunk_size: 5 * MIB, total_chunk_count: 2 },
    });
    expect(fake.requestsTo('upload').map((request) => request.headers['content-range'])).toEqual([
      `bytes 0-${5 * MIB - 1}/${video.length}`,
      `bytes ${5 * MIB}-${video.length - 1}/${video.length}`,
    ]);
    expect(uploadsWhenSaved).toEqual([0]);
    expect(ledger.handles[tiktokHandles.publishId]).toBe(post.publishId);
  });

  it('sends a video under 5 MB as one whole chunk', async () => {
    await setUp();
    const video = mp4Bytes(3 * MIB, 10);
    const result = await publisher().publish(token.accessToken, 'Short one', [media.add('short.mp4', video, 'video/mp4')]);

    expect(fake.requestsTo('video_init')[0].body).toMatchObject({
      source_info: { video_size: video.length, chunk_size: video.length, total_chunk_count: 1 },
    });
    expect(fake.requestsTo('upload')).toHaveLength(1);
    expect(result.platformPostId).toBe(fake.published[0].postId);
  });

  it('sends a chunk again after a 5xx or a connection cut mid-upload, without a second post', async () => {
    await setUp();
    const video = mp4Bytes(16 * MIB, 30);
    fake.failNext('upload', { kind: 'server-error', status: 503 });
    fake.failNext('upload', { kind: 'drop-mid-request' });

    const result = await publisher().publish(token.accessToken, 'Resilient', [media.add('clip.mp4', video, 'video/mp4')]);

    expect(fake.requestsTo('video_init')).toHaveLength(1);
    expect(fake.published).toHaveLength(1);
    expect(fake.published[0].video?.equals(video)).toBe(true);
    expect(result.platformPostId).toBe(fake.published[0].postId);
  });

  it('refuses a video longer than the creator may post before starting the post', async () => {
    await setUp({ creator: { maxVideoPostDurationSec: 60 } });
    const url = media.add('long.mp4', mp4Bytes(2 * MIB, 95), 'video/mp4');

    const error = await failure(publisher().publish(token.accessToken, 'Too long', [url]));

    expect(error).toBeInstanceOf(PermanentError);
    expect((error as Error).message).toContain('up to 60 s');
    expect(fake.requestsTo('video_init')).toHaveLength(0);
  });

  it('reports a post TikTok marks FAILED as permanent, with the reason in plain words', async () => {
    await setUp();
    fake.nextOutcome({ status: 'FAILED', failReason: 'frame_rate_check_failed' });

    const error = await failure(publisher().publish(token.accessToken, 'Jerky', [media.add('clip.mp4', mp4Bytes(2 * MIB, 5), 'video/mp4')]));

    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ platformCode: 'frame_rate_check_failed' });
    expect((error as Error).message).toContain('frames per second');
  });

  it('refuses a post parked in the inbox as a draft instead of calling it published', async () => {
    await setUp();
    fake.nextOutcome({ status: 'SEND_TO_USER_INBOX' });

    const error = await failure(publisher().publish(token.accessToken, 'Draft', [media.add('clip.mp4', mp4Bytes(2 * MIB, 5), 'video/mp4')]));

    expect(error).toBeInstanceOf(PermanentError);
    expect((error as Error).message).toContain('inbox');
  });

  it('gives the publish id and profile link for a post that is only visible to the creator', async () => {
    await setUp();
    const result = await publisher().publish(token.accessToken, 'Just me', [media.add('clip.mp4', mp4Bytes(2 * MIB, 5), 'video/mp4')], {
      settings: { privacy: 'private' },
    });

    const [post] = fake.published;
    expect(post.privacyLevel).toBe('SELF_ONLY');
    expect(result).toEqual({ platformPostId: post.publishId, url: 'https://www.tiktok.com/@fake.creator' });
  });
});

describe('TikTok photo posts', () => {
  it('lets TikTok pull the photos and returns the post once published', async () => {
    await setUp();
    const first = media.add('one.jpg', jpegBytes(40_000), 'image/jpeg');
    const second = media.add('two.jpg', jpegBytes(50_000, 9), 'image/jpeg');

    const result = await publisher().publish(token.accessToken, 'Two views of the bay', [first, second], { settings: { title: 'The bay' } });

    expect(fake.requestsTo('content_init')[0].body).toEqual({
      media_type: 'PHOTO',
      post_mode: 'DIRECT_POST',
      post_info: { title: 'The bay', description: 'Two views of the bay', privacy_level: 'PUBLIC_TO_EVERYONE', disable_comment: false },
      source_info: { source: 'PULL_FROM_URL', photo_images: [first, second], photo_cover_index: 0 },
    });
    const [post] = fake.published;
    expect(post.downloadedBytes).toBe(90_000);
    expect(result).toEqual({ platformPostId: post.postId, url: `https://www.tiktok.com/@fake.creator/video/${post.postId}` });
  });

  it('explains that photo links must be on a verified domain', async () => {
    await setUp({ verifiedUrlPrefixes: ['https://cdn.example.com/'] });
    const error = await failure(publisher().publish(token.accessToken, 'Photo', [media.add('one.jpg', jpegBytes(10_000), 'image/jpeg')]));

    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ platformCode: 'url_ownership_unverified' });
    expect((error as Error).message).toContain('verified');
  });
});

describe('TikTok privacy', () => {
  it('refuses a privacy the creator does not offer, naming the ones it does, before starting the post', async () => {
    await setUp({ creator: { privacyLevelOptions: ['MUTUAL_FOLLOW_FRIENDS', 'SELF_ONLY'] } });
    const url = media.add('clip.mp4', mp4Bytes(2 * MIB, 5), 'video/mp4');

    const error = await failure(publisher().publish(token.accessToken, 'For followers', [url], { settings: { privacy: 'followers' } }));

    expect(error).toBeInstanceOf(PermanentError);
    expect((error as Error).message).toBe(
      'This TikTok account cannot post as "followers" right now. Choose one it allows: friends, private (only me).',
    );
    expect(fake.requestsTo('video_init')).toHaveLength(0);
  });

  it('uses the first offered privacy when public is not offered and none was chosen', async () => {
    await setUp({ creator: { privacyLevelOptions: ['FOLLOWER_OF_CREATOR', 'SELF_ONLY'] } });
    await publisher().publish(token.accessToken, 'Default', [media.add('clip.mp4', mp4Bytes(2 * MIB, 5), 'video/mp4')]);

    expect(fake.requestsTo('video_init')[0].body).toMatchObject({ post_info: { privacy_level: 'FOLLOWER_OF_CREATOR' } });
  });

  it("passes on TikTok's own privacy refusals in words the user understands", async () => {
    await setUp({ audited: false });
    const url = media.add('clip.mp4', mp4Bytes(2 * MIB, 5), 'video/mp4');

    const unaudited = await failure(publisher().publish(token.accessToken, 'Public please', [url]));
    expect(unaudited).toBeInstanceOf(PermanentError);
    expect(unaudited).toMatchObject({ platformCode: 'unaudited_client_can_only_post_to_private_accounts' });
    expect((unaudited as Error).message).toContain('private');

    fake.failNext('video_init', { kind: 'error', status: 403, code: 'privacy_level_option_mismatch' });
    const mismatch = await failure(publisher().publish(token.accessToken, 'Private', [url], { settings: { privacy: 'private' } }));
    expect(mismatch).toBeInstanceOf(PermanentError);
    expect((mismatch as Error).message).toContain('Choose another privacy');
    expect(fake.posts).toHaveLength(0);
  });
});

describe('TikTok limits', () => {
  it('waits a minute after rate_limit_exceeded, with nothing posted', async () => {
    await setUp({ rateLimitsPerMinute: { creator_info: 1 } });
    const url = media.add('clip.mp4', mp4Bytes(2 * MIB, 5), 'video/mp4');
    await publisher().publish(token.accessToken, 'First', [url]);

    const before = Date.now();
    const error = await failure(publisher().publish(token.accessToken, 'Second', [url]));

    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ platformCode: 'rate_limit_exceeded', httpStatus: 429 });
    expect((error as RateLimitedError).retryAt).toBeGreaterThanOrEqual(before + 55_000);
    expect((error as RateLimitedError).retryAt).toBeLessThanOrEqual(Date.now() + 65_000);
    expect(fake.posts).toHaveLength(1);
  });

  it('waits about a day when the creator hit the daily post cap', async () => {
    await setUp({ dailyPostCap: 1 });
    const url = media.add('clip.mp4', mp4Bytes(2 * MIB, 5), 'video/mp4');
    await publisher().publish(token.accessToken, 'First', [url]);

    const error = await failure(publisher().publish(token.accessToken, 'Second', [url]));

    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ platformCode: 'spam_risk_too_many_posts' });
    expect((error as RateLimitedError).retryAt).toBeGreaterThan(Date.now() + DAY_MS - 60_000);
    expect(fake.posts).toHaveLength(1);
  });
});

describe('TikTok tokens', () => {
  it('reads the profile and what the creator may post; an unaudited app hears it posts only privately', async () => {
    await setUp();
    expect(await publisher().readProfile(token.accessToken, { externalId: null, loginKind: null })).toEqual({
      externalId: fake.openId,
      name: 'Fake Creator',
      avatarUrl: expect.stringContaining('avatar'),
    });
    await fake.close();
    await setUp({ creator: { privacyLevelOptions: ['SELF_ONLY'] } });
    const unaudited = await publisher().readProfile(token.accessToken, { externalId: null, loginKind: null });
    expect(unaudited.notice).toMatch(/only as private/);
  });

  it('publishes with the token the engine renews after a refusal', async () => {
    await setUp();
    fake.expireAccessToken(token.accessToken);
    const tokens: TokenSource = { fresh: async (current) => current, renew: async () => fake.grant().accessToken };

    const result = await publisher().publish(token.accessToken, 'After refresh', [media.add('clip.mp4', mp4Bytes(2 * MIB, 5), 'video/mp4')], {
      account: account(),
      tokens,
    });

    expect(result.platformPostId).toBe(fake.published[0].postId);
  });

  it('asks to reconnect when the token is refused and nothing can renew it', async () => {
    await setUp();
    fake.expireAccessToken(token.accessToken);

    const error = await failure(
      publisher().publish(token.accessToken, 'No luck', [media.add('clip.mp4', mp4Bytes(2 * MIB, 5), 'video/mp4')], { account: account() }),
    );

    expect(error).toBeInstanceOf(PermanentError);
    expect((error as PermanentError).authFailure).toBe(true);
    expect((error as Error).message).toContain('Reconnect');
    expect(fake.posts).toHaveLength(0);
  });
});

describe('TikTok lost answers', () => {
  it('settles a dropped video init as absent (nothing was uploaded) and the next attempt publishes once', async () => {
    await setUp();
    const url = media.add('clip.mp4', mp4Bytes(2 * MIB, 5), 'video/mp4');
    const ledger = createMemoryLedger();
    fake.failNext('video_init', { kind: 'drop-after-accept' });

    const error = await failure(publisher().publish(token.accessToken, 'Dropped', [url], { ledger }));
    expect(error).toBeInstanceOf(AmbiguousError);
    expect(fake.posts).toHaveLength(1);

    const existing = await publisher().findExisting(token.accessToken, 'Dropped', [url], { ledger });
    expect(existing).toEqual({ state: 'absent' });

    await publisher().publish(token.accessToken, 'Dropped', [url], { ledger });
    expect(fake.published).toHaveLength(1);
    expect(fake.published[0].publishId).toBe(ledger.handles[tiktokHandles.publishId]);
  });

  it('finds a photo post whose init answer was lost in the public post list', async () => {
    await setUp();
    const photo = media.add('one.jpg', jpegBytes(20_000), 'image/jpeg');
    const firstAttemptAt = Date.now();
    fake.failNext('content_init', { kind: 'drop-after-accept' });

    const error = await failure(publisher().publish(token.accessToken, 'Lost photo answer', [photo], { firstAttemptAt }));
    expect(error).toBeInstanceOf(AmbiguousError);

    await until(() => fake.published.length === 1);
    const existing = await publisher().findExisting(token.accessToken, 'Lost photo answer', [photo], {
      firstAttemptAt,
      ledger: createMemoryLedger(),
    });

    const [post] = fake.published;
    expect(existing).toEqual({
      state: 'found',
      result: { platformPostId: post.postId, url: `https://www.tiktok.com/@fake.creator/video/${post.postId}` },
    });
    expect(fake.requestsTo('video_list')[0].path).toBe('/v2/video/list/');
  });

  it('treats an init that times out as ambiguous: TikTok may have created the post', async () => {
    await setUp();
    const photo = media.add('one.jpg', jpegBytes(20_000), 'image/jpeg');
    fake.failNext('content_init', { kind: 'slow', delayMs: 2_500 });

    const error = await failure(publisher({ requestTimeoutMs: 1_000 }).publish(token.accessToken, 'Slow init', [photo]));

    expect(error).toBeInstanceOf(AmbiguousError);
    expect((error as Error).message).toContain('may have been published');
  });

  it('cannot tell about a lost photo post when the app may not read the post list', async () => {
    await setUp();
    token = fake.grant(['video.publish']);
    const photo = media.add('one.jpg', jpegBytes(20_000), 'image/jpeg');

    const existing = await publisher().findExisting(token.accessToken, 'Unseen', [photo], { ledger: createMemoryLedger() });

    expect(existing.state).toBe('unknown');
    expect(fake.requestsTo('video_list')).toHaveLength(1);
  });

  it('follows the saved publish id when processing outlasts the wait, instead of posting again', async () => {
    await setUp({ processingMs: 1_500 });
    const url = media.add('clip.mp4', mp4Bytes(2 * MIB, 5), 'video/mp4');
    const ledger = createMemoryLedger();

    const error = await failure(publisher({ pollTimeoutMs: 50 }).publish(token.accessToken, 'Slow', [url], { ledger }));
    expect(error).toBeInstanceOf(AmbiguousError);

    const existing = await publisher({ pollIntervalMs: 200, pollTimeoutMs: 20_000 }).findExisting(token.accessToken, 'Slow', [url], { ledger });
    const [post] = fake.published;
    expect(existing).toEqual({
      state: 'found',
      result: { platformPostId: post.postId, url: `https://www.tiktok.com/@fake.creator/video/${post.postId}` },
    });
    expect(fake.requestsTo('video_init')).toHaveLength(1);
  });

  it('resumes the earlier publish after a failed status check instead of uploading again', async () => {
    await setUp();
    const url = media.add('clip.mp4', mp4Bytes(2 * MIB, 5), 'video/mp4');
    const ledger = createMemoryLedger();
    fake.failNext('status', { kind: 'server-error', status: 500 });

    const error = await failure(publisher().publish(token.accessToken, 'Check again', [url], { ledger }));
    expect(error).toBeInstanceOf(RetryableError);

    const result = await publisher().publish(token.accessToken, 'Check again', [url], { ledger });
    expect(fake.requestsTo('video_init')).toHaveLength(1);
    expect(fake.requestsTo('upload')).toHaveLength(1);
    expect(result.platformPostId).toBe(fake.published[0].postId);
  });

  it('reports a saved publish that TikTok refused as absent', async () => {
    await setUp();
    const url = media.add('clip.mp4', mp4Bytes(2 * MIB, 5), 'video/mp4');
    const ledger = createMemoryLedger();
    fake.nextOutcome({ status: 'FAILED', failReason: 'internal' });

    const error = await failure(publisher().publish(token.accessToken, 'Refused', [url], { ledger }));
    expect(error).toBeInstanceOf(RetryableError);
    expect(await publisher().findExisting(token.accessToken, 'Refused', [url], { ledger })).toEqual({ state: 'absent' });
  });
});
