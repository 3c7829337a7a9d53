// The fake YouTube refuses what Google's documentation says YouTube refuses, so publisher tests against it mean
// something.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startYoutubeFake, type YoutubeFake } from './youtube-fake';

const UNIT = 256 * 1024;

let fake: YoutubeFake;
let accessToken: string;

function init(resource: unknown, headers: Record<string, string> = {}, token = accessToken): Promise<Response> {
  return fetch(`${fake.origin}/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json; charset=UTF-8', ...headers },
    body: JSON.stringify(resource),
  });
}

async function session(size: number): Promise<string> {
  const response = await init(
    { snippet: { title: 'A title' }, status: { privacyStatus: 'private' } },
    { 'x-upload-content-length': String(size), 'x-upload-content-type': 'video/mp4' },
  );
  expect(response.status).toBe(200);
  return response.headers.get('location') as string;
}

function put(url: string, range: string, data: Buffer = Buffer.alloc(0)): Promise<Response> {
  return fetch(url, { method: 'PUT', headers: { 'content-range': range, 'content-type': 'video/mp4' }, body: data });
}

async function reason(response: Response): Promise<string> {
  const body = (await response.json()) as { error: { errors: { reason: string }[] } };
  return body.error.errors[0].reason;
}

beforeEach(async () => {
  fake = await startYoutubeFake();
  accessToken = fake.grant().accessToken;
});

afterEach(async () => {
  await fake.close();
});

describe('fake YouTube', () => {
  it('refuses missing credentials and invalid metadata with Google error bodies', async () => {
    const unauthenticated = await init({ snippet: { title: 'x' } }, {}, 'ya29.nope');
    expect(unauthenticated.status).toBe(401);
    expect(await reason(unauthenticated)).toBe('authError');

    expect(await reason(await init({ snippet: { title: '' } }))).toBe('invalidTitle');
    expect(await reason(await init({ snippet: { title: 'a <b>' } }))).toBe('invalidTitle');
    expect(await reason(await init({ snippet: { title: 'x', description: 'é'.repeat(2501) } }))).toBe('invalidDescription');
    const publishAt = new Date(Date.now() + 60_000).toISOString();
    expect(await reason(await init({ snippet: { title: 'x' }, status: { privacyStatus: 'public', publishAt } }))).toBe('invalidPublishAt');
    expect(fake.sessions).toHaveLength(0);
  });

  it('runs the resumable protocol: 308 with Range, 256 KiB multiples, in order, then the video', async () => {
    const size = 2 * UNIT + 1000;
    const url = await session(size);
    const bytes = Buffer.alloc(size, 7);

    const empty = await put(url, `bytes */${size}`);
    expect(empty.status).toBe(308);
    expect(empty.headers.get('range')).toBeNull();
    expect((await put(url, `bytes 0-${UNIT - 2}/${size}`, bytes.subarray(0, UNIT - 1))).status).toBe(400);
    const first = await put(url, `bytes 0-${UNIT - 1}/${size}`, bytes.subarray(0, UNIT));
    expect(first.status).toBe(308);
    expect(first.headers.get('range')).toBe(`bytes=0-${UNIT - 1}`);
    expect((await put(url, `bytes ${2 * UNIT}-${size - 1}/${size}`, bytes.subarray(2 * UNIT))).status).toBe(400);
    expect((await put(url, `bytes ${UNIT}-${size - 1}/${size}`, bytes.subarray(UNIT))).status).toBe(200);

    const done = await put(url, `bytes */${size}`);
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({
      kind: 'youtube#video',
      id: fake.videos[0].id,
      status: { privacyStatus: 'private', uploadStatus: 'uploaded' },
    });
    expect(fake.videos[0].bytes.equals(bytes)).toBe(true);

    fake.expireSession(fake.sessions[0].id);
    expect((await put(url, `bytes */${size}`)).status).toBe(404);
  });

  it('charges quota per insert and answers quotaExceeded once it is spent', async () => {
    fake.quotaRemaining = 2_000;
    await session(10);
    const refused = await init({ snippet: { title: 'x' } });
    expect(refused.status).toBe(403);
    const body = (await refused.json()) as { error: { errors: { reason: string; domain: string }[] } };
    expect(body.error.errors[0]).toMatchObject({ reason: 'quotaExceeded', domain: 'youtube.quota' });
  });

  it('lists the channel uploads newest first for the owner', async () => {
    for (const size of [10, 20]) {
      const url = await session(size);
      await put(url, `bytes 0-${size - 1}/${size}`, Buffer.alloc(size));
    }
    const headers = { authorization: `Bearer ${accessToken}` };
    const channels = (await (await fetch(`${fake.origin}/youtube/v3/channels?part=contentDetails&mine=true`, { headers })).json()) as {
      items: { contentDetails: { relatedPlaylists: { uploads: string } } }[];
    };
    const uploads = channels.items[0].contentDetails.relatedPlaylists.uploads;
    const items = (await (
      await fetch(`${fake.origin}/youtube/v3/playlistItems?part=snippet&playlistId=${uploads}&maxResults=5`, { headers })
    ).json()) as {
      items: { snippet: { resourceId: { videoId: string } } }[];
    };
    expect(items.items.map((item) => item.snippet.resourceId.videoId)).toEqual([fake.videos[1].id, fake.videos[0].id]);
  });
});
