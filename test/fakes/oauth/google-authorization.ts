// Google's OAuth 2.0 for desktop apps (developers.google.com/identity/protocols/oauth2/native-app): loopback
// redirects on 127.0.0.1 with any port, PKCE S256 (optional but checked when sent), the client secret at the token
// endpoint even for a desktop client, a refresh token only with access_type=offline, and refresh tokens that do not
// rotate: a refresh answers a new access token only.
import type { YoutubeFake } from '../youtube/youtube-fake';
import { AuthorizationServer } from './authorization-server';

export const GOOGLE_CLIENT_ID = 'fake-desktop.apps.googleusercontent.com';
export const GOOGLE_CLIENT_SECRET = 'fake-desktop-secret';

const SCOPE = 'https://www.googleapis.com/auth/';

export function startGoogleAuthorization(api: YoutubeFake): Promise<AuthorizationServer> {
  return new AuthorizationServer(
    {
      authority: 'Google',
      authorizePath: '/o/oauth2/v2/auth',
      tokenPath: '/token',
      tokenMethod: 'POST',
      clientIdParam: 'client_id',
      clientId: GOOGLE_CLIENT_ID,
      clientSecret: GOOGLE_CLIENT_SECRET,
      clientAuthentication: 'secret-in-params',
      redirect: { kind: 'loopback-any-port' },
      pkce: 'S256',
      pkceRequired: false,
      scopes: [`${SCOPE}youtube.upload`, `${SCOPE}youtube.readonly`, `${SCOPE}youtube`, `${SCOPE}youtube.force-ssl`],
      scopeSeparator: ' ',
      requiredScopes: [],
      accessTokenTtlMs: 3_599_000,
      refresh: 'keep',
      grantsRefreshToken: (query) => query.get('access_type') === 'offline',
      refreshTokenTtlMs: 10 * 365 * 24 * 60 * 60_000,
      codeTtlMs: 10 * 60_000,
      errorStyle: 'oauth',
    },
    { mint: (_channel, scopes, ttlMs) => api.grant(scopes, ttlMs).accessToken, revoke: (token) => api.expireAccessToken(token) },
  ).listen();
}
