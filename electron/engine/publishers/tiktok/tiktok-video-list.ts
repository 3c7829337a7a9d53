// The creator's recent posts (/v2/video/list/), to find a post whose publish id was never learned. TikTok lists only
// published public posts, so a miss here proves nothing about private ones.
import type { PublishResult } from '../publisher';
import type { TiktokAuth, TiktokClient } from './tiktok-client';
import { tiktokResult } from './tiktok-status';

interface ListedVideo {
  id?: unknown;
  title?: unknown;
  video_description?: unknown;
  create_time?: unknown;
  share_url?: unknown;
}

const FIELDS = 'id,title,video_description,create_time,share_url';
const MAX_PAGES = 5;
/** Clocks differ: a post may carry a create_time slightly before our first attempt. */
const CLOCK_SKEW_MS = 2 * 60_000;

function normalized(value: unknown): string {
  return typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '';
}

/** The listed post created since `since` (epoch ms) whose caption is `text`, or undefined. */
export async function findTiktokPostByText(
  client: TiktokClient,
  auth: TiktokAuth,
  text: string,
  since: number,
  username: string | undefined,
): Promise<PublishResult | undefined> {
  const wanted = normalized(text);
  let cursor: number | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const { data } = await client.post<{ videos?: ListedVideo[]; cursor?: number; has_more?: boolean }>(
      `/v2/video/list/?fields=${FIELDS}`,
      { max_count: 20, ...(cursor === undefined ? {} : { cursor }) },
      auth,
      "read the account's recent posts",
    );
    let older = false;
    for (const video of data.videos ?? []) {
      const createdAt = typeof video.create_time === 'number' ? video.create_time * 1000 : 0;
      if (createdAt < since - CLOCK_SKEW_MS) {
        older = true;
        continue;
      }
      if (typeof video.id !== 'string' || !/^\d+$/.test(video.id)) continue;
      if (normalized(video.title) !== wanted && normalized(video.video_description) !== wanted) continue;
      if (username || typeof video.share_url !== 'string') return tiktokResult(username, video.id, video.id);
      // The share link carries tracking parameters; the post's address is the part before them.
      return { platformPostId: video.id, url: video.share_url.split('?')[0] };
    }
    if (older || !data.has_more || typeof data.cursor !== 'number') return undefined;
    cursor = data.cursor;
  }
  return undefined;
}
