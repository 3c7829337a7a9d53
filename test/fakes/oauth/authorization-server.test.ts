// The fake authorization servers are as strict as the real ones, so a sign-in that passes against them means
// something: exact or rule-bound redirect URIs, PKCE checked the platform's way, the secret where it is required,
// `state` echoed, single-use codes, rotating refresh tokens whose reuse ends the grant (X), and Facebook's Page list.
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { FacebookFake } from '../facebook/facebook-fake';
import { startTiktokFake } from '../tiktok/tiktok-fake';
import { FakeTwitter } from '../twitter/fake-twitter';
import type { AuthorizationServer } from './authorization-server';
import { FACEBOOK_APP_ID, FACEBOOK_APP_SECRET, startFacebookAuthorization } from './facebook-authorization';
import { FacebookLogin } from './facebook-login';
import { startTiktokAuthorization, TIKTOK_CLIENT_KEY, TIKTOK_CLIENT_SECRET } from './tiktok-authorization';
import { startXAuthorization, X_CLIENT_ID } from './x-authorization';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

const REDIRECT = 'http://127.0.0.1:47613/callback';

async function xServer(): Promise<{ auth: AuthorizationServer; api: FakeTwitter; userId: string }> {
  const api = await FakeTwitter.start();
  closers.push(() => api.close());
  const auth = await startXAuthorization(api, { redirectUris: [REDIRECT] });
  closers.push(() => auth.close());
  const { userId } = api.addUser('brand');
  auth.signedInAs = userId;
  return { auth, api, userId };
}

function pkce(hex = false): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  const digest = createHash('sha256').update(verifier).digest();
  return { verifier, challenge: hex ? digest.toString('hex') : digest.toString('base64url') };
}

async function authorize(auth: AuthorizationServer, params: Record<string, string>): Promise<Response> {
  const url = new URL(`${auth.origin}${auth.config.authorizePath}`);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return fetch(url, { redirect: 'manual' });
}

function token(auth: AuthorizationServer, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${auth.origin}${auth.config.tokenPath}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields),
  });
}

async function xCode(auth: AuthorizationServer, challenge: string): Promise<string> {
  const answer = await authorize(auth, {
    response_type: 'code',
    client_id: X_CLIENT_ID,
    redirect_uri: REDIRECT,
    scope: 'tweet.read tweet.write users.read offline.access',
    state: 'st-1',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  const location = new URL(answer.headers.get('location') ?? '');
  expect(location.searchParams.get('state')).toBe('st-1');
  return location.searchParams.get('code') ?? '';
}

describe('fake authorization servers', () => {
  it('X: refuses an unregistered redirect without redirecting, and sends other errors back with the state', async () => {
    const { auth } = await xServer();
    const base = { response_type: 'code', client_id: X_CLIENT_ID, scope: 'users.read', state: 's' };
    const wrongPort = await authorize(auth, {
      ...base,
      redirect_uri: 'http://127.0.0.1:47699/callback',
      code_challenge: pkce().challenge,
      code_challenge_method: 'S256',
    });
    expect(wrongPort.status).toBe(400);
    expect(wrongPort.headers.get('location')).toBeNull();
    const noPkce = await authorize(auth, { ...base, redirect_uri: REDIRECT });
    const back = new URL(noPkce.headers.get('location') ?? '');
    expect(Object.fromEntries(back.searchParams)).toMatchObject({ error: 'invalid_request', state: 's' });
  });

  it('X: checks the PKCE verifier, spends a code once and revokes what a replayed code gave', async () => {
    const { auth, api } = await xServer();
    const { verifier, challenge } = pkce();
    const code = await xCode(auth, challenge);
    const fields = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: X_CLIENT_ID };
    const wrongVerifier = await token(auth, { ...fields, code_verifier: pkce().verifier });
    expect(await wrongVerifier.json()).toMatchObject({ error: 'invalid_request' });
    // The failed attempt spent the code, as a real server does.
    const again = await xCode(auth, challenge);
    const granted = (await (await token(auth, { ...fields, code: again, code_verifier: verifier })).json()) as Record<string, string>;
    expect(granted).toMatchObject({ token_type: 'bearer', expires_in: 7200, scope: 'tweet.read tweet.write users.read offline.access' });
    const me = (access: string) => fetch(`${api.origin}/2/users/me`, { headers: { authorization: `Bearer ${access}` } });
    expect((await me(granted.access_token as string)).status).toBe(200);
    const replayed = await token(auth, { ...fields, code: again, code_verifier: verifier });
    expect(await replayed.json()).toMatchObject({ error: 'invalid_request' });
    expect((await me(granted.access_token as string)).status).toBe(401);
  });

  it('X: rotates refresh tokens; reusing a rotated one ends the whole grant', async () => {
    const { auth, api } = await xServer();
    const { verifier, challenge } = pkce();
    const code = await xCode(auth, challenge);
    const first = (await (
      await token(auth, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: X_CLIENT_ID, code_verifier: verifier })
    ).json()) as Record<string, string>;
    const refresh = (refreshToken: string) => token(auth, { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: X_CLIENT_ID });
    const second = (await (await refresh(first.refresh_token as string)).json()) as Record<string, string>;
    expect(second.refresh_token).not.toBe(first.refresh_token);
    const reused = await refresh(first.refresh_token as string);
    expect(reused.status).toBe(400);
    expect(await reused.json()).toEqual({
      error: 'invalid_request',
      error_description: expect.stringContaining('Value passed for the token was invalid.'),
    });
    // The whole family is gone: the newest refresh token and the access tokens too.
    expect((await refresh(second.refresh_token as string)).status).toBe(400);
    expect((await fetch(`${api.origin}/2/users/me`, { headers: { authorization: `Bearer ${second.access_token}` } })).status).toBe(401);
  });

  it('X: a confidential client must use HTTP Basic; a public one must not send a secret', async () => {
    const { auth } = await xServer();
    const fields = { grant_type: 'refresh_token', refresh_token: 'x', client_id: X_CLIENT_ID };
    expect((await token(auth, { ...fields, client_secret: 'guess' })).status).toBe(401);
    expect((await token(auth, { ...fields, client_id: 'someone-else' })).status).toBe(401);
  });

  it('TikTok: any port on 127.0.0.1 with exactly /callback/ and no query, hex PKCE, and the secret', async () => {
    const api = await startTiktokFake();
    closers.push(() => api.close());
    const auth = await startTiktokAuthorization(api);
    closers.push(() => auth.close());
    auth.signedInAs = api.openId;
    const { verifier, challenge } = pkce(true);
    const ask = (redirect: string) =>
      authorize(auth, {
        response_type: 'code',
        client_key: TIKTOK_CLIENT_KEY,
        redirect_uri: redirect,
        scope: 'user.info.basic,video.publish',
        state: 's',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      });
    expect((await ask('http://127.0.0.1:5/callback')).status).toBe(400);
    expect((await ask('http://127.0.0.1:5/callback/?x=1')).status).toBe(400);
    expect((await ask('http://example.com:5/callback/')).status).toBe(400);
    const ok = await ask('http://127.0.0.1:53117/callback/');
    const code = new URL(ok.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const fields = { grant_type: 'authorization_code', code, redirect_uri: 'http://127.0.0.1:53117/callback/', client_key: TIKTOK_CLIENT_KEY };
    expect((await token(auth, { ...fields, code_verifier: verifier })).status).toBe(401);
    const granted = (await (await token(auth, { ...fields, client_secret: TIKTOK_CLIENT_SECRET, code_verifier: verifier })).json()) as Record<
      string,
      unknown
    >;
    expect(granted).toMatchObject({ open_id: api.openId, refresh_expires_in: 31_536_000, scope: 'user.info.basic,video.publish' });
  });

  it('Facebook: Graph-style errors, the long-lived exchange, and the Page list with each Page’s own token', async () => {
    const fake = await FacebookFake.start();
    closers.push(() => fake.close());
    fake.addPage('104000000000001', 'seed', 'Corner Bakery');
    const login = new FacebookLogin(fake, { pageTokensActFor: 'page' });
    const auth = await startFacebookAuthorization(login, { redirectUris: [REDIRECT] });
    closers.push(() => auth.close());
    auth.signedInAs = login.addUser('Owner', [{ id: '104000000000001', name: 'Corner Bakery', category: 'Bakery' }]);
    const dialog = await authorize(auth, {
      client_id: FACEBOOK_APP_ID,
      redirect_uri: REDIRECT,
      response_type: 'code',
      scope: 'pages_show_list,pages_manage_posts',
      state: 's',
    });
    const code = new URL(dialog.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const get = (params: Record<string, string>) => fetch(`${auth.origin}/v23.0/oauth/access_token?${new URLSearchParams(params)}`);
    const wrongSecret = await get({ client_id: FACEBOOK_APP_ID, client_secret: 'nope', redirect_uri: REDIRECT, code });
    expect(await wrongSecret.json()).toMatchObject({ error: { type: 'OAuthException', message: 'Client authentication failed.' } });
    const dialogAgain = await authorize(auth, {
      client_id: FACEBOOK_APP_ID,
      redirect_uri: REDIRECT,
      response_type: 'code',
      scope: 'pages_show_list',
      state: 's',
    });
    const code2 = new URL(dialogAgain.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const short = (await (
      await get({ client_id: FACEBOOK_APP_ID, client_secret: FACEBOOK_APP_SECRET, redirect_uri: REDIRECT, code: code2 })
    ).json()) as Record<string, string>;
    const long = (await (
      await get({
        grant_type: 'fb_exchange_token',
        client_id: FACEBOOK_APP_ID,
        client_secret: FACEBOOK_APP_SECRET,
        fb_exchange_token: short.access_token as string,
      })
    ).json()) as Record<string, string>;
    expect(long.expires_in).toBe(5_183_944);
    const pages = (await (
      await fetch(`${fake.origin}/v23.0/me/accounts?fields=id,name,access_token`, { headers: { authorization: `Bearer ${long.access_token}` } })
    ).json()) as { data: { id: string; access_token: string }[] };
    expect(pages.data.map((page) => page.id)).toEqual(['104000000000001']);
    const pageToken = pages.data[0]?.access_token as string;
    const me = (await (
      await fetch(`${fake.origin}/v23.0/me?fields=id,name`, { headers: { authorization: `Bearer ${pageToken}` } })
    ).json()) as unknown;
    expect(me).toEqual({ id: '104000000000001', name: 'Corner Bakery' });
  });
});
