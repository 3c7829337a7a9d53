// X's OAuth 2.0 authorization server (docs.x.com, "OAuth 2.0 Authorization Code Flow with PKCE"): PKCE S256
// required, callback URLs matched exactly, public "Native App" clients without a secret (confidential ones use
// HTTP Basic), codes valid for 30 seconds, access tokens for 2 hours, and single-use refresh tokens that rotate;
// presenting a used one ends the whole grant. X refuses bad tokens with invalid_request rather than invalid_grant.
import type { FakeTwitter } from '../twitter/fake-twitter';
import { AuthorizationServer } from './authorization-server';

export const X_CLIENT_ID = 'fake-x-native-app';

export interface XAuthorizationOptions {
  /** The registered callback URLs. */
  redirectUris: string[];
  /** A confidential client; default a public Native App. */
  clientSecret?: string;
}

export function startXAuthorization(api: FakeTwitter, options: XAuthorizationOptions): Promise<AuthorizationServer> {
  return new AuthorizationServer(
    {
      authority: 'X',
      authorizePath: '/i/oauth2/authorize',
      tokenPath: '/2/oauth2/token',
      tokenMethod: 'POST',
      clientIdParam: 'client_id',
      clientId: X_CLIENT_ID,
      clientSecret: options.clientSecret,
      clientAuthentication: 'public-or-basic',
      redirect: { kind: 'exact', uris: options.redirectUris },
      pkce: 'S256',
      pkceRequired: true,
      scopes: ['tweet.read', 'tweet.write', 'users.read', 'offline.access', 'media.write', 'follows.read', 'like.write'],
      scopeSeparator: ' ',
      requiredScopes: ['users.read'],
      accessTokenTtlMs: 2 * 60 * 60_000,
      refresh: 'rotate-family',
      grantsRefreshToken: (query) => (query.get('scope') ?? '').split(' ').includes('offline.access'),
      refreshTokenTtlMs: 180 * 24 * 60 * 60_000,
      codeTtlMs: 30_000,
      errorStyle: 'oauth',
      refusal: { code: 'invalid_request', description: 'Value passed for the token was invalid.' },
    },
    { mint: (userId, scopes, ttlMs) => api.grantAccessToken(userId, ttlMs, scopes), revoke: (token) => api.revokeAccessToken(token) },
  ).listen();
}
