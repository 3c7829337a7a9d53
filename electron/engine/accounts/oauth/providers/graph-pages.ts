// Facebook Login for Pages, shared by Facebook and by Instagram through a linked Page: the code is traded for a
// short-lived user token, that for a long-lived one (fb_exchange_token, with the app secret), and that lists the
// user's Pages with their own tokens, which do not expire.
import { GRAPH_API_VERSION } from '../../../publishers/graph/graph-client';
import { requestToken } from '../token-endpoint';
import type { TokenGrant } from '../token-grant';
import type { OAuthClient, OAuthProvider, ProviderContext } from '../provider';

/** Facebook Login as both Facebook-login providers (Pages, Instagram through a Page) use it: one flow, one app. */
export const FACEBOOK_LOGIN = {
  appPlatform: 'facebook',
  authority: 'Facebook',
  authorizeUrl: `https://www.facebook.com/${GRAPH_API_VERSION}/dialog/oauth`,
  tokenUrl: `https://graph.facebook.com/${GRAPH_API_VERSION}/oauth/access_token`,
  scopeSeparator: ',',
  // Meta documents PKCE only for its OIDC flow (in testing); the code flow with the secret and state is used.
  pkce: 'none',
  redirect: { ports: 'fixed', path: '/callback' },
  client: { idParam: 'client_id', auth: 'body', secretRequired: true, builtIn: false },
  authorizeParams: { response_type: 'code' },
  tokenMethod: 'GET',
  consoleUrl: 'https://developers.facebook.com/apps',
} as const satisfies Partial<OAuthProvider>;

export interface GraphPage {
  id: string;
  name: string;
  accessToken: string;
  category: string | null;
  pictureUrl: string | null;
  instagram: { id: string; username: string | null; pictureUrl: string | null } | null;
}

/** The long-lived user token (about 60 days) behind the Page tokens. */
export function longLivedUserToken(ctx: ProviderContext, provider: OAuthProvider, client: OAuthClient, shortLived: TokenGrant): Promise<TokenGrant> {
  return requestToken({
    http: ctx.http,
    authority: provider.authority,
    url: ctx.authUrl(provider.tokenUrl),
    method: 'GET',
    fields: { grant_type: 'fb_exchange_token', fb_exchange_token: shortLived.accessToken },
    client: { idParam: 'client_id', id: client.id, secret: client.secret, auth: 'body' },
    now: ctx.now,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
}

/** GET /me/accounts: the Pages the user manages, each with its token and any linked Instagram account. */
export async function listPages(ctx: ProviderContext, authority: string, userToken: string): Promise<GraphPage[]> {
  const fields = 'id,name,access_token,category,picture{url},instagram_business_account{id,username,profile_picture_url}';
  const url = ctx.apiUrl(`https://graph.facebook.com/${GRAPH_API_VERSION}/me/accounts?fields=${encodeURIComponent(fields)}&limit=100`);
  const response = await ctx.http.request({
    method: 'GET',
    url,
    headers: { authorization: `Bearer ${userToken}` },
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  const body = response.json<{ data?: unknown[]; error?: { message?: string } }>();
  if (response.status !== 200 || !Array.isArray(body?.data)) {
    throw new Error(`${authority} did not list the Pages (${body?.error?.message ?? `HTTP ${response.status}`}).`);
  }
  return body.data.flatMap((node) => {
    const page = node as Record<string, unknown>;
    if (typeof page.id !== 'string' || typeof page.access_token !== 'string') return [];
    const instagram = page.instagram_business_account as Record<string, unknown> | undefined;
    return [
      {
        id: page.id,
        name: typeof page.name === 'string' ? page.name : `Page ${page.id}`,
        accessToken: page.access_token,
        category: typeof page.category === 'string' ? page.category : null,
        pictureUrl: pictureOf(page.picture),
        instagram:
          instagram && typeof instagram.id === 'string'
            ? {
                id: instagram.id,
                username: typeof instagram.username === 'string' ? instagram.username : null,
                pictureUrl: typeof instagram.profile_picture_url === 'string' ? instagram.profile_picture_url : null,
              }
            : null,
      },
    ];
  });
}

/** A Page token obtained with a long-lived user token does not expire. */
export function pageGrant(page: GraphPage, userGrant: TokenGrant): TokenGrant {
  return { accessToken: page.accessToken, refreshToken: null, expiresAt: null, refreshExpiresAt: null, scopes: userGrant.scopes, extra: {} };
}

function pictureOf(picture: unknown): string | null {
  const url = (picture as { data?: { url?: unknown } } | undefined)?.data?.url;
  return typeof url === 'string' ? url : null;
}
