// Facebook Login's authorization server (developers.facebook.com, "Manually Build a Login Flow"): the dialog at
// /vXX/dialog/oauth with an exact redirect match; GET /vXX/oauth/access_token trading the code (with the app secret)
// for a short-lived user token, fb_exchange_token trading that for a long-lived one, and client_credentials giving an
// app token; errors in Graph's { error: { message, type, code } } shape.
import { randomBytes } from 'node:crypto';
import { AuthorizationServer } from './authorization-server';
import type { FacebookLogin } from './facebook-login';

export const FACEBOOK_APP_ID = '1234567890123456';
export const FACEBOOK_APP_SECRET = 'fake-facebook-app-secret';
const VERSION = 'v23.0';

export function startFacebookAuthorization(login: FacebookLogin, options: { redirectUris: string[] }): Promise<AuthorizationServer> {
  const longLived = new Map<string, string>();
  const userOf = new Map<string, string>();
  const mint = (userId: string): string => {
    const token = login.mintUserToken(userId);
    userOf.set(token, userId);
    return token;
  };
  const server: AuthorizationServer = new AuthorizationServer(
    {
      authority: 'Facebook',
      authorizePath: `/${VERSION}/dialog/oauth`,
      tokenPath: `/${VERSION}/oauth/access_token`,
      tokenMethod: 'GET',
      clientIdParam: 'client_id',
      clientId: FACEBOOK_APP_ID,
      clientSecret: FACEBOOK_APP_SECRET,
      clientAuthentication: 'secret-in-params',
      redirect: { kind: 'exact', uris: options.redirectUris },
      pkce: 'none',
      pkceRequired: false,
      scopes: [
        'public_profile',
        'pages_show_list',
        'pages_read_engagement',
        'pages_manage_posts',
        'publish_video',
        'instagram_basic',
        'instagram_content_publish',
        'business_management',
      ],
      scopeSeparator: ',',
      requiredScopes: [],
      accessTokenTtlMs: 60 * 60_000,
      refresh: 'none',
      grantsRefreshToken: () => false,
      refreshTokenTtlMs: 0,
      codeTtlMs: 10 * 60_000,
      errorStyle: 'meta',
      extraGrants: {
        fb_exchange_token: (params) => {
          const short = params.get('fb_exchange_token') ?? '';
          const userId = userOf.get(short);
          if (userId === undefined || longLived.has(short))
            return server.error(400, 'invalid_grant', 'Invalid OAuth access token - Cannot parse access token');
          const token = mint(userId);
          longLived.set(token, userId);
          return { status: 200, body: { access_token: token, token_type: 'bearer', expires_in: 5_183_944 } };
        },
        client_credentials: () => ({
          status: 200,
          body: { access_token: `${FACEBOOK_APP_ID}|${randomBytes(12).toString('base64url')}`, token_type: 'bearer' },
        }),
      },
    },
    { mint: (userId) => mint(userId), revoke: (token) => login.revoke(token) },
  );
  return server.listen();
}
