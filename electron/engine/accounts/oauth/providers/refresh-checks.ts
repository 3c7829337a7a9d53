// Small checks the providers share before a refresh.
import type { OAuthClient } from '../provider';
import { OAuthRefusal } from '../oauth-errors';

/** A refresh needs the developer app that issued the grant. */
export function needsClient(client: OAuthClient | undefined, authority: string): OAuthClient {
  if (!client) {
    throw new OAuthRefusal(
      'invalid_client',
      `The ${authority} developer app that connected this account is no longer set up in Settings.`,
      undefined,
      0,
    );
  }
  return client;
}

/** A refresh needs a refresh token; without one the sign-in ends when the access token does. */
export function requireRefreshToken(refreshToken: string | null): string {
  if (refreshToken === null) throw new OAuthRefusal('invalid_grant', 'The platform gave no refresh token for this account.', undefined, 0);
  return refreshToken;
}
