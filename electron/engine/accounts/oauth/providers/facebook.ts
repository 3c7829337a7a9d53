// Facebook Pages: Facebook Login with the app secret, a long-lived user token, then the user picks which of their
// Pages to add; each Page keeps its own token, which does not expire.
import type { OAuthProvider } from '../provider';
import { FACEBOOK_LOGIN, listPages, longLivedUserToken, pageGrant } from './graph-pages';

export const facebookProvider: OAuthProvider = {
  platform: 'facebook',
  ...FACEBOOK_LOGIN,
  loginKind: null,
  scopes: ['pages_show_list', 'pages_read_engagement', 'pages_manage_posts', 'publish_video'],
  reviewNote:
    'Create a Business app with Facebook Login and add the callback URLs below as Valid OAuth Redirect URIs. Meta enforces HTTPS except for ' +
    'localhost while the app is in development mode, which is enough for the people who have a role on the app. Anyone else needs App Review ' +
    'of pages_manage_posts and the other permissions.',
  async finish(ctx, client, grant) {
    const user = await longLivedUserToken(ctx, facebookProvider, client, grant);
    const pages = await listPages(ctx, 'Facebook', user.accessToken);
    if (pages.length === 0)
      throw new Error('This Facebook account manages no Pages the app was allowed to see. Allow at least one Page, then try again.');
    const accounts = pages.map((page) => ({
      page,
      account: {
        externalId: page.id,
        name: page.name,
        avatarUrl: page.pictureUrl,
        notice: undefined,
        grant: pageGrant(page, user),
        loginKind: null,
      },
    }));
    const same = ctx.reconnecting && accounts.find(({ page }) => page.id === ctx.reconnecting?.externalId);
    if (same) return { kind: 'accounts', accounts: [same.account] };
    return {
      kind: 'choose',
      choices: accounts.map(({ page, account }) => ({
        choice: { id: page.id, name: page.name, avatarUrl: page.pictureUrl, detail: page.category },
        account,
      })),
    };
  },
};
