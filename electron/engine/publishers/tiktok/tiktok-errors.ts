// TikTok answers every call with {data, error: {code, message, log_id}}; any code but "ok" is a failure. These sort
// the documented codes into the engine's error kinds, in words a social media manager can act on.
import type { HttpResponse } from '../base/http-client';
import { classifyHttpFailure } from '../base/http-failure';
import { PermanentError, RateLimitedError, RetryableError, type PublishError } from '../errors';

/** TikTok's per-minute limits reset within a minute. */
export const TIKTOK_RATE_LIMIT_WAIT_MS = 60_000;
/** The per-creator daily post cap frees up over 24 hours. */
export const TIKTOK_DAILY_CAP_WAIT_MS = 24 * 60 * 60_000;

export interface TiktokEnvelope<T> {
  data?: T;
  error?: { code?: string; message?: string; log_id?: string };
}

/** The engine's error for a failed TikTok call; `what` completes "TikTok could not …". */
export function tiktokError(response: HttpResponse, what: string, now: number, createsPost: boolean): PublishError {
  const envelope = response.json<TiktokEnvelope<unknown>>();
  const code = envelope?.error?.code ?? '';
  const said = envelope?.error?.message ? ` TikTok said: "${envelope.error.message}".` : '';
  const details = { httpStatus: response.status, ...(code ? { platformCode: code } : {}) };
  switch (code) {
    case 'rate_limit_exceeded':
      return new RateLimitedError(
        `TikTok is limiting how often the app may ${what}; it will try again in a minute.`,
        now + TIKTOK_RATE_LIMIT_WAIT_MS,
        details,
      );
    case 'spam_risk_too_many_posts':
    case 'spam_risk_too_many_pending_share':
      return new RateLimitedError(
        "This TikTok account reached TikTok's daily posting limit; the post will be tried again in 24 hours.",
        now + TIKTOK_DAILY_CAP_WAIT_MS,
        details,
      );
    case 'reached_active_user_cap':
      return new RateLimitedError(
        "TikTok's daily limit of accounts posting through this app is reached; the post will be tried again in 24 hours.",
        now + TIKTOK_DAILY_CAP_WAIT_MS,
        details,
      );
    case 'access_token_invalid':
      return new PermanentError('TikTok no longer accepts the sign-in of this account.', { ...details, authFailure: true });
    case 'scope_not_authorized':
      // No httpStatus on purpose: a refreshed token carries the same permissions, so the base must not retry with one.
      return new PermanentError(`TikTok did not give the app permission to ${what}. Reconnect the account under Accounts and allow posting.`, {
        platformCode: code,
        authFailure: true,
      });
    case 'privacy_level_option_mismatch':
      return new PermanentError(
        "TikTok refused the post's privacy setting: this account does not allow it right now. Choose another privacy for TikTok and retry.",
        details,
      );
    case 'unaudited_client_can_only_post_to_private_accounts':
      return new PermanentError(
        'TikTok has not yet approved this app for public posts: until it does, TikTok accepts only private ("only me") posts from a private TikTok account. Set the privacy to private (and the TikTok account to private), then retry.',
        details,
      );
    case 'url_ownership_unverified':
      return new PermanentError(
        'TikTok fetches photos only from web addresses verified for this app. Host the photos on a verified domain (TikTok developer portal, URL properties), then retry.',
        details,
      );
    case 'spam_risk_user_banned_from_posting':
      return new PermanentError('TikTok has blocked this account from posting. Check the account in the TikTok app.', details);
    case 'invalid_param':
    case 'invalid_params':
      return new PermanentError(`TikTok refused the request to ${what}.${said} Check the post's text, media and TikTok options.`, details);
  }
  if (response.status === 429) {
    return new RateLimitedError(
      `TikTok is limiting how often the app may ${what}; it will try again in a minute.`,
      now + TIKTOK_RATE_LIMIT_WAIT_MS,
      details,
    );
  }
  if (response.status >= 200 && response.status < 300) {
    // A 2xx with an error code or no envelope at all: the request was not carried out.
    return new RetryableError(`TikTok could not ${what}${code ? ` (${code})` : ''}.${said}`, details);
  }
  return classifyHttpFailure({
    response,
    message: `TikTok could not ${what} (HTTP ${response.status}${code ? `, ${code}` : ''}).${said}`,
    ...(code ? { platformCode: code } : {}),
    createsPost,
    retryAt: now + TIKTOK_RATE_LIMIT_WAIT_MS,
    now,
  });
}

const FAIL_REASONS: Record<string, string> = {
  file_format_check_failed: 'TikTok could not read the file. Use an MP4 or MOV video (H.264), or JPEG or WebP photos.',
  duration_check_failed: 'The video is longer than this TikTok account may post.',
  frame_rate_check_failed: 'TikTok accepts videos of 23 to 60 frames per second.',
  picture_size_check_failed: 'TikTok refused the picture size: videos need 360 to 4096 pixels per side, photos at most 1080p.',
  video_pull_failed: 'TikTok could not download the video from its link. Check that the link works and is public.',
  photo_pull_failed: 'TikTok could not download the photos from their links. Check that the links work and are public.',
  publish_cancelled: 'The post was cancelled on TikTok.',
  spam_risk_text: 'TikTok refused the text as possible spam. Change the text and retry.',
  spam_risk: 'TikTok refused the post as possible spam.',
  spam_risk_user_banned_from_posting: 'TikTok has blocked this account from posting. Check the account in the TikTok app.',
};

/** The error for a post TikTok marked FAILED: nothing was published. */
export function tiktokFailure(failReason: string | undefined, now: number): PublishError {
  const reason = failReason ?? '';
  const details = reason ? { platformCode: reason } : {};
  if (reason === 'internal' || reason === '') {
    return new RetryableError('TikTok failed to process the post on its side; nothing was published.', details);
  }
  if (reason === 'spam_risk_too_many_posts') {
    return new RateLimitedError(
      "This TikTok account reached TikTok's daily posting limit; the post will be tried again in 24 hours.",
      now + TIKTOK_DAILY_CAP_WAIT_MS,
      details,
    );
  }
  if (reason === 'auth_removed') {
    return new PermanentError("The TikTok account removed the app's access. Reconnect it under Accounts, then retry.", {
      ...details,
      authFailure: true,
    });
  }
  return new PermanentError(FAIL_REASONS[reason] ?? `TikTok refused the post (${reason}).`, details);
}
