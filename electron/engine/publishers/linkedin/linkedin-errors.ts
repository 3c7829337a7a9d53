// LinkedIn's error body is `{status, code, serviceErrorCode, message}`; this sorts it per platforms.md §4.
import { PermanentError, type PublishError } from '../errors';
import { classifyHttpFailure } from '../base/http-failure';
import type { HttpResponse } from '../base/http-client';

interface LinkedInErrorBody {
  status?: number;
  code?: string;
  serviceErrorCode?: number;
  message?: string;
}

/** The platformCode of LinkedIn's duplicate refusal, whose message names the existing post. */
export const DUPLICATE_POST = 'DUPLICATE_POST';

export function linkedInErrorBody(response: HttpResponse): LinkedInErrorBody {
  return response.json<LinkedInErrorBody>() ?? {};
}

/** The URN of the existing post in a DUPLICATE_POST message ("Content is a duplicate of urn:li:share:123"). */
export function duplicateOf(message: string): string | undefined {
  return /urn:li:(?:share|ugcPost):\d+/.exec(message)?.[0];
}

/**
 * 401 → authFailure (refreshed once by the base); 422 duplicate → PermanentError `DUPLICATE_POST`; 426 → an
 * unsupported API version; 429 → RateLimitedError; 5xx on create → AmbiguousError; the rest by the default rules.
 */
export function linkedInFailure(response: HttpResponse, action: string, createsPost: boolean, now: number): PublishError {
  const body = linkedInErrorBody(response);
  const said = body.message ?? `HTTP ${response.status}`;
  const code = body.code ?? (body.serviceErrorCode === undefined ? undefined : String(body.serviceErrorCode));
  const details = { httpStatus: response.status, ...(code ? { platformCode: code } : {}) };
  if (response.status === 401) {
    return new PermanentError(`LinkedIn did not accept the account's sign-in (${said}).`, { ...details, authFailure: true });
  }
  if (response.status === 422 && (body.code === DUPLICATE_POST || /duplicate/i.test(said))) {
    return new PermanentError(`LinkedIn refused the post as a duplicate (${said}).`, { ...details, platformCode: DUPLICATE_POST });
  }
  if (response.status === 426) {
    return new PermanentError(`LinkedIn no longer supports the API version this app uses (${said}). Update the app.`, details);
  }
  if (response.status === 429) {
    return classifyHttpFailure({
      response,
      message: `LinkedIn is rate limiting this account (${action}); it will try again later.`,
      now,
      ...(code ? { platformCode: code } : {}),
    });
  }
  return classifyHttpFailure({
    response,
    message: `LinkedIn refused to ${action}: ${said}`,
    now,
    createsPost,
    ...(code ? { platformCode: code } : {}),
  });
}
