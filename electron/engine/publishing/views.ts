// Rows to the views every client sees.
import type { PostMediaView, PostView, TargetOptions, TargetView } from '../../../shared/domain';
import type { PostRow, TargetRow } from '../db/tables';

const MINUTE_MS = 60_000;
/** The most minutes kept formatted: a busy month's (2,000 posts, each at its own minute) with room to spare. */
const MINUTES_KEPT = 4096;
/** "2026-12-01T09:30:" by the minute's first ms: `toISOString` costs ~1.4 µs, and a month's calendar calls it ~9,000 times. */
const minutePrefixes = new Map<number, string>();
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));

/**
 * `new Date(ms).toISOString()`, character for character. The date and hour come from the platform's formatter, once
 * a minute; seconds and milliseconds by arithmetic, which is exact because a UTC minute in JS is always 60,000 ms.
 */
export function iso(ms: number): string {
  // Not a whole ms, or past the dates JS holds: the platform's own answer (and its RangeError).
  if (!Number.isInteger(ms) || Math.abs(ms) > 8.64e15) return new Date(ms).toISOString();
  const minute = Math.floor(ms / MINUTE_MS) * MINUTE_MS;
  const intoMinute = ms - minute;
  let prefix = minutePrefixes.get(minute);
  if (prefix === undefined) {
    if (minutePrefixes.size >= MINUTES_KEPT) minutePrefixes.clear();
    prefix = new Date(minute).toISOString().slice(0, -'00.000Z'.length);
    minutePrefixes.set(minute, prefix);
  }
  return `${prefix}${TWO_DIGITS[Math.floor(intoMinute / 1000)]}.${THREE_DIGITS[intoMinute % 1000]}Z`;
}

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
