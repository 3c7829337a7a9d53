// Files from the user's disk reach Instagram, which only fetches media by URL: a photo goes to the user's S3 bucket
// (s3rver, checking signatures) and is handed over as a presigned link valid for an hour, which the Instagram fake
// downloads as Meta does; the object is deleted once the target settles. A video goes up with Meta's resumable
// upload instead, and a cut connection resumes where Meta's copy ends.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MediaFacts, UploadProgress } from '../../shared/media-item';
import { PermanentError } from '../../electron/engine/publishers/errors';
import type { PublishMedia } from '../../electron/engine/publishers/publisher';
import { IG_TOKEN, startInstagramHarness, type InstagramHarness } from '../publishers/instagram/instagram-harness';
import { makeLargeVideo } from './large-video';
import { fixture } from './library-harness';
import { openStorage, type StorageHarness } from './storage-harness';

const MIB = 1024 * 1024;
let h: InstagramHarness;
let s: StorageHarness;
let scratch: string;

beforeEach(async () => {
  h = await startInstagramHarness();
  s = await openStorage();
  scratch = mkdtempSync(join(tmpdir(), 'pe-ig-media-'));
});

afterEach(async () => {
  await h.close();
  await s.close();
  rmSync(scratch, { recursive: true, force: true });
});

function photo(altText?: string): PublishMedia {
  const path = fixture('tiny.jpg');
  const facts: MediaFacts = {
    kind: 'image',
    mimeType: 'image/jpeg',
    sizeBytes: statSync(path).size,
    width: 64,
    height: 48,
    durationMs: null,
    videoCodec: null,
    audioCodec: null,
    frameRate: null,
  };
  return { source: 'file', path, name: 'bakery.jpg', facts, ...(altText ? { altText } : {}) };
}

function video(size: number): PublishMedia {
  const path = makeLargeVideo(join(scratch, 'b'.repeat(64) + '.mp4'), size, 'random', 30);
  const facts: MediaFacts = {
    kind: 'video',
    mimeType: 'video/mp4',
    sizeBytes: size,
    width: 1080,
    height: 1920,
    durationMs: 30_000,
    videoCodec: 'avc',
    audioCodec: 'aac',
    frameRate: 30,
  };
  return { source: 'file', path, name: 'reel.mp4', facts };
}

describe('Instagram with files from disk', () => {
  it('a photo: stored in the bucket, published through a presigned link Instagram fetched, deleted once the target settles', async () => {
    await s.configure();
    const seen: UploadProgress[] = [];

    const result = await h.publisher.publish(IG_TOKEN, 'Fresh from the oven', [], {
      ...h.options(),
      media: [photo('Two loaves on a wooden board')],
      publicLinks: s.storage.linksFor('target-1'),
      onProgress: (progress) => seen.push(progress),
    });

    const [container] = [...h.fake.containers.values()];
    const link = new URL(container?.imageUrl ?? '');
    expect(link.origin).toBe(s.s3.endpoint);
    expect(link.pathname).toMatch(/^\/media-links\/publishing-engine\/target-1\/[^/]+\.jpg$/);
    expect(link.searchParams.get('X-Amz-Expires')).toBe('3600');
    expect(link.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(container?.altText).toBe('Two loaves on a wooden board');
    expect(h.fake.media).toHaveLength(1);
    expect(result.platformPostId).toBe(h.fake.media[0]?.id);

    const key = decodeURIComponent(link.pathname).slice('/media-links/'.length);
    const put = s.s3.requests.find((request) => request.method === 'PUT');
    const fetched = s.s3.requests.find((request) => request.method === 'GET' && request.presigned);
    expect(put).toMatchObject({ signed: true, presigned: false, status: 200 });
    expect(fetched).toMatchObject({ status: 200 });
    expect(await s.s3.keys()).toEqual([key]);
    expect(await s.rows()).toEqual([{ key, target_id: 'target-1' }]);
    const size = statSync(fixture('tiny.jpg')).size;
    expect(seen.find((progress) => progress.phase === 'uploading' && progress.bytesSent === size)).toMatchObject({
      item: 1,
      items: 1,
      bytesTotal: size,
    });

    await s.storage.releaseTarget('target-1');
    expect(await s.s3.keys()).toEqual([]);
    expect(await s.rows()).toEqual([]);
    const deleted = s.s3.requests.find((request) => request.method === 'DELETE');
    expect(deleted?.at).toBeGreaterThanOrEqual(fetched?.at ?? Infinity);
    // Nobody without the signature could read it while it was there.
    expect((await fetch(`${s.s3.endpoint}/media-links/${key}`)).status).toBe(403);
  });

  it('an expired link: Instagram cannot fetch it (9004 / 2207052), the post fails saying so, and the sweep deletes the object', async () => {
    await h.close();
    // Instagram gets to the link after its lifetime (one second here instead of an hour) is over.
    h = await startInstagramHarness({ fake: { fetchDelayMs: 2_500 } });
    await s.close();
    s = await openStorage({ linkLifetimeSeconds: 1 });
    await s.configure();

    const publishing = h.publisher.publish(IG_TOKEN, 'Fresh from the oven', [], {
      ...h.options(),
      media: [photo()],
      publicLinks: s.storage.linksFor('target-2'),
    });

    await expect(publishing).rejects.toBeInstanceOf(PermanentError);
    await expect(publishing).rejects.toMatchObject({ platformCode: '9004/2207052' });
    await expect(publishing).rejects.toThrow(/^Instagram could not download bakery\.jpg from your media storage .*reachable from the internet/);
    expect(s.s3.requests.filter((request) => request.method === 'GET' && request.presigned).map((request) => request.status)).toEqual([403]);
    expect(h.fake.containers.size).toBe(0);
    expect(h.fake.media).toHaveLength(0);
    expect(await s.s3.keys()).toHaveLength(1);

    // No target of that id is stored here, as after the post was deleted: the sweep deletes its object.
    await s.storage.sweep();
    expect(await s.s3.keys()).toEqual([]);
    expect(await s.rows()).toEqual([]);
  });

  it('no media storage set up: the photo is refused before anything is sent, saying where to set it up', async () => {
    const publishing = h.publisher.publish(IG_TOKEN, 'Fresh from the oven', [], {
      ...h.options(),
      media: [photo()],
      publicLinks: s.storage.linksFor('target-3'),
    });
    await expect(publishing).rejects.toBeInstanceOf(PermanentError);
    await expect(publishing).rejects.toThrow(/Settings → Media storage/);
    expect(h.fake.requests.filter((request) => request.path.endsWith('/media'))).toHaveLength(0);
    expect(s.s3.requests).toHaveLength(0);
  });

  it('a reel from disk: resumable upload to the container, the cut connection resumed from the bytes Instagram kept', async () => {
    const size = 6 * MIB + 123;
    const item = video(size);
    const bytes = readFileSync((item as { path: string }).path);
    h.fake.failNext({ type: 'cut-body', afterBytes: 2 * MIB }, { method: 'POST', path: /^\/ig-api-upload\// });
    const seen: UploadProgress[] = [];

    const result = await h.publisher.publish(IG_TOKEN, 'Watch us bake', [], {
      ...h.options({ settings: { instagramKind: 'reel' } }),
      media: [item],
      publicLinks: s.storage.linksFor('target-4'),
      onProgress: (progress) => seen.push(progress),
    });

    const [container] = [...h.fake.containers.values()];
    expect(container).toMatchObject({ mediaType: 'REELS', caption: 'Watch us bake' });
    expect(container?.videoUrl).toBeUndefined();
    expect(h.fake.uploadedVideo(container?.id ?? '').equals(bytes)).toBe(true);
    const uploads = h.fake.requests.filter((request) => request.path.startsWith('/ig-api-upload/'));
    expect(uploads).toHaveLength(2);
    expect(uploads[0]?.headers.authorization).toBe(`OAuth ${IG_TOKEN}`);
    expect(uploads.map((request) => request.headers.file_size)).toEqual([String(size), String(size)]);
    expect(Number(uploads[1]?.headers.offset)).toBe(uploads[0]?.body.length);
    expect(uploads[0]?.body.length).toBeGreaterThanOrEqual(2 * MIB);
    expect(h.fake.media[0]).toMatchObject({ productType: 'REELS', mediaType: 'VIDEO' });
    expect(result.platformPostId).toBe(h.fake.media[0]?.id);
    // No bucket needed for a video on this path.
    expect(s.s3.requests).toHaveLength(0);
    expect(seen.findLast((progress) => progress.phase === 'uploading')).toMatchObject({ bytesSent: size, bytesTotal: size });
    expect(seen.at(-1)?.phase).toBe('publishing');
  });

  it('a reel whose upload was cut off in an earlier attempt: the saved container is finished from where Instagram’s copy ends', async () => {
    const size = 3 * MIB;
    const item = video(size);
    // The first attempt dies with the upload cut (the engine stopped): nothing more is sent.
    h.fake.failNext({ type: 'cut-body', afterBytes: MIB }, { method: 'POST', path: /^\/ig-api-upload\// });
    for (let read = 0; read < 3; read += 1) h.fake.failNext({ type: 'drop-before' }, { method: 'GET', path: /^\/v23\.0\/\d+$/ });
    const options = { ...h.options({ settings: { instagramKind: 'reel' as const } }), media: [item] };
    await expect(h.publisher.publish(IG_TOKEN, 'Watch us bake', [], options)).rejects.toThrow();
    const [container] = [...h.fake.containers.values()];
    const kept = h.fake.uploadedVideo(container?.id ?? '').length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(size);
    expect(h.ledger.handles['container-upload']).toMatch(new RegExp(`^${container?.id} http`));

    await h.publisher.publish(IG_TOKEN, 'Watch us bake', [], options);

    expect(h.fake.containers.size).toBe(1);
    const uploads = h.fake.requests.filter((request) => request.path.startsWith('/ig-api-upload/'));
    expect(Number(uploads.at(-1)?.headers.offset)).toBe(kept);
    expect(h.fake.uploadedVideo(container?.id ?? '').equals(readFileSync((item as { path: string }).path))).toBe(true);
    expect(h.fake.media).toHaveLength(1);
  });
});
