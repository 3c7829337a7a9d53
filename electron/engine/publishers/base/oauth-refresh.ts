// The OAuth 2.0 refresh_token grant (RFC 6749 §6) for platforms whose token endpoint answers in the standard way:
// a new pair on 200, a passing problem on 5xx or 429, and a refusal (error, error_description) otherwise.
import { PermanentError, RetryableError } from '../errors';
import type { TokenPair } from '../publisher';
import type { HttpClient } from './http-client';

export interface OAuthRefresh {
  http: HttpClient;
  /** The token endpoint. */
  url: string;
  /** The form: grant_type, refresh_token and the client credentials under the names the platform uses. */
  fields: Record<string, string>;
  /** Who renews the sign-in, in messages: "TikTok", "Google". */
  authority: string;
  now: () => number;
  signal: AbortSignal | undefined;
}

interface TokenAnswer {
  access_token?: string;
  expires_in?: number;
  refresh_token?: string;
  error?: string;
  error_description?: string;
}

/** Trades a refresh token for a new pair; RetryableError when the platform could not answer, else PermanentError. */
export async function refreshOAuthToken({ http, url, fields, authority, now, signal }: OAuthRefresh): Promise<TokenPair> {
  const response = await http.request({ method: 'POST', url, body: { type: 'form', fields }, ...(signal ? { signal } : {}) });
  const body = response.json<TokenAnswer>();
  if (response.status === 200 && body?.access_token) {
    return {
      accessToken: body.access_token,
      // TikTok may send a new refresh token each time (the old one may stop working); Google usually sends none.
      refreshToken: body.refresh_token ?? null,
      expiresAt: typeof body.expires_in === 'number' ? now() + body.expires_in * 1000 : null,
    };
  }
  if (response.status >= 500 || response.status === 429) {
    throw new RetryableError(`${authority} could not renew the sign-in right now (HTTP ${response.status}); it will be tried again.`, {
      httpStatus: response.status,
    });
  }
  const reason = body?.error_description ?? body?.error ?? `HTTP ${response.status}`;
  throw new PermanentError(`${authority} refused to renew the sign-in: ${reason}.`, {
    httpStatus: response.status,
    ...(body?.error ? { platformCode: body.error } : {}),
  });
}
