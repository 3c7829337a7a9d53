// LinkedIn's three-legged OAuth (learn.microsoft.com, "Authorization Code Flow"): an exact redirect match, the
// client secret at the token endpoint, codes valid for 30 minutes, 60-day access tokens, and no refresh tokens
// unless the app is an approved partner (then they last a year and are not rotated).
import type { FakeLinkedIn } from '../linkedin/fake-linkedin';
import { AuthorizationServer } from './authorization-server';

export const LINKEDIN_CLIENT_ID = 'fake-li-client';
export const LINKEDIN_CLIENT_SECRET = 'fake-li-secret';

export interface LinkedInAuthorizationOptions {
  redirectUris: string[];
  /** The app is an approved partner: refresh tokens come with the grant. */
  partner?: boolean;
}

export function startLinkedInAuthorization(api: FakeLinkedIn, options: LinkedInAuthorizationOptions): Promise<AuthorizationServer> {
  return new AuthorizationServer(
    {
      authority: 'LinkedIn',
      authorizePath: '/oauth/v2/authorization',
      tokenPath: '/oauth/v2/accessToken',
      tokenMethod: 'POST',
      clientIdParam: 'client_id',
      clientId: LINKEDIN_CLIENT_ID,
      clientSecret: LINKEDIN_CLIENT_SECRET,
      clientAuthentication: 'secret-in-params',
      redirect: { kind: 'exact', uris: options.redirectUris },
      pkce: 'none',
      pkceRequired: false,
      scopes: ['openid', 'profile', 'email', 'w_member_social', 'w_organization_social', 'r_organization_social'],
      scopeSeparator: ' ',
      requiredScopes: [],
      accessTokenTtlMs: 60 * 24 * 60 * 60_000,
      refresh: options.partner ? 'keep' : 'none',
      grantsRefreshToken: () => options.partner ?? false,
      refreshTokenTtlMs: 365 * 24 * 60 * 60_000,
      codeTtlMs: 30 * 60_000,
      errorStyle: 'oauth',
      refusal: {
        code: 'invalid_request',
        description:
          'Unable to retrieve access token: appid/redirect uri/code verifier does not match authorization code. Or authorization code expired.',
      },
    },
    { mint: (member, _scopes, ttlMs) => api.grantAccessToken(member, ttlMs), revoke: (token) => api.revokeAccessToken(token) },
  ).listen();
}
