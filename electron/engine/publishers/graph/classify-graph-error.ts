// Sorts a failed Graph API response (Facebook Pages, Instagram) into the engine's error kinds, following Meta's
// error-handling guide: the code decides, not the HTTP status, because Meta answers most failures with HTTP 400.
import { signInRefused } from '../base/sign-in-refused';
import { AmbiguousError, PermanentError, RateLimitedError, RetryableError, type PublishError } from '../errors';
import { graphErrorCode, graphErrorText, parseGraphError, type GraphError } from './graph-error';
import { readGraphUsage, usageRetryAt } from './graph-usage';

/**
 * Where in a publish the call happened. `create` is the call that makes the post live (feed post, single photo,
 * video, media_publish): only there can a failure leave a post behind.
 */
export type GraphStep = 'read' | 'upload' | 'create';

export interface GraphFailure {
  status: number;
  /** The parsed response body (undefined when it was not JSON). */
  body: unknown;
  header: (name: string) => string | undefined;
  step: GraphStep;
  /** "Facebook" or "Instagram", for messages. */
  label: string;
  now: number;
  /** When a rate limit ends if the headers do not say; default 15 minutes from now. */
  defaultRetryAt?: number;
}

/** A throttled caller without an estimate in the headers tries again after this long. */
const DEFAULT_GRAPH_THROTTLE_WAIT_MS = 15 * 60_000;

// 4 app, 17 user, 32 Page, 341 app limit, 613 custom throttle; 80000–80014 are the Business Use Case throttles
// (80001 Pages, 80002 Instagram …).
const THROTTLE_CODES = new Set([4, 17, 32, 341, 613]);
const INSTAGRAM_PUBLISHING_LIMIT_CODE = 9;
const INSTAGRAM_SPAM_RESTRICTION_SUBCODE = 2207051;
const TOKEN_CODES = new Set([102, 190, 2500]);
const POLICY_BLOCK_CODE = 368;
const DUPLICATE_CODE = 506;
const OUTAGE_CODES = new Set([1, 2]);
// Instagram's "media not ready for publishing": media_publish refused the container, nothing went out.
const INSTAGRAM_NOT_READY_CODE = 9007;

/** Instagram failures that a fresh container fixes: server errors, download timeout, expired container. */
export const INSTAGRAM_RETRYABLE_SUBCODES = new Set([2207001, 2207003, 2207020, 2207032, 2207053]);

function isThrottle(error: GraphError): boolean {
  if (error.code === 4 && error.errorSubcode === INSTAGRAM_SPAM_RESTRICTION_SUBCODE) return false;
  return THROTTLE_CODES.has(error.code) || (error.code >= 80000 && error.code <= 80014) || error.code === INSTAGRAM_PUBLISHING_LIMIT_CODE;
}

function isPermissionCode(code: number): boolean {
  return code === 10 || (code >= 200 && code <= 299);
}

/** True when a Graph error is Meta's "duplicate post" refusal (code 506). */
export function isDuplicatePost(error: unknown): boolean {
  return error instanceof PermanentError && error.platformCode?.split('/')[0] === String(DUPLICATE_CODE);
}

function classifyGraphError(error: GraphError, failure: GraphFailure): PublishError {
  const { label, step, now } = failure;
  const text = graphErrorText(error);
  const details = { platformCode: graphErrorCode(error), httpStatus: failure.status };

  if (TOKEN_CODES.has(error.code)) {
    return signInRefused({ label, reason: text, ...details });
  }
  if (isThrottle(error)) {
    const retryAt = usageRetryAt(readGraphUsage(failure.header), now) ?? failure.defaultRetryAt ?? now + DEFAULT_GRAPH_THROTTLE_WAIT_MS;
    return new RateLimitedError(`${label} asked to slow down (${text}); nothing was published, it will be tried again later.`, retryAt, details);
  }
  if (error.code === DUPLICATE_CODE) {
    return new PermanentError(
      `${label} refused the post as a duplicate of the Page's previous post (${text}). Change the text or remove the earlier post.`,
      details,
    );
  }
  if (error.code === POLICY_BLOCK_CODE) {
    return new PermanentError(
      `${label} has temporarily blocked posting from this account for a policy reason (${text}). Check the account's notifications on ${label}.`,
      details,
    );
  }
  if (isPermissionCode(error.code)) {
    return new PermanentError(
      `${label} says the app may not post here (${text}). Reconnect the account granting the posting permissions, and check your role.`,
      details,
    );
  }
  if (error.errorSubcode !== undefined && INSTAGRAM_RETRYABLE_SUBCODES.has(error.errorSubcode)) {
    // Meta's guide: try again with a new container. At media_publish the post might still have gone out.
    return step === 'create'
      ? new AmbiguousError(`${label} failed while publishing (${text}), so it may have been published; checking before trying again.`, details)
      : new RetryableError(`${label} could not process the media (${text}); nothing was published.`, details);
  }
  if (error.code === INSTAGRAM_NOT_READY_CODE) {
    return new RetryableError(`${label} says the media is not ready yet (${text}); nothing was published.`, details);
  }
  if (OUTAGE_CODES.has(error.code) || error.isTransient || failure.status >= 500) {
    return step === 'create'
      ? new AmbiguousError(
          `${label} had a problem while creating the post (${text}), so it may have been published; checking before trying again.`,
          details,
        )
      : new RetryableError(`${label} had a passing problem (${text}); nothing was published.`, details);
  }
  return new PermanentError(`${label} refused the post: ${text}.`, details);
}

/** The engine's error for a failed Graph response, from its error object, usage headers and HTTP status. */
export function classifyGraphFailure(failure: GraphFailure): PublishError {
  const error = parseGraphError(failure.body);
  if (error) return classifyGraphError(error, failure);
  const { status, label, step, now } = failure;
  const details = { httpStatus: status };
  if (status === 429) {
    const retryAt = usageRetryAt(readGraphUsage(failure.header), now) ?? failure.defaultRetryAt ?? now + DEFAULT_GRAPH_THROTTLE_WAIT_MS;
    return new RateLimitedError(`${label} asked to slow down (HTTP 429); nothing was published, it will be tried again later.`, retryAt, details);
  }
  if (status >= 500 || status === 408) {
    return step === 'create'
      ? new AmbiguousError(
          `${label} answered HTTP ${status} while creating the post, so it may have been published; checking before trying again.`,
          details,
        )
      : new RetryableError(`${label} answered HTTP ${status}; nothing was published.`, details);
  }
  if (status === 401) return signInRefused({ label, reason: 'HTTP 401', ...details });
  return new PermanentError(`${label} answered HTTP ${status} with an unreadable error.`, details);
}
