// When a platform says "wait", these read until when from its headers.

/** Epoch ms from a `Retry-After` header (seconds or HTTP date), or undefined when absent or unreadable. */
export function retryAfterToEpochMs(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return now + Math.max(0, seconds) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : date;
}

/** Epoch ms from a reset header in Unix seconds (X's `x-rate-limit-reset`), or undefined. */
export function resetSecondsToEpochMs(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

/** A default wait for platforms that say 429 without saying how long (LinkedIn, TikTok). */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 15 * 60_000;
