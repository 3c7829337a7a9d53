// X: OAuth 2.0 with PKCE. A "Native App" is a public client (no secret); a confidential app sends HTTP Basic.
// Callback URLs match exactly, so the port is one of the registered fixed ports. Refresh tokens rotate and are
// single-use: the engine serializes refreshes and saves each new one before use.
import { needsClient, requireRefreshToken } from './refresh-checks';
import { refreshGrant, signedInAccount, type OAuthProvider } from '../provider';

export const twitterProvider: OAuthProvider = {
  platform: 'twitter',
  appPlatform: 'twitter',
  loginKind: null,
  authority: 'X',
  authorizeUrl: 'https://x.com/i/oauth2/authorize',
  tokenUrl: 'https://api.x.com/2/oauth2/token',
  scopes: ['tweet.read', 'tweet.write', 'users.read', 'offline.access', 'media.write'],
  scopeSeparator: ' ',
  pkce: 'S256',
  redirect: { ports: 'fixed', path: '/callback' },
  client: { idParam: 'client_id', auth: 'basic', secretRequired: false, builtIn: true },
  authorizeParams: {},
  tokenMethod: 'POST',
  consoleUrl: 'https://developer.x.com/en/portal/dashboard',
  reviewNote:
    'No review. In the app’s “User authentication settings” choose OAuth 2.0, type “Native App”, and add each callback URL below. ' +
    'X bills the app’s owner per post, so a release’s built-in app is paid by its publisher; your own app is paid by you.',
  finish: (ctx, _client, grant) => signedInAccount(ctx, twitterProvider, grant),
  refresh: (ctx, client, tokens) => refreshGrant(ctx, twitterProvider, needsClient(client, 'X'), requireRefreshToken(tokens.refreshToken)),
};
