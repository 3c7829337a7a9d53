// Settings' "Test" button: does the platform accept this developer app, before anyone opens a browser? Meta and
// TikTok hand out an app token for the client-credentials grant, a direct yes or no. The others are asked to trade
// a made-up code: "invalid_client" means the id or secret is wrong, any complaint about the code means the app
// itself was accepted (how each platform words that is only partly documented, so only a refused client fails).
import { PLATFORM_LABELS, type Platform } from '../../../../shared/domain';
import type { OAuthAppTestResult } from '../../../../shared/oauth';
import { missingReason, type OAuthApps } from './oauth-apps';
import { OAuthRefusal, OAuthUnavailable } from './oauth-errors';
import type { OAuthProvider, ProviderContext } from './provider';
import { PROVIDERS } from './providers';
import { requestToken } from './token-endpoint';

const PROBE_CODE = 'publishing-engine-credentials-test';

export async function testOAuthApp(
  platform: Platform,
  apps: OAuthApps,
  ctxFor: (provider: OAuthProvider) => ProviderContext,
): Promise<OAuthAppTestResult> {
  const provider = PROVIDERS[platform];
  const { client } = apps.resolve(platform);
  const missing = missingReason(provider, client);
  if (missing !== null || client === undefined) return { ok: false, message: missing ?? '' };
  const ctx = ctxFor(provider);
  const label = PLATFORM_LABELS[platform];
  const clientCredentials = platform === 'facebook' || platform === 'tiktok';
  try {
    await requestToken({
      http: ctx.http,
      authority: provider.authority,
      url: ctx.authUrl(provider.tokenUrl),
      method: provider.tokenMethod,
      fields: clientCredentials
        ? { grant_type: 'client_credentials' }
        : { grant_type: 'authorization_code', code: PROBE_CODE, redirect_uri: apps.redirectUris(provider)[0]?.replace(/ \(any port\)$/, '') ?? '' },
      client: { idParam: provider.client.idParam, id: client.id, secret: client.secret, auth: provider.client.auth },
      now: ctx.now,
    });
    return { ok: true, message: `${label} accepted the developer app.` };
  } catch (error) {
    if (error instanceof OAuthUnavailable) return { ok: false, message: `${error.message} Try again later.` };
    if (error instanceof OAuthRefusal && error.kind !== 'invalid_client' && !clientCredentials) {
      return { ok: true, message: `${label} knows the developer app (it refused only the test code, as expected).` };
    }
    return {
      ok: false,
      message: `${error instanceof Error ? error.message : String(error)} Check the client id${provider.client.secretRequired ? ' and secret' : ''}.`,
    };
  }
}
