// LinkedIn's standard three-legged flow: the client secret at the exchange and an exact redirect match, so a fixed
// registered port. Tokens live 60 days; only approved partners get refresh tokens, everyone else signs in again,
// which is why the app reminds the user a week ahead.
import { needsClient, requireRefreshToken } from './refresh-checks';
import { refreshGrant, signedInAccount, type OAuthProvider } from '../provider';

export const linkedinProvider: OAuthProvider = {
  platform: 'linkedin',
  appPlatform: 'linkedin',
  loginKind: null,
  authority: 'LinkedIn',
  authorizeUrl: 'https://www.linkedin.com/oauth/v2/authorization',
  tokenUrl: 'https://www.linkedin.com/oauth/v2/accessToken',
  scopes: ['openid', 'profile', 'w_member_social'],
  organizationScopes: ['w_organization_social'],
  scopeSeparator: ' ',
  // The standard flow documents no PKCE (the native PKCE flow needs LinkedIn to enable it); state guards the redirect.
  pkce: 'none',
  redirect: { ports: 'fixed', path: '/callback' },
  client: { idParam: 'client_id', auth: 'body', secretRequired: true, builtIn: false },
  authorizeParams: {},
  tokenMethod: 'POST',
  consoleUrl: 'https://www.linkedin.com/developers/apps',
  reviewNote:
    'Add the self-serve products “Sign In with LinkedIn using OpenID Connect” and “Share on LinkedIn”. Company pages need the Community Management ' +
    'API, which LinkedIn grants on application and which must be the only product on its app. Sign-ins last 60 days without renewal.',
  finish: (ctx, _client, grant) => signedInAccount(ctx, linkedinProvider, grant),
  refresh: (ctx, client, tokens) => refreshGrant(ctx, linkedinProvider, needsClient(client, 'LinkedIn'), requireRefreshToken(tokens.refreshToken)),
};
