// TikTok's Login Kit for Desktop (developers.tiktok.com/doc/login-kit-desktop): the client is `client_key`, the
// redirect URI is registered with a wildcard port (http://127.0.0.1:*/callback/, no query), PKCE is required and its
// challenge is the hex SHA-256 of the verifier, the client secret is needed to trade the code and to refresh, and a
// refresh hands out a new refresh token while the old one stops working.
import type { TiktokFake } from '../tiktok/tiktok-fake';
import { AuthorizationServer } from './authorization-server';

export const TIKTOK_CLIENT_KEY = 'fake-tiktok-client-key';
export const TIKTOK_CLIENT_SECRET = 'fake-tiktok-client-secret';

export function startTiktokAuthorization(api: TiktokFake): Promise<AuthorizationServer> {
  return new AuthorizationServer(
    {
      authority: 'TikTok',
      authorizePath: '/v2/auth/authorize/',
      tokenPath: '/v2/oauth/token/',
      tokenMethod: 'POST',
      clientIdParam: 'client_key',
      clientId: TIKTOK_CLIENT_KEY,
      clientSecret: TIKTOK_CLIENT_SECRET,
      clientAuthentication: 'secret-in-params',
      redirect: { kind: 'wildcard-port', path: '/callback/' },
      pkce: 'hex',
      pkceRequired: true,
      scopes: ['user.info.basic', 'user.info.profile', 'video.publish', 'video.upload', 'video.list'],
      scopeSeparator: ',',
      requiredScopes: ['user.info.basic'],
      accessTokenTtlMs: 24 * 60 * 60_000,
      refresh: 'rotate',
      grantsRefreshToken: () => true,
      refreshTokenTtlMs: 365 * 24 * 60 * 60_000,
      codeTtlMs: 5 * 60_000,
      errorStyle: 'oauth',
      answerFields: () => ({ open_id: api.openId }),
    },
    { mint: (_openId, scopes, ttlMs) => api.grant(scopes, ttlMs).accessToken, revoke: (token) => api.expireAccessToken(token) },
  ).listen();
}
