// Files from the media library go up to every platform streamed from disk in the platform's chunk size, with the
// connection cut in the middle of an upload: each publisher sends the broken part again (or resumes where the platform
// kept the bytes), the platform ends up with exactly the file's bytes, one post is made, and progress reaches the end.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaFacts, UploadProgress } from '../../shared/media-item';
import { createMemoryLedger } from '../../electron/engine/publishers/base/memory-ledger';
import type { PublishMedia } from '../../electron/engine/publishers/publisher';
import { FacebookPublisher } from '../../electron/engine/publishers/facebook/facebook-publisher';
import { LinkedInPublisher } from '../../electron/engine/publishers/linkedin/linkedin-publisher';
import { TiktokPublisher } from '../../electron/engine/publishers/tiktok/tiktok-publisher';
import { TwitterPublisher } from '../../electron/engine/publishers/twitter/twitter-publisher';
import { YoutubePublisher } from '../../electron/engine/publishers/youtube/youtube-publisher';
import { FacebookFake } from '../fakes/facebook/facebook-fake';
import { FakeLinkedIn } from '../fakes/linkedin/fake-linkedin';
import { startTiktokFake } from '../fakes/tiktok/tiktok-fake';
import { FakeTwitter } from '../fakes/twitter/fake-twitter';
import { startYoutubeFake } from '../fakes/youtube/youtube-fake';
import { makeLargeVideo } from './large-video';

const MIB = 1024 * 1024;
const SIZE = 12 * MIB + 4321;
let dir: string;
let path: string;
let bytes: Buffer;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pe-stream-'));
  path = makeLargeVideo(join(dir, 'launch.mp4'), SIZE);
  bytes = readFileSync(path);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The library's facts for the file: a 30-second portrait 1080p clip (the bytes are the fixture grown with noise). */
function fileMedia(extra: Partial<PublishMedia> = {}): PublishMedia[] {
  const facts: MediaFacts = {
    kind: 'video',
    mimeType: 'video/mp4',
    sizeBytes: SIZE,
    width: 1080,
    height: 1920,
    durationMs: 30_000,
    videoCodec: 'avc',
    audioCodec: 'aac',
    frameRate: 30,
  };
  return [{ source: 'file', path, name: 'launch.mp4', facts, ...extra } as PublishMedia];
}

/** Records progress; checks it went from the first byte to the last and on to publishing. */
function progressLog() {
  const seen: UploadProgress[] = [];
  return {
    onProgress: (progress: UploadProgress) => seen.push(progress),
    expectComplete() {
      const uploading = seen.filter((entry) => entry.phase === 'uploading');
      expect(uploading[0]).toMatchObject({ item: 1, items: 1, bytesSent: 0, bytesTotal: SIZE });
      expect(uploading.at(-1)).toMatchObject({ bytesSent: SIZE, bytesTotal: SIZE });
      const after = seen.slice(seen.lastIndexOf(uploading.at(-1) as UploadProgress) + 1).map((entry) => entry.phase);
      expect(after.length).toBeGreaterThan(0);
      expect(after.every((phase) => phase === 'processing' || phase === 'publishing')).toBe(true);
    },
  };
}

describe('streamed uploads from the media library, with the connection cut mid-upload', () => {
  it('X: appends 4 MiB segments and sends the cut one again', async () => {
    const fake = await FakeTwitter.start({ processingChecks: 1 });
    try {
      const user = fake.addUser('brand');
      fake.failNext({ type: 'cut-body', afterBytes: MIB }, { method: 'POST', path: /\/append$/, skip: 1 });
      const progress = progressLog();
      const publisher = new TwitterPublisher({
        apiOrigin: fake.origin,
        env: {},
        pollIntervalMs: 5,
        postingLimit: { capacity: 10, refillEveryMs: 1 },
      });
      const result = await publisher.publish(user.accessToken, 'Launch film', [], {
        media: fileMedia({ altText: 'A rocket lifting off at dawn' }),
        onProgress: progress.onProgress,
      });
      const media = [...fake.media.values()][0];
      const segments = [...(media?.segments.entries() ?? [])].sort(([a], [b]) => a - b).map(([, data]) => data);
      expect(Buffer.concat(segments).equals(bytes)).toBe(true);
      expect(fake.server.requestsTo(/\/append$/, 'POST')).toHaveLength(5);
      expect(media?.altText).toBe('A rocket lifting off at dawn');
      expect(fake.tweets).toHaveLength(1);
      expect(result.platformPostId).toBe(fake.tweets[0]?.id);
      progress.expectComplete();
    } finally {
      await fake.close();
    }
  });

  it('LinkedIn: PUTs the assigned parts and sends the cut one again', async () => {
    const fake = await FakeLinkedIn.start();
    try {
      const member = fake.addMember();
      fake.server.injectFault({ type: 'cut-body', afterBytes: MIB }, { method: 'PUT', path: /\/part\/1$/ });
      const progress = progressLog();
      const publisher = new LinkedInPublisher({ apiOrigin: fake.origin, env: {}, pollIntervalMs: 5 });
      await publisher.publish(member.accessToken, 'Launch film', [], {
        media: fileMedia(),
        account: { id: 'li', platform: 'linkedin', name: 'Ada', externalId: member.member, tokenExpiresAt: null, loginKind: null },
        onProgress: progress.onProgress,
      });
      const asset = [...fake.assets.values()].find((candidate) => candidate.kind === 'video');
      const parts = [...(asset?.parts.entries() ?? [])].sort(([a], [b]) => a - b).map(([, data]) => data);
      expect(Buffer.concat(parts).equals(bytes)).toBe(true);
      expect(fake.posts).toHaveLength(1);
      progress.expectComplete();
    } finally {
      await fake.close();
    }
  });

  it('TikTok: PUTs the planned chunks with Content-Range and sends the cut one again', async () => {
    const fake = await startTiktokFake();
    try {
      const token = fake.grant();
      fake.failNext('upload', { kind: 'drop-mid-request' }, { after: 1 });
      const progress = progressLog();
      const publisher = new TiktokPublisher({
        apiOrigin: fake.origin,
        env: {},
        chunkSizeBytes: 5 * MIB,
        chunkRetryDelayMs: 5,
        pollIntervalMs: 20,
        postingLimit: { capacity: 10, refillEveryMs: 1 },
      });
      await publisher.publish(token.accessToken, 'Launch film', [], { media: fileMedia(), onProgress: progress.onProgress });
      expect(fake.published).toHaveLength(1);
      expect(fake.published[0]?.video?.equals(bytes)).toBe(true);
      progress.expectComplete();
    } finally {
      await fake.close();
    }
  });

  it('YouTube: resumes the session from the bytes YouTube kept', async () => {
    const fake = await startYoutubeFake();
    try {
      const token = fake.grant();
      fake.failNext('upload', { kind: 'drop-mid-request' }, { after: 2 });
      const progress = progressLog();
      const publisher = new YoutubePublisher({ apiOrigin: fake.origin, env: {}, chunkSizeBytes: 2 * MIB, resumeDelayMs: 5 });
      await publisher.publish(token.accessToken, 'Launch film', [], {
        media: fileMedia(),
        settings: { title: 'Launch film' },
        onProgress: progress.onProgress,
      });
      expect(fake.sessions).toHaveLength(1);
      expect(fake.videos).toHaveLength(1);
      expect(fake.videos[0]?.bytes.equals(bytes)).toBe(true);
      progress.expectComplete();
    } finally {
      await fake.close();
    }
  });

  it('Facebook: sends the ranges the Page video upload asks for and the cut one again', async () => {
    const fake = await FacebookFake.start();
    try {
      fake.addPage('104000000000001', 'EAAG-page', 'Corner Bakery');
      fake.failNext({ type: 'cut-body', afterBytes: MIB }, { method: 'POST', path: /\/videos$/, skip: 2 });
      const progress = progressLog();
      const publisher = new FacebookPublisher({
        apiOrigin: fake.origin,
        env: {},
        pollIntervalMs: 5,
        postingLimit: { capacity: 10, refillEveryMs: 1 },
      });
      const result = await publisher.publish('EAAG-page', 'Launch film', [], {
        media: fileMedia(),
        account: { id: 'fb', platform: 'facebook', name: 'Corner Bakery', externalId: '104000000000001', tokenExpiresAt: null, loginKind: null },
        ledger: createMemoryLedger(),
        onProgress: progress.onProgress,
      });
      const upload = [...fake.uploadSessions.values()][0];
      expect(Buffer.concat(upload?.received.map((part) => part.data) ?? []).equals(bytes)).toBe(true);
      expect(fake.videos.size).toBe(1);
      expect(result.platformPostId).toBe(upload?.videoId);
      progress.expectComplete();
    } finally {
      await fake.close();
    }
  });
});
