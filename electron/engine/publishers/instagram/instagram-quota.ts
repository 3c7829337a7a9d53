// Instagram allows a number of API-published posts per account in a moving window (100 per 24 h today; older docs
// say 25, then 50), enforced at media_publish. The app reads the limit before publishing and, when it is used up,
// waits until the window could free a place instead of spending an attempt.
import { RateLimitedError } from '../errors';
import { dataOf, type GraphAuth, type GraphClient } from '../graph/graph-client';
import { parseGraphTimestamp } from '../graph/match-text';

export interface PublishingLimit {
  used: number;
  total: number;
  /** The window in seconds. */
  durationSeconds: number;
}

const DEFAULT_WINDOW_SECONDS = 86_400;
/** When the window's end cannot be estimated, look again after this long. */
const FALLBACK_WAIT_MS = 60 * 60_000;
const MIN_WAIT_MS = 60_000;

function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The account's publishing limit, or undefined when Instagram's answer does not say. */
export async function readPublishingLimit(graph: GraphClient, auth: GraphAuth, igUserId: string): Promise<PublishingLimit | undefined> {
  const body = await graph.get(auth, `/${igUserId}/content_publishing_limit`, { fields: 'quota_usage,config' });
  const entry = dataOf(body)[0];
  const used = numberOf(entry?.quota_usage);
  const config = typeof entry?.config === 'object' && entry.config !== null ? (entry.config as Record<string, unknown>) : {};
  const total = numberOf(config.quota_total);
  if (used === undefined || total === undefined) return undefined;
  return { used, total, durationSeconds: numberOf(config.quota_duration) ?? DEFAULT_WINDOW_SECONDS };
}

/**
 * The earliest time a place can free: the oldest post still inside the window leaves it at its time plus the window.
 * The listing also holds posts made in the Instagram app, which never count, so this errs early: the next try
 * simply reads the limit again.
 */
export async function windowFreesAt(graph: GraphClient, auth: GraphAuth, igUserId: string, durationSeconds: number, now: number): Promise<number> {
  const windowMs = durationSeconds * 1000;
  try {
    const body = await graph.get(auth, `/${igUserId}/media`, { fields: 'id,timestamp', since: Math.floor((now - windowMs) / 1000), limit: 100 });
    const times = dataOf(body)
      .map((media) => parseGraphTimestamp(typeof media.timestamp === 'string' ? media.timestamp : undefined))
      .filter((time): time is number => time !== undefined && time > now - windowMs);
    if (times.length === 0) return now + FALLBACK_WAIT_MS;
    return Math.max(now + MIN_WAIT_MS, Math.min(...times) + windowMs + MIN_WAIT_MS);
  } catch {
    return now + FALLBACK_WAIT_MS;
  }
}

export function quotaReached(limit: PublishingLimit, retryAt: number): RateLimitedError {
  return new RateLimitedError(
    `This Instagram account reached its limit of ${limit.total} posts published by apps in ${Math.round(limit.durationSeconds / 3600)} hours; the post will go out when the window frees a place.`,
    retryAt,
    { platformCode: 'publishing-limit' },
  );
}
