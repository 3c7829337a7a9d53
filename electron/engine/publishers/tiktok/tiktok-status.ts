// Where a TikTok publish stands (status fetch), and what that means for the post: live, refused, parked in the
// creator's inbox, or still being processed.
import type { PublishError } from '../errors';
import type { PublishResult } from '../publisher';
import type { TiktokAuth, TiktokClient } from './tiktok-client';
import { tiktokFailure } from './tiktok-errors';

export interface TiktokStatus {
  status: string;
  failReason?: string;
  /** publicaly_available_post_id (sic), as exact decimal strings. */
  postIds: string[];
  uploadedBytes?: number;
}

export type TiktokOutcome =
  { kind: 'published'; postId: string | undefined } | { kind: 'failed'; error: PublishError } | { kind: 'inbox' } | { kind: 'processing' };

/**
 * A JSON list of int64 read from the raw text: TikTok sends post ids as bare 19-digit numbers, which JSON.parse
 * would round to the nearest double.
 */
export function int64List(json: string, field: string): string[] {
  const match = new RegExp(`"${field}"\\s*:\\s*\\[([^\\]]*)\\]`).exec(json);
  if (!match) return [];
  return match[1]
    .split(',')
    .map((item) => item.trim().replace(/^"(.*)"$/, '$1'))
    .filter((item) => /^\d+$/.test(item));
}

export async function fetchTiktokStatus(client: TiktokClient, auth: TiktokAuth, publishId: string): Promise<TiktokStatus> {
  const { data, response } = await client.post<{ status?: string; fail_reason?: string; uploaded_bytes?: number }>(
    '/v2/post/publish/status/fetch/',
    { publish_id: publishId },
    auth,
    "check the post's status",
  );
  return {
    status: data.status ?? '',
    ...(data.fail_reason ? { failReason: data.fail_reason } : {}),
    postIds: int64List(response.text(), 'publicaly_available_post_id'),
    ...(typeof data.uploaded_bytes === 'number' ? { uploadedBytes: data.uploaded_bytes } : {}),
  };
}

export function tiktokOutcome(status: TiktokStatus, now: number): TiktokOutcome {
  switch (status.status) {
    case 'PUBLISH_COMPLETE':
      return { kind: 'published', postId: status.postIds[0] };
    case 'FAILED':
      return { kind: 'failed', error: tiktokFailure(status.failReason, now) };
    case 'SEND_TO_USER_INBOX':
      return { kind: 'inbox' };
    default:
      return { kind: 'processing' };
  }
}

/** The live post: its id and link once TikTok gives one, else the publish id and the creator's profile. */
export function tiktokResult(username: string | undefined, postId: string | undefined, publishId: string): PublishResult {
  const profile = username ? `https://www.tiktok.com/@${username}` : 'https://www.tiktok.com';
  return postId ? { platformPostId: postId, url: `${profile}/video/${postId}` } : { platformPostId: publishId, url: profile };
}
