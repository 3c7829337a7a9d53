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
const RATE_LIMIT_FALLBACK_MS = 15 * 60_000;

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
 * 429 → RateLimitedError until `x-rate-limit-reset` (usage-capped → permanent); 403 duplicate → PermanentError with
 * platformCode `duplicate-content`; the rest by the default rules (5xx on the create call is ambiguous).
 */
export function twitterFailure(response: HttpResponse, action: string, createsPost: boolean, now: number): PublishError {
  const said = problemText(response);
  const type = problemType(response);
  const details = { httpStatus: response.status, ...(type ? { platformCode: type } : {}) };
  if (response.status === 429) {
    if (type === 'usage-capped') {
      return new PermanentError(`X says the app's API usage cap is reached (${said}); posts can go out again when the usage period renews.`, details);
    }
    const retryAt = resetSecondsToEpochMs(response.header('x-rate-limit-reset')) ?? now + RATE_LIMIT_FALLBACK_MS;
    return new RateLimitedError(
      `X is rate limiting this account (${action}); it will try again at ${new Date(retryAt).toISOString()}.`,
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
  if (response.status === 401) {
    return new PermanentError(`X did not accept the account's sign-in (${said}).`, { ...details, authFailure: true });
  }
  return classifyHttpFailure({ response, message: `X refused to ${action}: ${said}`, now, createsPost, ...(type ? { platformCode: type } : {}) });
}
