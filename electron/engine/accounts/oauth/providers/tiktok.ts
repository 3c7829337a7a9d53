// TikTok's Login Kit for Desktop: PKCE whose challenge is the hex SHA-256 of the verifier, a loopback redirect
// registered with a wildcard port, and the client secret at the exchange and every refresh (client_key is the id).
import { needsClient, requireRefreshToken } from './refresh-checks';
import { refreshGrant, signedInAccount, type OAuthProvider } from '../provider';

export const tiktokProvider: OAuthProvider = {
  platform: 'tiktok',
  appPlatform: 'tiktok',
  loginKind: null,
  authority: 'TikTok',
  authorizeUrl: 'https://www.tiktok.com/v2/auth/authorize/',
  tokenUrl: 'https://open.tiktokapis.com/v2/oauth/token/',
  // video.list lets the app find a post whose answer was lost.
  scopes: ['user.info.basic', 'video.publish', 'video.upload', 'video.list'],
  scopeSeparator: ',',
  pkce: 'hex-sha256',
  redirect: { ports: 'any', path: '/callback/', registerAs: 'http://127.0.0.1:*/callback/' },
  client: { idParam: 'client_key', auth: 'body', secretRequired: true, builtIn: false },
  authorizeParams: {},
  tokenMethod: 'POST',
  consoleUrl: 'https://developers.tiktok.com/apps',
  reviewNote:
    'Add Login Kit (Desktop) and the Content Posting API with Direct Post. Until TikTok audits the app, every post is private (“Only me”), ' +
    'only private accounts can be posted to, and at most 5 people a day can sign in. The audit requires showing the creator’s info and never ' +
    'preselecting the privacy level.',
  finish: (ctx, _client, grant) => signedInAccount(ctx, tiktokProvider, grant),
  refresh: (ctx, client, tokens) => refreshGrant(ctx, tiktokProvider, needsClient(client, 'TikTok'), requireRefreshToken(tokens.refreshToken)),
};
