// YouTube through Google's "Desktop app" client: PKCE, a loopback redirect on any port, offline access. Google
// says a desktop client's secret is not treated as confidential, so a release may ship one.
import { needsClient, requireRefreshToken } from './refresh-checks';
import { refreshGrant, signedInAccount, type OAuthProvider } from '../provider';

export const youtubeProvider: OAuthProvider = {
  platform: 'youtube',
  appPlatform: 'youtube',
  loginKind: null,
  authority: 'Google',
  authorizeUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
  tokenUrl: 'https://oauth2.googleapis.com/token',
  // youtube.readonly reads the channel (who signed in) and its uploads (to settle an upload whose answer was lost).
  scopes: ['https://www.googleapis.com/auth/youtube.upload', 'https://www.googleapis.com/auth/youtube.readonly'],
  scopeSeparator: ' ',
  pkce: 'S256',
  redirect: { ports: 'any', path: '/callback' },
  client: { idParam: 'client_id', auth: 'body', secretRequired: true, builtIn: true },
  // offline: a refresh token; consent: a new one even when the user had allowed the app before.
  authorizeParams: { access_type: 'offline', prompt: 'consent' },
  tokenMethod: 'POST',
  consoleUrl: 'https://console.cloud.google.com/apis/credentials',
  reviewNote:
    'Create an OAuth client of type “Desktop app” (no redirect URI to register: Google accepts any 127.0.0.1 port) and enable the YouTube Data API v3. ' +
    'While the consent screen is in “Testing”, only listed test users can sign in and their sign-in reportedly lapses after 7 days; publishing the app ' +
    'needs Google’s verification of the YouTube scopes. Uploads from unverified projects may be forced private.',
  finish: (ctx, _client, grant) => signedInAccount(ctx, youtubeProvider, grant),
  refresh: (ctx, client, tokens) => refreshGrant(ctx, youtubeProvider, needsClient(client, 'Google'), requireRefreshToken(tokens.refreshToken)),
};
