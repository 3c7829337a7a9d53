// The YouTube publisher against a fake YouTube that follows the resumable upload protocol: chunked uploads, broken
// connections resumed from the session's Range, lost final answers settled by asking the session, quota, title
// rules, the channel profile and token renewal.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLedger } from '../../../electron/engine/publishers/base/memory-ledger';
import { AmbiguousError, PermanentError, RateLimitedError, RetryableError } from '../../../electron/engine/publishers/errors';
import type { AttemptLedger, PublishAccount, TokenSource } from '../../../electron/engine/publishers/publisher';
import { YoutubePublisher, youtubeHandles, type YoutubePublisherConfig } from '../../../electron/engine/publishers/youtube/youtube-publisher';
import type { YoutubeTargetOptions } from '../../../electron/engine/publishers/youtube/youtube-video-resource';
import { MediaServer } from '../../fakes/shared/media-server';
import { startYoutubeFake, type YoutubeFake, type YoutubeFakeOptions } from '../../fakes/youtube/youtube-fake';

const KIB = 1024;
const DAY_MS = 24 * 60 * 60 * 1000;

let media: MediaServer;
let fake: YoutubeFake;
let token: { accessToken: string };

async function setUp(options: YoutubeFakeOptions = {}): Promise<void> {
  fake = await startYoutubeFake(options);
  token = fake.grant();
}

function publisher(config: YoutubePublisherConfig = {}): YoutubePublisher {
  return new YoutubePublisher({
    apiOrigin: fake.origin,
    // The media server runs on 127.0.0.1.
    allowPrivateMediaAddresses: true,
    chunkSizeBytes: 256 * KIB,
    resumeDelayMs: 5,
    postingLimit: { capacity: 100, refillEveryMs: 1_000 },
    ...config,
  });
}

function account(overrides: Partial<PublishAccount> = {}): PublishAccount {
  return {
    id: 'acc-yt',
    platform: 'youtube',
    name: 'Fake Channel',
    externalId: null,
    tokenExpiresAt: null,
    loginKind: null,
    ...overrides,
  };
}

function video(size: number, name = 'clip.mp4'): { url: string; bytes: Buffer } {
  const url = media.add(name, { size, contentType: 'video/mp4' });
  return { url, bytes: media.bytesOf(url) };
}

// Content-Range of every upload PUT, in order; a status query shows as "bytes */N".
function ranges(): string[] {
  return fake.requestsTo('upload').map((request) => String(request.headers['content-range']));
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('the publish should have failed'),
    (error: unknown) => error,
  );
}

const settings = { title: 'Harbour at dawn' };

beforeEach(async () => {
  media = await MediaServer.start();
});

afterEach(async () => {
  await fake?.close();
  await media.close();
});

describe('YouTube uploads', () => {
  it('uploads a small video in one request after saving the session, with the documented metadata', async () => {
    await setUp();
    const { url, bytes } = video(200_000);
    const ledger = createMemoryLedger();
    const putsWhenSaved: number[] = [];
    const watchingLedger: AttemptLedger = {
      handles: ledger.handles,
      saveHandle(name, value) {
        if (name === youtubeHandles.session) putsWhenSaved.push(fake.requestsTo('upload').length);
        ledger.saveHandle(name, value);
      },
    };

    const result = await publisher().publish(token.accessToken, 'Boats leaving the harbour.', [url], { settings, ledger: watchingLedger });

    const [uploaded] = fake.videos;
    expect(result).toEqual({ platformPostId: uploaded.id, url: `https://www.youtube.com/watch?v=${uploaded.id}` });
    expect(uploaded.bytes.equals(bytes)).toBe(true);
    expect(uploaded).toMatchObject({
      title: 'Harbour at dawn',
      description: 'Boats leaving the harbour.',
      privacyStatus: 'public',
      selfDeclaredMadeForKids: false,
    });
    const [init] = fake.requestsTo('init');
    expect(init.query).toMatchObject({ uploadType: 'resumable', part: 'snippet,status' });
    expect(init.headers['x-upload-content-length']).toBe(String(bytes.length));
    expect(init.headers['x-upload-content-type']).toBe('video/mp4');
    expect(ranges()).toEqual([`bytes 0-${bytes.length - 1}/${bytes.length}`]);
    expect(putsWhenSaved).toEqual([0]);
    expect(ledger.handles[youtubeHandles.session]).toBe(
      `${fake.origin}/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status&upload_id=${fake.sessions[0].id}`,
    );
  });

  it('uploads a large video in 256 KiB-multiple chunks, continuing from each 308 Range', async () => {
    await setUp();
    const { url, bytes } = video(1_300_000);

    const result = await publisher().publish(token.accessToken, 'Long take', [url], { settings });

    expect(fake.sessions).toHaveLength(1);
    expect(fake.videos[0].bytes.equals(bytes)).toBe(true);
    expect(result.platformPostId).toBe(fake.videos[0].id);
    const size = bytes.length;
    const unit = 256 * KIB;
    expect(ranges()).toEqual([0, 1, 2, 3, 4].map((i) => `bytes ${i * unit}-${Math.min((i + 1) * unit, size) - 1}/${size}`));
  });

  it('sends privacy, made-for-kids and a future release time as YouTube expects', async () => {
    await setUp();
    const publishAt = new Date(Date.now() + DAY_MS).toISOString();
    const later: YoutubeTargetOptions = { title: 'Later', publishAt };
    const publicLater: YoutubeTargetOptions = { title: 'Now', privacy: 'public', publishAt };
    await publisher().publish(token.accessToken, 'Kids song', [video(100_000).url], {
      settings: { title: 'Song', privacy: 'unlisted', madeForKids: true },
    });
    await publisher().publish(token.accessToken, 'Premiere', [video(100_000, 'b.mp4').url], { settings: later });

    expect(fake.videos[0]).toMatchObject({ privacyStatus: 'unlisted', selfDeclaredMadeForKids: true });
    expect(fake.videos[1]).toMatchObject({ privacyStatus: 'private', publishAt, selfDeclaredMadeForKids: false });
    const refused = await failure(publisher().publish(token.accessToken, 'x', [video(100_000, 'c.mp4').url], { settings: publicLater }));
    expect(refused).toBeInstanceOf(PermanentError);
    expect(fake.sessions).toHaveLength(2);
  });
});

describe('YouTube interruptions', () => {
  it('resumes from the bytes YouTube kept after the connection broke mid-chunk, without a new session', async () => {
    await setUp();
    const { url, bytes } = video(3 * 1024 * KIB + 5_000);
    fake.failNext('upload', { kind: 'drop-mid-request' }, { after: 1 });

    const result = await publisher({ chunkSizeBytes: 1024 * KIB }).publish(token.accessToken, 'Bumpy network', [url], { settings });

    expect(fake.sessions).toHaveLength(1);
    expect(fake.videos).toHaveLength(1);
    expect(fake.videos[0].bytes.equals(bytes)).toBe(true);
    expect(result.platformPostId).toBe(fake.videos[0].id);
    const sent = ranges();
    const query = sent.indexOf(`bytes */${bytes.length}`);
    expect(query).toBe(2);
    // Google kept whole 256 KiB units of the broken chunk; the upload goes on from there, never from byte 0 again.
    const resumedAt = Number(/^bytes (\d+)-/.exec(sent[3])?.[1]);
    expect(resumedAt).toBe(fake.sessions[0].received.slice(0, 2).reduce((sum, part) => sum + part.length, 0));
    expect(resumedAt).toBeGreaterThan(1024 * KIB);
    expect(sent.filter((range) => range.startsWith('bytes 0-'))).toHaveLength(1);
  });

  it('resumes with backoff after 5xx answers to a chunk and to the status query', async () => {
    await setUp();
    const { url, bytes } = video(800_000);
    fake.failNext('upload', { kind: 'server-error', status: 503 }, { after: 1, times: 2 });

    await publisher().publish(token.accessToken, 'Flaky backend', [url], { settings });

    expect(fake.sessions).toHaveLength(1);
    expect(fake.videos[0].bytes.equals(bytes)).toBe(true);
    expect(ranges().filter((range) => range === `bytes */${bytes.length}`)).toHaveLength(2);
  });

  it('settles a lost final answer by asking the session, so the video is made once', async () => {
    await setUp();
    const { url } = video(600_000);
    fake.failNext('upload', { kind: 'drop-after-accept' }, { after: 2 });

    const result = await publisher().publish(token.accessToken, 'Lost answer', [url], { settings });

    expect(fake.videos).toHaveLength(1);
    expect(result.platformPostId).toBe(fake.videos[0].id);
  });

  it('reports a lost final answer it cannot confirm as ambiguous, and findExisting finds the video', async () => {
    await setUp();
    const { url } = video(600_000);
    const ledger = createMemoryLedger();
    fake.failNext('upload', { kind: 'drop-after-accept' }, { after: 2 });
    fake.failNext('upload', { kind: 'server-error', status: 502 }, { times: 2 });

    const error = await failure(publisher({ maxInterruptions: 2 }).publish(token.accessToken, 'Lost answer', [url], { settings, ledger }));
    expect(error).toBeInstanceOf(AmbiguousError);

    const existing = await publisher().findExisting(token.accessToken, 'Lost answer', [url], { settings, ledger });
    expect(existing).toEqual({
      state: 'found',
      result: { platformPostId: fake.videos[0].id, url: `https://www.youtube.com/watch?v=${fake.videos[0].id}` },
    });
    expect(fake.videos).toHaveLength(1);
  });

  it('finds the video in the uploads playlist when the session expired after the last byte was sent', async () => {
    await setUp();
    const { url } = video(300_000);
    const ledger = createMemoryLedger();
    const firstAttemptAt = Date.now();
    fake.failNext('upload', { kind: 'drop-after-accept' }, { after: 1 });
    fake.failNext('upload', { kind: 'server-error' }, { times: 2 });

    await failure(publisher({ maxInterruptions: 2 }).publish(token.accessToken, 'Expired', [url], { settings, ledger, firstAttemptAt }));
    fake.expireSession(fake.sessions[0].id);

    const existing = await publisher().findExisting(token.accessToken, 'Expired', [url], { settings, ledger, firstAttemptAt });
    expect(existing).toEqual({
      state: 'found',
      result: { platformPostId: fake.videos[0].id, url: `https://www.youtube.com/watch?v=${fake.videos[0].id}` },
    });
    expect(fake.requestsTo('channels')[0].query).toMatchObject({ part: 'contentDetails', mine: 'true' });
    expect(fake.requestsTo('playlistItems')[0].query).toMatchObject({ playlistId: fake.uploadsPlaylistId });
  });

  it('says absent for an unfinished session (it can resume) and for a target that never opened one', async () => {
    await setUp();
    const { url } = video(600_000);
    const ledger = createMemoryLedger();
    fake.failNext('upload', { kind: 'server-error' }, { after: 1, times: 3 });

    const error = await failure(publisher({ maxInterruptions: 2 }).publish(token.accessToken, 'Half', [url], { settings, ledger }));
    expect(error).toBeInstanceOf(RetryableError);
    expect(await publisher().findExisting(token.accessToken, 'Half', [url], { settings, ledger })).toEqual({ state: 'absent' });
    expect(await publisher().findExisting(token.accessToken, 'Never', [url], { settings: { title: 'Never' }, ledger: createMemoryLedger() })).toEqual(
      { state: 'absent' },
    );
  });

  it('resumes the saved session on the next attempt instead of uploading again', async () => {
    await setUp();
    const { url, bytes } = video(1_000_000);
    const ledger = createMemoryLedger();
    fake.failNext('upload', { kind: 'server-error' }, { after: 2, times: 3 });

    await failure(publisher({ maxInterruptions: 2 }).publish(token.accessToken, 'Twice', [url], { settings, ledger }));
    await publisher().publish(token.accessToken, 'Twice', [url], { settings, ledger });

    expect(fake.sessions).toHaveLength(1);
    expect(fake.videos[0].bytes.equals(bytes)).toBe(true);
    expect(ranges().filter((range) => range.startsWith('bytes 0-'))).toHaveLength(1);
  });

  it('starts a new session when YouTube lost the old one before the last byte was sent', async () => {
    await setUp();
    const { url, bytes } = video(600_000);
    fake.failNext('upload', { kind: 'error', status: 404, reason: 'notFound', message: 'Not Found' }, { after: 1 });

    await publisher().publish(token.accessToken, 'Second session', [url], { settings });

    expect(fake.sessions).toHaveLength(2);
    expect(fake.videos).toHaveLength(1);
    expect(fake.videos[0].bytes.equals(bytes)).toBe(true);
  });

  it('never starts over when the session is gone after the last byte was sent', async () => {
    await setUp();
    const { url } = video(300_000);
    const ledger = createMemoryLedger();
    fake.failNext('upload', { kind: 'drop-after-accept' }, { after: 1 });
    fake.failNext('upload', { kind: 'error', status: 404, reason: 'notFound', message: 'Not Found' });

    const error = await failure(publisher().publish(token.accessToken, 'Gone', [url], { settings, ledger }));

    expect(error).toBeInstanceOf(AmbiguousError);
    expect(fake.sessions).toHaveLength(1);
    expect((await publisher().findExisting(token.accessToken, 'Gone', [url], { settings, ledger })).state).toBe('found');
  });
});

describe('YouTube refusals and limits', () => {
  it('refuses a missing or invalid title before any network call', async () => {
    await setUp();
    const { url } = video(100_000);
    for (const title of ['', '   ', 'a'.repeat(101), 'Look <here>']) {
      const error = await failure(publisher().publish(token.accessToken, 'Text', [url], { settings: { title } }));
      expect(error).toBeInstanceOf(PermanentError);
    }
    expect(fake.requests).toHaveLength(0);
    expect(media.requests).toHaveLength(0);
  });

  it("passes on YouTube's own refusals in plain words", async () => {
    await setUp();
    fake.failNext('init', {
      kind: 'error',
      status: 400,
      reason: 'invalidTitle',
      domain: 'youtube.video',
      message: 'The request metadata specifies an invalid or empty video title.',
    });

    const error = await failure(publisher().publish(token.accessToken, 'Text', [video(100_000).url], { settings }));

    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ platformCode: 'invalidTitle', httpStatus: 400 });
    expect((error as Error).message).toContain('1 to 100 characters');
  });

  it('waits for midnight Pacific time when the quota is used up, with nothing uploaded', async () => {
    await setUp({ dailyQuota: 1_000 });
    const before = Date.now();

    const error = await failure(publisher().publish(token.accessToken, 'Text', [video(100_000).url], { settings }));

    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ platformCode: 'quotaExceeded', httpStatus: 403 });
    const retryAt = (error as RateLimitedError).retryAt;
    expect(retryAt).toBeGreaterThan(before);
    expect(retryAt).toBeLessThanOrEqual(before + 25 * 60 * 60 * 1000);
    const pacific = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/Los_Angeles',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    expect(pacific.format(new Date(retryAt))).toBe('00:00:00');
    expect(pacific.format(new Date(retryAt - 1))).toBe('23:59:59');
    expect(fake.sessions).toHaveLength(0);
  });

  it("waits a day when the channel reached YouTube's daily upload limit", async () => {
    await setUp({ dailyUploadLimit: 0 });
    const error = await failure(publisher().publish(token.accessToken, 'Text', [video(100_000).url], { settings }));

    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ platformCode: 'uploadLimitExceeded' });
    expect((error as RateLimitedError).retryAt).toBeGreaterThan(Date.now() + DAY_MS - 60_000);
  });
});

describe('YouTube tokens', () => {
  it('reads the channel: its id, title and thumbnail', async () => {
    await setUp();
    const profile = await publisher().readProfile(token.accessToken, { externalId: null, loginKind: null });
    expect(profile).toMatchObject({ externalId: fake.channelId, name: expect.any(String) });
  });

  it('publishes with the token the engine renews after a refusal', async () => {
    await setUp();
    fake.expireAccessToken(token.accessToken);
    const tokens: TokenSource = { fresh: async (current) => current, renew: async () => fake.grant().accessToken };

    const result = await publisher().publish(token.accessToken, 'After refresh', [video(100_000).url], { settings, account: account(), tokens });

    expect(result.platformPostId).toBe(fake.videos[0].id);
  });

  it('asks to reconnect when Google refuses the token and nothing can renew it', async () => {
    await setUp();
    fake.expireAccessToken(token.accessToken);

    const error = await failure(publisher().publish(token.accessToken, 'No luck', [video(100_000).url], { settings, account: account() }));

    expect(error).toBeInstanceOf(PermanentError);
    expect((error as PermanentError).authFailure).toBe(true);
    expect((error as Error).message).toContain('Reconnect');
    expect(fake.sessions).toHaveLength(0);
  });
});
