// Google answers failures with {error: {code, message, errors: [{domain, reason, message}]}}. These sort the
// documented reasons into the engine's error kinds, in words a social media manager can act on.
import type { HttpResponse } from '../base/http-client';
import { classifyHttpFailure } from '../base/http-failure';
import { PermanentError, RateLimitedError, type PublishError } from '../errors';
import { nextPacificMidnight } from './pacific-midnight';

const SHORT_WAIT_MS = 60_000;
const DAY_MS = 24 * 60 * 60_000;

interface GoogleErrorBody {
  error?: { code?: number; message?: string; errors?: { domain?: string; reason?: string; message?: string }[] };
}

const REFUSALS: Record<string, string> = {
  invalidTitle: 'YouTube refused the title: it needs 1 to 100 characters, without < or >.',
  invalidDescription: 'YouTube refused the description: at most 5,000 bytes, without < or >.',
  invalidPublishAt: 'YouTube refused the scheduled publish time: it must be in the future, for a private video.',
  invalidTags: 'YouTube refused the tags.',
  invalidCategoryId: 'YouTube refused the video category.',
  invalidFilename: 'YouTube refused the file name of the video.',
  mediaBodyRequired: 'YouTube received no video.',
  forbiddenPrivacySetting: 'This channel cannot use that privacy setting. Choose another privacy for YouTube and retry.',
  forbiddenLicenseSetting: 'This channel cannot use that license setting.',
  youtubeSignupRequired: 'The Google account has no YouTube channel. Create one on YouTube, then retry.',
};

/** The engine's error for a failed YouTube call; `what` completes "YouTube could not …". */
export function youtubeError(response: HttpResponse, what: string, now: number, createsPost: boolean): PublishError {
  const body = response.json<GoogleErrorBody>();
  const reason = body?.error?.errors?.[0]?.reason ?? '';
  // Google's messages may hold HTML links.
  const message = (body?.error?.message ?? '').replace(/<[^>]*>/g, '').trim();
  const said = message ? ` YouTube said: "${message}"` : '';
  const details = { httpStatus: response.status, ...(reason ? { platformCode: reason } : {}) };
  switch (reason) {
    case 'quotaExceeded':
    case 'dailyLimitExceeded':
      return new RateLimitedError(
        "The app's daily YouTube quota is used up. YouTube renews it at midnight Pacific time; the video will be uploaded then.",
        nextPacificMidnight(now),
        details,
      );
    case 'rateLimitExceeded':
    case 'userRateLimitExceeded':
      return new RateLimitedError(`YouTube is limiting how often the app may ${what}; it will try again in a minute.`, now + SHORT_WAIT_MS, details);
    case 'uploadLimitExceeded':
      return new RateLimitedError(
        "This channel reached YouTube's daily upload limit; the video will be tried again in 24 hours.",
        now + DAY_MS,
        details,
      );
    case 'insufficientPermissions':
      // No httpStatus on purpose: a refreshed token has the same permissions, so the base must not retry with one.
      return new PermanentError(`YouTube did not give the app permission to ${what}. Reconnect the account under Accounts and allow it.`, {
        platformCode: reason,
        authFailure: true,
      });
  }
  const refusal = REFUSALS[reason];
  if (refusal) return new PermanentError(refusal, details);
  if (response.status < 500 && (reason.startsWith('invalid') || reason.startsWith('forbidden'))) {
    return new PermanentError(`YouTube refused to ${what}.${said}`, details);
  }
  return classifyHttpFailure({
    response,
    message: `YouTube could not ${what} (HTTP ${response.status}${reason ? `, ${reason}` : ''}).${said}`,
    ...(reason ? { platformCode: reason } : {}),
    createsPost,
    retryAt: now + SHORT_WAIT_MS,
    now,
  });
}
