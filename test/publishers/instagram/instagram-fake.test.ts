// The Instagram fake refuses what Meta documents as refused, so publisher tests against it prove something.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InstagramFake } from '../../fakes/instagram/instagram-fake';
import { MediaServer } from '../../fakes/shared/media-server';
import { jpegFile, mp4File } from '../../fakes/shared/real-media';
import { callGraph } from '../graph/graph-call';

const USER = '1784';
const TOKEN = 'ig-token';
let fake: InstagramFake;
let media: MediaServer;
let clock = Date.now();

beforeEach(async () => {
  clock = Date.now();
  fake = await InstagramFake.start({ readsUntilFinished: { video: 1 }, maxVideoBytes: 64 * 1024, now: () => clock });
  media = await MediaServer.start();
  fake.addAccount(USER, TOKEN);
});

afterEach(async () => {
  await fake.close();
  await media.close();
});

function call(method: 'GET' | 'POST', path: string, params: Record<string, string> = {}) {
  const url = new URL(`/v23.0${path}`, fake.origin);
  url.searchParams.set('access_token', TOKEN);
  return callGraph(method, url, params);
}

const status = async (id: string) => (await call('GET', `/${id}`, { fields: 'status_code,status' })).body.status_code as string;

describe('InstagramFake', () => {
  it('moves a video container from IN_PROGRESS to FINISHED and refuses to publish it before', async () => {
    const clip = media.add('a.mp4', { size: 10, contentType: 'video/mp4' });
    const { body } = await call('POST', `/${USER}/media`, { media_type: 'REELS', video_url: clip });
    expect((await call('POST', `/${USER}/media_publish`, { creation_id: body.id })).body.error).toMatchObject({ code: 9007, error_subcode: 2207027 });
    expect(await status(body.id)).toBe('IN_PROGRESS');
    expect(await status(body.id)).toBe('FINISHED');
    expect((await call('POST', `/${USER}/media_publish`, { creation_id: body.id })).status).toBe(200);
    expect(await status(body.id)).toBe('PUBLISHED');
  });

  it('refuses the retired VIDEO type, carousels of one, and publishing a carousel item alone', async () => {
    const photo = media.add('a.jpg', { size: 10, contentType: 'image/jpeg' });
    const clip = media.add('b.mp4', { size: 10, contentType: 'video/mp4' });
    expect((await call('POST', `/${USER}/media`, { media_type: 'VIDEO', video_url: clip })).body.error.code).toBe(100);
    const item = await call('POST', `/${USER}/media`, { is_carousel_item: 'true', image_url: photo });
    expect((await call('POST', `/${USER}/media`, { media_type: 'CAROUSEL', children: item.body.id })).body.error.code).toBe(100);
    expect((await call('POST', `/${USER}/media_publish`, { creation_id: item.body.id })).body.error.code).toBe(100);
    const single = await call('POST', `/${USER}/media`, { image_url: photo });
    expect((await call('POST', `/${USER}/media`, { media_type: 'CAROUSEL', children: `${item.body.id},${single.body.id}` })).body.error.code).toBe(
      100,
    );
  });

  it('reports the quota as content_publishing_limit and enforces it at media_publish (9/2207042)', async () => {
    fake.quotaTotal = 1;
    const photo = media.add('a.jpg', { size: 10, contentType: 'image/jpeg' });
    const first = await call('POST', `/${USER}/media`, { image_url: photo });
    await call('POST', `/${USER}/media_publish`, { creation_id: first.body.id });
    expect((await call('GET', `/${USER}/content_publishing_limit`, { fields: 'quota_usage,config' })).body).toEqual({
      data: [{ quota_usage: 1, config: { quota_total: 1, quota_duration: 86_400 } }],
    });
    const second = await call('POST', `/${USER}/media`, { image_url: photo });
    expect((await call('POST', `/${USER}/media_publish`, { creation_id: second.body.id })).body.error).toMatchObject({
      code: 9,
      error_subcode: 2207042,
    });
  });

  it('lists stories apart from feed media', async () => {
    fake.addExistingMedia(USER, { caption: 'feed' });
    fake.addExistingMedia(USER, { productType: 'STORY' });
    expect((await call('GET', `/${USER}/media`, { fields: 'caption' })).body.data).toEqual([{ caption: 'feed' }]);
    expect((await call('GET', `/${USER}/stories`, { fields: 'media_product_type' })).body.data).toEqual([{ media_product_type: 'STORY' }]);
  });

  describe('refuses what Meta refuses', () => {
    const photo = (name: string, width: number, height: number) => media.addFile(name, jpegFile(width, height), 'image/jpeg');
    const clip = (name: string, spec: Parameters<typeof mp4File>[0]) => media.addFile(name, mp4File(spec), 'video/mp4');
    /** Reads a video container's status until processing has settled. */
    const settled = async (id: string) => {
      for (;;) {
        const { body } = await call('GET', `/${id}`, { fields: 'status_code,status' });
        if (body.status_code !== 'IN_PROGRESS') return body;
      }
    };

    it('a feed photo outside 4:5 to 1.91:1, alone or in a carousel (36003/2207009); stories take any shape', async () => {
      for (const [width, height] of [
        [1080, 1351],
        [1920, 1000],
        [1080, 1920],
      ]) {
        const answer = await call('POST', `/${USER}/media`, { image_url: photo(`feed-${width}x${height}.jpg`, width, height) });
        expect(answer.body.error, `${width}×${height}`).toMatchObject({ code: 36003, error_subcode: 2207009 });
        expect(answer.body.error.error_user_msg).toContain(`('${width}/${height}')`);
      }
      const tall = photo('tall.jpg', 1080, 1920);
      expect((await call('POST', `/${USER}/media`, { is_carousel_item: 'true', image_url: tall })).body.error).toMatchObject({
        error_subcode: 2207009,
      });
      expect((await call('POST', `/${USER}/media`, { media_type: 'STORIES', image_url: tall })).body.id).toEqual(expect.any(String));
      for (const [width, height] of [
        [1080, 1350],
        [1910, 1000],
        [1080, 1080],
      ]) {
        expect((await call('POST', `/${USER}/media`, { image_url: photo(`ok-${width}x${height}.jpg`, width, height) })).body.id).toEqual(
          expect.any(String),
        );
      }
      expect(fake.containers.size).toBe(4);
    });

    it('a reel or story video of the wrong length, in a codec other than H.264 or HEVC, or too large ends in ERROR', async () => {
      const cases: [string, Record<string, string>, RegExp][] = [
        [
          'short reel',
          { media_type: 'REELS', video_url: clip('short.mp4', { durationSec: 2.5 }) },
          /^Error: The video is 2\.5 seconds long\. Reels must be 3 seconds to 15 minutes long$/,
        ],
        ['long reel', { media_type: 'REELS', video_url: clip('long.mp4', { durationSec: 15 * 60 + 1 }) }, /is 901 seconds long\. Reels must be/],
        ['long story', { media_type: 'STORIES', video_url: clip('story.mp4', { durationSec: 61 }) }, /Story videos must be 3 to 60 seconds long/],
        [
          'MPEG-4 Part 2',
          { media_type: 'REELS', video_url: clip('old.mp4', { durationSec: 10, codec: 'mp4v' }) },
          /^Error: Unsupported video format \(error code 2207026\)$/,
        ],
        [
          'too large',
          { media_type: 'REELS', video_url: clip('big.mp4', { durationSec: 10, size: 64 * 1024 + 1 }) },
          /too large \(65537 bytes; at most 65536\)/,
        ],
      ];
      for (const [what, params, status] of cases) {
        const { body } = await call('POST', `/${USER}/media`, params);
        expect(await settled(body.id), what).toMatchObject({ status_code: 'ERROR', status: expect.stringMatching(status) });
      }
      for (const [what, params] of [
        ['reel', { media_type: 'REELS', video_url: clip('fine.mp4', { durationSec: 3 }) }],
        ['long reel', { media_type: 'REELS', video_url: clip('fifteen.mp4', { durationSec: 15 * 60, codec: 'hvc1' }) }],
        ['story', { media_type: 'STORIES', video_url: clip('story-fine.mp4', { durationSec: 60, size: 64 * 1024 }) }],
      ] as const) {
        const { body } = await call('POST', `/${USER}/media`, params);
        expect((await settled(body.id)).status_code, what).toBe('FINISHED');
      }
    });

    it('a caption with more than 20 @mentions', async () => {
      const mentions = (count: number) => Array.from({ length: count }, (_, i) => `@friend.${i}`).join(' ');
      const jpeg = photo('a.jpg', 1080, 1080);
      expect((await call('POST', `/${USER}/media`, { image_url: jpeg, caption: `Thanks ${mentions(21)}` })).body.error).toMatchObject({
        code: 100,
        message: '(#100) The caption has more than 20 @mentions',
      });
      expect((await call('POST', `/${USER}/media`, { image_url: jpeg, caption: `Thanks ${mentions(20)} hello@example.com` })).body.id).toEqual(
        expect.any(String),
      );
    });

    it('the 401st container of an account in 24 hours, until the oldest is a day old', async () => {
      fake.containerCap = 3;
      const jpeg = photo('a.jpg', 1080, 1080);
      for (let i = 0; i < 3; i += 1) {
        expect((await call('POST', `/${USER}/media`, { image_url: jpeg })).status).toBe(200);
        clock += 3_600_000;
      }
      const refused = await call('POST', `/${USER}/media`, { image_url: jpeg });
      expect(refused.body.error).toMatchObject({ code: 9, error_user_title: 'Limit reached' });
      expect(fake.containers.size).toBe(3);
      clock += 21 * 3_600_000;
      expect((await call('POST', `/${USER}/media`, { image_url: jpeg })).status).toBe(200);
    });
  });
});
