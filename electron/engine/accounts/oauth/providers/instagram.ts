// Instagram, two ways in. Instagram Login (graph.instagram.com): the code gives a short-lived token, traded with the
// secret for a 60-day one that renews itself (ig_refresh_token) once it is a day old. Through Facebook Login: the
// Instagram professional accounts linked to the user's Pages, each used with its Page's token (graph.facebook.com).
import type { OAuthProvider } from '../provider';
import { signedInAccount } from '../provider';
import { requestToken } from '../token-endpoint';
import { FACEBOOK_LOGIN, listPages, longLivedUserToken, pageGrant } from './graph-pages';

const INSTAGRAM_GRAPH = 'https://graph.instagram.com';

export const instagramProvider: OAuthProvider = {
  platform: 'instagram',
  appPlatform: 'instagram',
  loginKind: 'instagram',
  authority: 'Instagram',
  authorizeUrl: 'https://www.instagram.com/oauth/authorize',
  tokenUrl: 'https://api.instagram.com/oauth/access_token',
  scopes: ['instagram_business_basic', 'instagram_business_content_publish'],
  scopeSeparator: ',',
  pkce: 'none',
  redirect: { ports: 'fixed', path: '/callback' },
  client: { idParam: 'client_id', auth: 'body', secretRequired: true, builtIn: false },
  authorizeParams: { response_type: 'code' },
  tokenMethod: 'POST',
  consoleUrl: 'https://developers.facebook.com/apps',
  reviewNote:
    'Add the product “Instagram API with Instagram Login” to a Meta app and register the callback URLs below; use the Instagram app id and secret ' +
    'shown there. Meta may insist on HTTPS redirect URIs for this product; if it refuses the 127.0.0.1 ones, connect through a Facebook Page ' +
    'instead. Accounts without a role on the app need App Review; the account must be a business or creator account.',
  async finish(ctx, client, grant) {
    const longLived = await requestToken({
      http: ctx.http,
      authority: 'Instagram',
      url: ctx.authUrl(`${INSTAGRAM_GRAPH}/access_token`),
      method: 'GET',
      fields: { grant_type: 'ig_exchange_token', client_secret: client.secret ?? '', access_token: grant.accessToken },
      now: ctx.now,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    return signedInAccount(ctx, instagramProvider, { ...longLived, scopes: longLived.scopes ?? grant.scopes });
  },
  // Needs no client: the token renews itself while it is valid.
  refresh: (ctx, _client, tokens) =>
    requestToken({
      http: ctx.http,
      authority: 'Instagram',
      url: ctx.authUrl(`${INSTAGRAM_GRAPH}/refresh_access_token`),
      method: 'GET',
      fields: { grant_type: 'ig_refresh_token', access_token: tokens.accessToken },
      now: ctx.now,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    }),
};

export const instagramThroughFacebookProvider: OAuthProvider = {
  platform: 'instagram',
  ...FACEBOOK_LOGIN,
  loginKind: 'facebook',
  scopes: ['instagram_basic', 'instagram_content_publish', 'pages_show_list', 'pages_read_engagement', 'business_management'],
  reviewNote: 'Uses your Facebook app (Facebook Login). The Instagram account must be a professional account linked to one of your Pages.',
  async finish(ctx, client, grant) {
    const user = await longLivedUserToken(ctx, instagramThroughFacebookProvider, client, grant);
    const linked = (await listPages(ctx, 'Facebook', user.accessToken)).filter((page) => page.instagram !== null);
    if (linked.length === 0) {
      throw new Error('None of the Pages this Facebook account manages has an Instagram professional account linked to it.');
    }
    const accounts = linked.map((page) => {
      const instagram = page.instagram as NonNullable<typeof page.instagram>;
      return {
        page,
        instagram,
        account: {
          externalId: instagram.id,
          name: instagram.username ? `@${instagram.username}` : page.name,
          avatarUrl: instagram.pictureUrl,
          notice: undefined,
          grant: pageGrant(page, user),
          loginKind: 'facebook' as const,
        },
      };
    });
    const same = ctx.reconnecting && accounts.find(({ instagram }) => instagram.id === ctx.reconnecting?.externalId);
    if (same) return { kind: 'accounts', accounts: [same.account] };
    return {
      kind: 'choose',
      choices: accounts.map(({ page, instagram, account }) => ({
        choice: { id: instagram.id, name: account.name, avatarUrl: instagram.pictureUrl, detail: `Linked to the Page “${page.name}”` },
        account,
      })),
    };
  },
};
