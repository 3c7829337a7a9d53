// The fake TikTok refuses what TikTok's documentation says TikTok refuses, so publisher tests against it mean something.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTiktokFake, type TiktokFake } from './tiktok-fake';

const MIB = 1024 * 1024;

let fake: TiktokFake;
let accessToken: string;

function post(path: string, body: unknown, token = accessToken): Promise<Response> {
  return fetch(`${fake.origin}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json; charset=UTF-8' },
    body: JSON.stringify(body),
  });
}

function videoInit(sourceInfo: Record<string, unknown>, privacy = 'PUBLIC_TO_EVERYONE'): Promise<Response> {
  return post('/v2/post/publish/video/init/', {
    post_info: { title: 'hi', privacy_level: privacy },
    source_info: { source: 'FILE_UPLOAD', ...sourceInfo },
  });
}

function put(url: string, data: Buffer, range: string, contentType = 'video/mp4'): Promise<Response> {
  return fetch(url, { method: 'PUT', headers: { 'content-type': contentType, 'content-range': range }, body: data });
}

beforeEach(async () => {
  fake = await startTiktokFake({ processingMs: 0 });
  ({ accessToken } = fake.grant());
});

afterEach(async () => {
  await fake.close();
});

describe('fake TikTok', () => {
  it('answers with the documented envelope and refuses an unknown token', async () => {
    const info = await post('/v2/post/publish/creator_info/query/', {});
    expect(await info.json()).toMatchObject({
      data: {
        creator_username: 'fake.creator',
        privacy_level_options: ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'SELF_ONLY'],
        max_video_post_duration_sec: 600,
      },
      error: { code: 'ok', message: '' },
    });

    const refused = await post('/v2/post/publish/creator_info/query/', {}, 'act.nope');
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ data: {}, error: { code: 'access_token_invalid' } });
  });

  it('enforces the chunk arithmetic of FILE_UPLOAD', async () => {
    const cases: Record<string, unknown>[] = [
      { video_size: 3 * MIB, chunk_size: MIB, total_chunk_count: 3 },
      { video_size: 20 * MIB, chunk_size: 4 * MIB, total_chunk_count: 5 },
      { video_size: 12 * MIB, chunk_size: 5 * MIB, total_chunk_count: 3 },
      { video_size: 70 * 1000 * 1000, chunk_size: 64 * 1000 * 1000, total_chunk_count: 1 },
    ];
    for (const sourceInfo of cases) {
      const response = await videoInit(sourceInfo);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'invalid_param' } });
    }
    expect((await videoInit({ video_size: 12 * MIB, chunk_size: 5 * MIB, total_chunk_count: 2 })).status).toBe(200);
    expect(fake.posts).toHaveLength(1);
  });

  it('takes chunks only in order, with matching Content-Range and a video type', async () => {
    const size = 11 * MIB;
    const init = (await (await videoInit({ video_size: size, chunk_size: 5 * MIB, total_chunk_count: 2 })).json()) as {
      data: { upload_url: string; publish_id: string };
    };
    const url = init.data.upload_url;
    const first = Buffer.alloc(5 * MIB, 1);
    const last = Buffer.alloc(6 * MIB, 2);

    expect((await put(url, last, `bytes ${5 * MIB}-${size - 1}/${size}`)).status).toBe(416);
    expect((await put(url, first, `bytes 0-${5 * MIB - 1}/${size + 1}`)).status).toBe(416);
    expect((await put(url, first, `bytes 0-${5 * MIB - 1}/${size}`, 'application/octet-stream')).status).toBe(400);
    expect((await put(url, first, `bytes 0-${5 * MIB - 1}/${size}`)).status).toBe(206);
    expect((await put(url, last, `bytes ${5 * MIB}-${size - 1}/${size}`)).status).toBe(201);

    const status = await post('/v2/post/publish/status/fetch/', { publish_id: init.data.publish_id });
    // Not an MP4: TikTok's processing refuses it.
    expect(await status.json()).toMatchObject({ data: { status: 'FAILED', fail_reason: 'file_format_check_failed', uploaded_bytes: size } });
  });

  it("refuses a privacy level outside the creator's options and posts from unaudited clients that are not private", async () => {
    const mismatch = await videoInit({ video_size: 100, chunk_size: 100, total_chunk_count: 1 }, 'FOLLOWER_OF_CREATOR');
    expect(mismatch.status).toBe(403);
    expect(await mismatch.json()).toMatchObject({ error: { code: 'privacy_level_option_mismatch' } });

    fake.audited = false;
    const unaudited = await videoInit({ video_size: 100, chunk_size: 100, total_chunk_count: 1 });
    expect(await unaudited.json()).toMatchObject({ error: { code: 'unaudited_client_can_only_post_to_private_accounts' } });
    expect(fake.posts).toHaveLength(0);
  });

  it('sends post ids as bare 19-digit JSON numbers', async () => {
    const video = Buffer.concat([Buffer.from([0, 0, 0, 8]), Buffer.from('ftyp', 'latin1'), Buffer.alloc(92)]);
    const init = (await (await videoInit({ video_size: 100, chunk_size: 100, total_chunk_count: 1 })).json()) as {
      data: { upload_url: string; publish_id: string };
    };
    expect((await put(init.data.upload_url, video, 'bytes 0-99/100')).status).toBe(201);
    const text = await (await post('/v2/post/publish/status/fetch/', { publish_id: init.data.publish_id })).text();

    expect(text).toMatch(/"publicaly_available_post_id":\[\d{19}\]/);
    expect(text).toContain(`[${fake.published[0].postId}]`);
  });

  it('reads the fields of the user info it is asked for, with user.info.basic', async () => {
    const info = await fetch(`${fake.origin}/v2/user/info/?fields=open_id,display_name,avatar_url`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(await info.json()).toMatchObject({ data: { user: { open_id: fake.openId, display_name: 'Fake Creator' } }, error: { code: 'ok' } });
    const { accessToken: narrow } = fake.grant(['video.publish']);
    const refused = await fetch(`${fake.origin}/v2/user/info/?fields=open_id`, { headers: { authorization: `Bearer ${narrow}` } });
    expect(await refused.json()).toMatchObject({ error: { code: 'scope_not_authorized' } });
  });

  it('limits each endpoint per token and minute', async () => {
    for (let i = 0; i < 20; i += 1) expect((await post('/v2/post/publish/creator_info/query/', {})).status).toBe(200);
    const limited = await post('/v2/post/publish/creator_info/query/', {});
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ error: { code: 'rate_limit_exceeded' } });
  });
});
