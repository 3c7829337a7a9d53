// Instagram API with Instagram Login (developers.facebook.com, "Business Login for Instagram"): the authorization
// window at www.instagram.com/oauth/authorize with an exact redirect match; POST api.instagram.com/oauth/access_token
// trading the code with the app secret for a short-lived token, answered as { data: [ { access_token, user_id,
// permissions } ] }; GET graph.instagram.com/access_token (ig_exchange_token, with the secret) for the 60-day token;
// GET graph.instagram.com/refresh_access_token (ig_refresh_token) renewing a long-lived token at least a day old.
// GET /me on the Instagram fake answers for these tokens, with the professional account's user_id.
import { randomBytes } from 'node:crypto';
import type { GraphCall, GraphReply } from '../graph/graph-fake';
import type { InstagramFake } from '../instagram/instagram-fake';
import { AuthorizationServer } from './authorization-server';

export const INSTAGRAM_APP_ID = '990602627938098';
export const INSTAGRAM_APP_SECRET = 'fake-instagram-app-secret';
const DAY_MS = 24 * 60 * 60_000;

interface IssuedToken {
  igUserId: string;
  longLived: boolean;
  issuedAt: number;
  expiresAt: number;
}

export interface InstagramAuthorization {
  server: AuthorizationServer;
  /** Tokens this server handed out, by token: their kind and age. */
  tokens: Map<string, IssuedToken>;
}

export async function startInstagramAuthorization(
  api: InstagramFake,
  options: { redirectUris: string[]; now?: () => number },
): Promise<InstagramAuthorization> {
  const now = options.now ?? Date.now;
  const tokens = new Map<string, IssuedToken>();
  const mint = (igUserId: string, longLived: boolean): string => {
    const token = `IGAA${randomBytes(20).toString('hex')}`;
    api.grantToken(token, igUserId);
    tokens.set(token, { igUserId, longLived, issuedAt: now(), expiresAt: now() + (longLived ? 60 * DAY_MS : 60 * 60_000) });
    return token;
  };
  api.addRoutes((call) => me(call, api, tokens));

  const server = new AuthorizationServer(
    {
      authority: 'Instagram',
      authorizePath: '/oauth/authorize',
      tokenPath: '/oauth/access_token',
      tokenMethod: 'POST',
      clientIdParam: 'client_id',
      clientId: INSTAGRAM_APP_ID,
      clientSecret: INSTAGRAM_APP_SECRET,
      clientAuthentication: 'secret-in-params',
      redirect: { kind: 'exact', uris: options.redirectUris },
      pkce: 'none',
      pkceRequired: false,
      scopes: ['instagram_business_basic', 'instagram_business_content_publish', 'instagram_business_manage_comments'],
      scopeSeparator: ',',
      requiredScopes: ['instagram_business_basic'],
      accessTokenTtlMs: 60 * 60_000,
      refresh: 'none',
      grantsRefreshToken: () => false,
      refreshTokenTtlMs: 0,
      codeTtlMs: 10 * 60_000,
      errorStyle: 'meta',
      answerFields: (igUserId) => ({ user_id: igUserId, permissions: 'instagram_business_basic,instagram_business_content_publish' }),
      wrapAnswer: (answer) => ({ data: [{ access_token: answer.access_token, user_id: answer.user_id, permissions: answer.permissions }] }),
    },
    { mint: (igUserId) => mint(igUserId, false), revoke: (token) => api.setTokenState(token, 'revoked') },
    now,
  );

  server.server.route('GET', '/access_token', (request) => {
    const query = request.query;
    const short = tokens.get(query.get('access_token') ?? '');
    if (query.get('grant_type') !== 'ig_exchange_token') return server.error(400, 'invalid_request', 'grant_type must be ig_exchange_token');
    if (query.get('client_secret') !== INSTAGRAM_APP_SECRET) return server.error(400, 'invalid_client', 'Error validating client secret.');
    if (!short || short.longLived || short.expiresAt <= now())
      return server.error(400, 'invalid_grant', 'Error validating access token: Session has expired');
    return { status: 200, body: { access_token: mint(short.igUserId, true), token_type: 'bearer', expires_in: 5_184_000 } };
  });
  server.server.route('GET', '/refresh_access_token', (request) => {
    const query = request.query;
    const current = tokens.get(query.get('access_token') ?? '');
    if (query.get('grant_type') !== 'ig_refresh_token') return server.error(400, 'invalid_request', 'grant_type must be ig_refresh_token');
    if (!current || !current.longLived || current.expiresAt <= now())
      return server.error(400, 'invalid_grant', 'Error validating access token: Session has expired');
    if (now() - current.issuedAt < DAY_MS)
      return server.error(400, 'invalid_request', 'The access token must be at least 24 hours old to be refreshed.');
    return { status: 200, body: { access_token: mint(current.igUserId, true), token_type: 'bearer', expires_in: 5_184_000 } };
  });
  await server.listen();
  return { server, tokens };
}

/** GET /me with an Instagram Login token: the professional account, with its user_id. */
function me(call: GraphCall, api: InstagramFake, tokens: Map<string, IssuedToken>): GraphReply | undefined {
  if (call.method !== 'GET' || call.segments.length !== 1 || call.segments[0] !== 'me' || !tokens.has(call.token.value)) return undefined;
  const account = api.accounts.get(call.token.subject);
  if (!account) return undefined;
  const node: Record<string, unknown> = {
    id: `app-scoped-${account.id}`,
    user_id: account.id,
    username: account.username,
    name: account.username,
    profile_picture_url: `https://scontent.cdninstagram.com/${account.id}.jpg`,
  };
  const fields = (call.params.fields ?? 'id').split(',');
  return { body: Object.fromEntries(Object.entries(node).filter(([key]) => fields.includes(key))) };
}
