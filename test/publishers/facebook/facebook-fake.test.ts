// The Facebook fake refuses what Meta documents as refused, so publisher tests against it prove something.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FacebookFake } from '../../fakes/facebook/facebook-fake';
import { MediaServer } from '../../fakes/shared/media-server';
import { callGraph } from '../graph/graph-call';

const PAGE = '555';
const TOKEN = 'page-token';
let fake: FacebookFake;
let media: MediaServer;

beforeEach(async () => {
  fake = await FacebookFake.start();
  media = await MediaServer.start();
  fake.addPage(PAGE, TOKEN);
});

afterEach(async () => {
  await fake.close();
  await media.close();
});

function call(method: 'GET' | 'POST', path: string, params: Record<string, string> = {}, token: string | null = TOKEN) {
  return callGraph(method, new URL(path, fake.origin), params, token === null ? {} : { authorization: `Bearer ${token}` });
}

describe('FacebookFake', () => {
  it('requires a token (2500), accepts it as a query parameter, and works with or without a version', async () => {
    expect((await call('POST', `/v23.0/${PAGE}/feed`, { message: 'a' }, null)).body.error.code).toBe(2500);
    const viaQuery = await call('POST', `/${PAGE}/feed`, { message: 'b', access_token: TOKEN }, null);
    expect(viaQuery.status).toBe(200);
    expect(viaQuery.body.id).toMatch(new RegExp(`^${PAGE}_\\d+$`));
  });

  it('answers every call with usage headers', async () => {
    const response = await call('GET', `/v23.0/${PAGE}`);
    expect(JSON.parse(response.headers.get('x-app-usage') ?? '')).toHaveProperty('call_count');
    expect(JSON.parse(response.headers.get('x-business-use-case-usage') ?? '')[PAGE][0]).toMatchObject({
      type: 'pages',
      estimated_time_to_regain_access: 0,
    });
  });

  it('refuses an empty feed post, unknown fields and objects of other Pages', async () => {
    expect((await call('POST', `/v23.0/${PAGE}/feed`)).body.error).toMatchObject({ code: 100 });
    const { body } = await call('POST', `/v23.0/${PAGE}/feed`, { message: 'x' });
    expect((await call('GET', `/v23.0/${body.id}`, { fields: 'id,nonsense' })).body.error.message).toContain('nonexisting field (nonsense)');
    fake.addPage('777', 'other');
    expect((await call('GET', `/v23.0/${body.id}`, {}, 'other')).body.error).toMatchObject({ code: 100, error_subcode: 33 });
  });

  it('attaches only unpublished photos of the Page, each once', async () => {
    const url = media.add('a.jpg', { size: 10, contentType: 'image/jpeg' });
    const published = await call('POST', `/v23.0/${PAGE}/photos`, { url });
    expect(published.body).toHaveProperty('post_id');
    const attachPublished = await call('POST', `/v23.0/${PAGE}/feed`, {
      message: 'x',
      'attached_media[0]': JSON.stringify({ media_fbid: published.body.id }),
    });
    expect(attachPublished.body.error.code).toBe(100);

    const unpublished = await call('POST', `/v23.0/${PAGE}/photos`, { url, published: 'false' });
    expect(unpublished.body).not.toHaveProperty('post_id');
    const fields = { message: 'y', 'attached_media[0]': JSON.stringify({ media_fbid: unpublished.body.id }) };
    expect((await call('POST', `/v23.0/${PAGE}/feed`, fields)).status).toBe(200);
    expect((await call('POST', `/v23.0/${PAGE}/feed`, { ...fields, message: 'z' })).body.error.code).toBe(100);
  });

  it('refuses a text identical to the previous post (506) but not after another post', async () => {
    await call('POST', `/v23.0/${PAGE}/feed`, { message: 'same' });
    expect((await call('POST', `/v23.0/${PAGE}/feed`, { message: 'same' })).body.error).toMatchObject({ code: 506, error_subcode: 1455006 });
    await call('POST', `/v23.0/${PAGE}/feed`, { message: 'other' });
    expect((await call('POST', `/v23.0/${PAGE}/feed`, { message: 'same' })).status).toBe(200);
  });

  it('filters the feed by since and pages it with cursors', async () => {
    fake.addExistingPost(PAGE, 'old', Date.now() - 3_600_000);
    for (let i = 0; i < 3; i += 1) fake.addExistingPost(PAGE, `new ${i}`);
    const since = String(Math.floor((Date.now() - 60_000) / 1000));
    const first = await call('GET', `/v23.0/${PAGE}/feed`, { since, limit: '2' });
    expect(first.body.data.map((post) => post.message)).toEqual(['new 2', 'new 1']);
    const second = await call('GET', `/v23.0/${PAGE}/feed`, { since, limit: '2', after: first.body.paging.cursors.after });
    expect(second.body.data.map((post) => post.message)).toEqual(['new 0']);
    expect(second.body.paging.next).toBeUndefined();
  });
});
