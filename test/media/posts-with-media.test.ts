// Posts that refer to items of the media library, through a real engine (SQLite file, bundled Redis) publishing to
// the X fake over HTTP: the post keeps its entries in order with their alt texts, the rules check each file's facts
// before anything is queued, the file goes up from the library with its alt text, and an item a post uses stays.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine';
import type { PostView } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { noMediaStorageMessage } from '../../shared/media-rules';
import { startFakePlatforms, type FakePlatforms } from '../e2e/support/fake-platforms';
import { makeDataDir, removeDataDir, startTestEngine } from '../helpers/test-engine';

const fixtures = join(__dirname, '../fixtures/media');
let fakes: FakePlatforms;
let engine: Engine;
let dataDir: string;
let xId: string;
let tiktokId: string;
let photoId: string;
let clipId: string;

beforeAll(async () => {
  fakes = await startFakePlatforms();
  dataDir = makeDataDir();
  engine = await startTestEngine({ dataDir, env: fakes.env });
  const user = fakes.twitter.addUser('bakery');
  xId = (await engine.api.invoke('accounts:add', { platform: 'twitter', name: '@bakery', accessToken: user.accessToken, externalId: user.userId }))
    .id;
  tiktokId = (await engine.api.invoke('accounts:add', { platform: 'tiktok', name: 'bakery', accessToken: 'tiktok-token' })).id;
  const items = await engine.api.invoke('media:import', { paths: [join(fixtures, 'tiny.jpg'), join(fixtures, 'tiny.mp4')] });
  photoId = items[0]?.id ?? '';
  clipId = items[1]?.id ?? '';
});

afterAll(async () => {
  await engine?.stop();
  await fakes?.close();
  if (dataDir) removeDataDir(dataDir);
});

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function published(postId: string): Promise<PostView> {
  let post: PostView | undefined;
  await expect
    .poll(
      async () => {
        post = await engine.api.invoke('posts:get', { id: postId });
        return post.status;
      },
      { timeout: 30_000, interval: 100 },
    )
    .toMatch(/^(published|failed)$/);
  return post as PostView;
}

describe('posts with media from the library', () => {
  it('a draft keeps its entries in order — a library photo with alt text and a link — and the item lists the post', async () => {
    const post = await engine.api.invoke('posts:save', {
      text: 'Fresh loaves',
      media: [{ mediaId: photoId, altText: 'Two loaves on a board' }, { url: 'https://cdn.example.com/shop.jpg' }],
      targets: [{ accountId: xId }],
      mode: 'draft',
    });
    expect(post.media).toEqual([
      {
        mediaId: photoId,
        url: null,
        name: 'tiny.jpg',
        altText: 'Two loaves on a board',
        facts: expect.objectContaining({ kind: 'image', width: 64 }),
      },
      { mediaId: null, url: 'https://cdn.example.com/shop.jpg', name: 'https://cdn.example.com/shop.jpg', altText: null, facts: null },
    ]);
    expect(post.mediaUrls).toEqual(['https://cdn.example.com/shop.jpg']);
    expect(await engine.api.invoke('posts:get', { id: post.id })).toEqual(post);
    expect((await engine.api.invoke('media:get', { id: photoId })).usedBy.map((use) => use.postId)).toEqual([post.id]);

    const removed = await refusal(engine.api.invoke('media:remove', { id: photoId }));
    expect(removed).toMatchObject({ code: 'conflict', field: 'id' });

    const edited = await engine.api.invoke('posts:save', { id: post.id, media: [{ mediaId: clipId }] });
    expect(edited.media.map((entry) => entry.name)).toEqual(['tiny.mp4']);
    expect(edited.mediaUrls).toEqual([]);
    expect((await engine.api.invoke('media:get', { id: photoId })).usedBy).toEqual([]);

    await engine.api.invoke('posts:delete', { id: post.id });
    expect((await engine.api.invoke('media:get', { id: clipId })).usedBy).toEqual([]);
  });

  it('publishes the library photo to X from disk, with its alt text', async () => {
    const post = await engine.api.invoke('posts:save', {
      text: 'Out of the oven',
      media: [{ mediaId: photoId, altText: 'A crusty sourdough loaf' }],
      targets: [{ accountId: xId }],
      mode: 'now',
    });
    const done = await published(post.id);
    expect(done.targets[0]).toMatchObject({ status: 'published', platformPostUrl: expect.stringContaining('/status/') });
    const tweet = fakes.twitter.posts.find((candidate) => candidate.sentText === 'Out of the oven');
    const media = fakes.twitter.media.get(tweet?.mediaIds[0] ?? '');
    expect(media).toMatchObject({ mediaType: 'image/jpeg', totalBytes: 1353, altText: 'A crusty sourdough loaf', finalized: true });
    expect(done.media[0]).toMatchObject({ mediaId: photoId, altText: 'A crusty sourdough loaf' });
  });

  it('the rules check each file before anything is queued, naming the file and the entry', async () => {
    const before = await engine.api.invoke('posts:list', {});
    const error = await refusal(
      engine.api.invoke('posts:save', {
        text: 'Behind the scenes',
        media: [{ mediaId: clipId }],
        targets: [{ accountId: tiktokId, options: { title: 'Behind the scenes', privacy: 'public' } }],
        mode: 'now',
      }),
    );
    expect(error).toMatchObject({ code: 'rule_violation', field: 'media.0' });
    expect(error.message).toMatch(/tiny\.mp4 is 1 s/);
    expect(await engine.api.invoke('posts:list', {})).toEqual(before);
  });

  it('an Instagram photo from disk without media storage is refused before it is queued, naming the file; a draft keeps it', async () => {
    const instagram = await engine.api.invoke('accounts:add', {
      platform: 'instagram',
      name: 'bakery',
      accessToken: 'instagram-token',
      externalId: '17841400000000001',
    });
    const scheduledAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const request = {
      text: 'Fresh loaves',
      media: [{ url: 'https://cdn.example.com/a.jpg' }, { mediaId: photoId }],
      targets: [{ accountId: instagram.id }],
    };
    const before = await engine.api.invoke('posts:list', {});
    const error = await refusal(engine.api.invoke('posts:save', { ...request, mode: 'schedule', scheduledAt }));
    expect(error).toMatchObject({ code: 'rule_violation', field: 'media.1', message: noMediaStorageMessage('tiny.jpg') });
    expect(await engine.api.invoke('posts:list', {})).toEqual(before);

    const draft = await engine.api.invoke('posts:save', { ...request, mode: 'draft' });
    expect(draft.status).toBe('draft');
    await expect(refusal(engine.api.invoke('posts:save', { id: draft.id, mode: 'schedule', scheduledAt }))).resolves.toMatchObject({
      field: 'media.1',
    });
    // A link Instagram fetches itself needs no storage.
    const linked = await engine.api.invoke('posts:save', { ...request, media: [request.media[0]!], mode: 'schedule', scheduledAt });
    expect(linked.status).toBe('scheduled');
    await engine.api.invoke('posts:delete', { id: linked.id });
    await engine.api.invoke('posts:delete', { id: draft.id });
  });

  it('an unknown item, or media given with mediaUrls, is bad input naming the field; nothing is stored', async () => {
    const before = await engine.api.invoke('posts:list', {});
    const unknown = await refusal(
      engine.api.invoke('posts:save', { text: 'x', media: [{ mediaId: 'no-such-item' }], targets: [{ accountId: xId }], mode: 'draft' }),
    );
    expect(unknown).toMatchObject({ code: 'validation', field: 'media.0.mediaId' });
    const both = await refusal(
      engine.api.invoke('posts:save', {
        text: 'x',
        media: [{ mediaId: photoId }],
        mediaUrls: ['https://cdn.example.com/a.jpg'],
        targets: [{ accountId: xId }],
        mode: 'draft',
      }),
    );
    expect(both).toMatchObject({ code: 'validation', field: 'media' });
    expect(await engine.api.invoke('posts:list', {})).toEqual(before);
  });
});
