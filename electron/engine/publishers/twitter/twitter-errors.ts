// X answers errors as RFC 7807 problem objects; this turns one into the engine's error kinds (platforms.md §1).
import { PermanentError, RateLimitedError, type PublishError } from '../errors';
import { classifyHttpFailure } from '../base/http-failure';
import type { HttpResponse } from '../base/http-client';
import { resetSecondsToEpochMs } from '../base/rate-limit-headers';

interface Problem {
  title?: string;
  detail?: string;
  type?: string;
  status?: number;
  errors?: { message?: string; detail?: string }[];
}

/** The platformCode of X's "duplicate content" refusal. */
export const DUPLICATE_CONTENT = 'duplicate-content';
/** The platformCode of a video whose length X refuses (too long for the app or for the account). */
export const VIDEO_LENGTH = 'video-length';
/** The platformCode of a token without a scope the call needs. */
export const MISSING_SCOPE = 'missing-scope';
const RATE_LIMIT_FALLBACK_MS = 15 * 60_000;

/**
 * X's limit windows, each with `-limit`, `-remaining` and `-reset` headers: the endpoint's 15 minutes per user, and
 * on POST /2/tweets the day per user and the day for the whole app. A 429 says only "Too Many Requests"; the headers
 * tell which window is used up.
 */
const WINDOWS = [
  { prefix: 'x-rate-limit', what: 'rate limiting this account' },
  { prefix: 'x-user-limit-24hour', what: "saying this account's posts for the day are used up" },
  { prefix: 'x-app-limit-24hour', what: "saying the app's posts for the day (for all its users together) are used up" },
] as const;

/** Until when X refuses, and why: the latest reset of the windows that are used up (of all windows if none says so). */
function rateLimitOf(response: HttpResponse): { retryAt: number; what: string } | undefined {
  const windows = WINDOWS.map((window) => ({
    ...window,
    remaining: response.header(`${window.prefix}-remaining`),
    resetAt: resetSecondsToEpochMs(response.header(`${window.prefix}-reset`)),
  })).filter((window): window is typeof window & { resetAt: number } => window.resetAt !== undefined);
  const usedUp = windows.filter((window) => window.remaining !== undefined && Number(window.remaining) <= 0);
  const latest = (usedUp.length > 0 ? usedUp : windows).reduce<(typeof windows)[number] | undefined>(
    (last, window) => (last === undefined || window.resetAt > last.resetAt ? window : last),
    undefined,
  );
  return latest && { retryAt: latest.resetAt, what: latest.what };
}

/** What X said, in one sentence. */
export function problemText(response: HttpResponse): string {
  const problem = response.json<Problem>();
  const text = problem?.detail ?? problem?.errors?.[0]?.message ?? problem?.errors?.[0]?.detail ?? problem?.title;
  return text ?? `HTTP ${response.status}`;
}

function problemType(response: HttpResponse): string | undefined {
  const type = response.json<Problem>()?.type;
  return type === undefined || type === 'about:blank' ? undefined : type.split('/').pop();
}

/**
 * 429 → RateLimitedError until the used-up window resets (usage-capped → permanent: no header says when the cap
 * renews); 403 duplicate → PermanentError with platformCode `duplicate-content`; 403 for a video too long → permanent,
 * shorten the video; X's bare 403 "Forbidden" (a token without a scope the call needs) → reconnect; the rest by the
 * default rules (5xx on the create call is ambiguous).
 */
export function twitterFailure(response: HttpResponse, action: string, createsPost: boolean, now: number): PublishError {
  const said = problemText(response);
  const type = problemType(response);
  const details = { httpStatus: response.status, ...(type ? { platformCode: type } : {}) };
  if (type === 'usage-capped') {
    return new PermanentError(
      `X refused to ${action}: the app's usage cap on X is reached (${said}). X takes no posts from the app until its usage period renews; retry the post then.`,
      details,
    );
  }
  if (response.status === 429) {
    const limit = rateLimitOf(response);
    const retryAt = limit?.retryAt ?? now + RATE_LIMIT_FALLBACK_MS;
    return new RateLimitedError(
      `X is ${limit?.what ?? 'rate limiting this account'} (${action}); it will try again at ${new Date(retryAt).toISOString()}.`,
      retryAt,
      details,
    );
  }
  if (response.status === 403 && /duplicate content/i.test(said)) {
    return new PermanentError(`X refused the post as a duplicate: this account already posted the same text.`, {
      ...details,
      platformCode: DUPLICATE_CONTENT,
    });
  }
  if (response.status === 403 && /video longer than/i.test(said)) {
    return new PermanentError(`X refused to ${action}: ${said.replace(/\.$/, '')} from this account. Shorten the video, then retry.`, {
      ...details,
      platformCode: VIDEO_LENGTH,
    });
  }
  // X names no scope: a bare "Forbidden" to a token it accepts means the sign-in lacks a permission this call needs
  // (an account connected before the app asked for it, or a permission left unticked). A new sign-in grants it.
  if (response.status === 403 && type === undefined && said === 'Forbidden') {
    return new PermanentError(
      `X refused to ${action}: the account's sign-in does not allow it (a permission is missing). Reconnect the account under Accounts, allow every permission X asks for, then retry.`,
      { ...details, platformCode: MISSING_SCOPE, authFailure: true },
    );
  }
  if (response.status === 401) {
    return new PermanentError(`X did not accept the account's sign-in (${said}).`, { ...details, authFailure: true });
  }
  return classifyHttpFailure({ response, message: `X refused to ${action}: ${said}`, now, createsPost, ...(type ? { platformCode: type } : {}) });
}
