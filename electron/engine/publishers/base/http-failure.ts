// The default sorting of a failed HTTP response into the engine's error kinds; platforms pass in what their
// error body says and override where their documentation differs.
import { AmbiguousError, PermanentError, RateLimitedError, RetryableError, type PublishError } from '../errors';
import type { HttpResponse } from './http-client';
import { DEFAULT_RATE_LIMIT_WAIT_MS, retryAfterToEpochMs } from './rate-limit-headers';

export interface HttpFailure {
  response: HttpResponse;
  /** What the platform said, in the user's words: "X refused the post: …". */
  message: string;
  /** The platform's own error code, for logs and support. */
  platformCode?: string;
  /** True when the failing call creates the post: a 5xx is then ambiguous instead of retryable. */
  createsPost?: boolean;
  /** When to try again after a 429; default Retry-After, else 15 minutes from now. */
  retryAt?: number;
  now: number;
}

/**
 * 429 → RateLimitedError; 401 → PermanentError with authFailure (BasePublisher refreshes once on it);
 * 5xx, 408 → AmbiguousError on create, else RetryableError; other statuses → PermanentError.
 */
export function classifyHttpFailure(failure: HttpFailure): PublishError {
  const { response, message, now } = failure;
  const details = { httpStatus: response.status, ...(failure.platformCode === undefined ? {} : { platformCode: failure.platformCode }) };
  const status = response.status;
  if (status === 429) {
    const retryAt = failure.retryAt ?? retryAfterToEpochMs(response.header('retry-after'), now) ?? now + DEFAULT_RATE_LIMIT_WAIT_MS;
    return new RateLimitedError(message, retryAt, details);
  }
  if (status === 401) return new PermanentError(message, { ...details, authFailure: true });
  if (status >= 500 || status === 408) {
    return failure.createsPost ? new AmbiguousError(message, details) : new RetryableError(message, details);
  }
  return new PermanentError(message, details);
}

/** True for the 401 that BasePublisher answers with one token refresh and one retry. */
export function isUnauthorized(error: unknown): boolean {
  return error instanceof PermanentError && error.authFailure && error.httpStatus === 401;
}
