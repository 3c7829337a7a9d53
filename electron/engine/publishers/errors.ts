// How a publish attempt failed decides what the engine does next, so publishers sort every failure into one of these.
// Messages are shown to the user: plain words, what happened and what to do.

export type PublishErrorKind = 'retryable' | 'permanent' | 'ambiguous' | 'rate_limited';

export interface PublishErrorDetails {
  /** The platform's own code (`190`, `rate-limit-exceeded`, `spam_risk_too_many_posts` …), for logs and support. */
  platformCode?: string;
  /** HTTP status of the failing response, when there was one. */
  httpStatus?: number;
  cause?: unknown;
}

export abstract class PublishError extends Error {
  abstract readonly kind: PublishErrorKind;
  readonly platformCode?: string;
  readonly httpStatus?: number;

  constructor(message: string, details: PublishErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    if (details.platformCode !== undefined) this.platformCode = details.platformCode;
    if (details.httpStatus !== undefined) this.httpStatus = details.httpStatus;
  }
}

/** The post was certainly not created (connection refused, 5xx on an upload step, …): retry with backoff. */
export class RetryableError extends PublishError {
  readonly kind = 'retryable';
}

/** Why nothing reached the platform. */
export type UnreachableCause = 'dns' | 'refused' | 'no-route' | 'reset' | 'timeout' | 'tls' | 'portal';

/**
 * Nothing reached the platform: its name did not resolve, the connection was refused, reset or timed out before a
 * byte of the request was sent, no route, a secure connection that failed, or a captive portal answered instead.
 * Losing the network is not a failure of the post: the engine waits until `origin` answers, without spending a try.
 * A RetryableError still, so code that retries a retryable step (a chunk, a status poll) treats it as one.
 */
export class UnreachableError extends RetryableError {
  /** The origin that could not be reached (`https://api.x.com`), which the engine probes until it answers. */
  readonly origin: string;
  readonly unreachable: UnreachableCause;

  constructor(message: string, origin: string, unreachable: UnreachableCause, details: PublishErrorDetails = {}) {
    super(message, details);
    this.origin = origin;
    this.unreachable = unreachable;
  }
}

/** Never retry: validation, permission, content rejected, expired token. */
export class PermanentError extends PublishError {
  readonly kind = 'permanent';
  /** The account's token is no longer accepted: the account is marked `needs_reconnect`. */
  readonly authFailure: boolean;

  constructor(message: string, details: PublishErrorDetails & { authFailure?: boolean } = {}) {
    super(message, details);
    this.authFailure = details.authFailure ?? false;
  }
}

/** The create request may have reached the platform (timeout or reset after sending, 5xx on create). Never post again blindly. */
export class AmbiguousError extends PublishError {
  readonly kind = 'ambiguous';
}

/** The platform (or our local bucket) says wait: the job waits until `retryAt` without spending an attempt. */
export class RateLimitedError extends PublishError {
  readonly kind = 'rate_limited';
  /** Epoch ms when trying again is allowed. */
  readonly retryAt: number;

  constructor(message: string, retryAt: number, details: PublishErrorDetails = {}) {
    super(message, details);
    this.retryAt = retryAt;
  }
}
