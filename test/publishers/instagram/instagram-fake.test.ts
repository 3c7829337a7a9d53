// The Instagram fake refuses what Meta documents as refused, so publisher tests against it prove something.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InstagramFake } from '../../fakes/instagram/instagram-fake';
import { MediaServer } from '../../fakes/shared/media-server';
import { callGraph } from '../graph/graph-call';

const USER = '1784';
const TOKEN = 'ig-token';
let fake: InstagramFake;
let media: MediaServer;

beforeEach(async () => {
  fake = await InstagramFake.start({ readsUntilFinished: { video: 1 } });
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
});
