// Rows to the views every client sees.
import type { PostMediaView, PostView, TargetOptions, TargetView } from '../../../shared/domain';
import type { PostRow, TargetRow } from '../db/tables';

export const iso = (ms: number): string => new Date(ms).toISOString();
export const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

export function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function targetView(row: TargetRow): TargetView {
  return {
    id: row.id,
    postId: row.post_id,
    accountId: row.account_id,
    accountName: row.account_name,
    platform: row.platform,
    status: row.status,
    textOverride: row.text_override,
    options: parseJson<TargetOptions>(row.options, {}),
    platformPostId: row.platform_post_id,
    platformPostUrl: row.platform_post_url,
    errorMessage: row.error_message,
    attemptCount: row.attempt_count,
    waiting: row.waiting_for !== null && row.waiting_since !== null ? { reason: row.waiting_for, since: iso(row.waiting_since) } : null,
    updatedAt: iso(row.updated_at),
  };
}

/** `media`: the post's media entries when it has any stored; otherwise its links are its media. */
export function postView(row: PostRow, targets: readonly TargetRow[], media?: PostMediaView[]): PostView {
  const mediaUrls = parseJson<string[]>(row.media_urls, []);
  return {
    id: row.id,
    text: row.text,
    mediaUrls,
    media: media ?? mediaUrls.map((url) => ({ mediaId: null, url, name: url, altText: null, facts: null })),
    scheduledAt: isoOrNull(row.scheduled_at),
    timeZone: row.time_zone,
    status: row.status,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    targets: targets.map(targetView),
  };
}
