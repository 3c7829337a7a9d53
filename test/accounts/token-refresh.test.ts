// Tokens that stay fresh, through X's fake authorization server (single-use refresh tokens that rotate, and a reused
// one ends the whole grant): renewals of one account are serialized, a publish that races another's renewal uses
// the renewed token instead of spending the refresh token twice, the new pair is stored before anyone uses it, a
// refused grant asks to reconnect, and a token endpoint that cannot answer never disconnects anyone.
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountView } from '../../shared/domain';
import type { AuthorizationServer } from '../fakes/oauth/authorization-server';
import { startXAuthorization, X_CLIENT_ID } from '../fakes/oauth/x-authorization';
import { FakeTwitter } from '../fakes/twitter/fake-twitter';
import {
  callbackUris,
  Cleanup,
  connectedAccount,
  connectInBrowser,
  loopbackPorts,
  onlyTarget,
  startPlatformEngine,
  waitForSettledPost,
} from '../platforms-e2e/platform-engine';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

async function setUp(accessTokenTtlMs: number, clientSecret?: string) {
  const api = await FakeTwitter.start();
  cleanup.add(() => api.close());
  const ports = await loopbackPorts();
  const auth: AuthorizationServer = await startXAuthorization(api, { redirectUris: callbackUris(ports), ...(clientSecret ? { clientSecret } : {}) });
  cleanup.add(() => auth.close());
  auth.config.accessTokenTtlMs = accessTokenTtlMs;
  const user = api.addUser('corner_bakery');
  auth.signedInAs = user.userId;
  const engine = await startPlatformEngine(
    cleanup,
    {
      PUBLISHING_ENGINE_TWITTER_API_ORIGIN: api.origin,
      PUBLISHING_ENGINE_TWITTER_AUTH_ORIGIN: auth.origin,
      PUBLISHING_ENGINE_TWITTER_CLIENT_ID: X_CLIENT_ID,
      ...(clientSecret ? { PUBLISHING_ENGINE_TWITTER_CLIENT_SECRET: clientSecret } : {}),
    },
    { loopbackPorts: ports },
  );
  const account = connectedAccount(await connectInBrowser(engine, { platform: 'twitter' }));
  return { api, auth, user, engine, account };
}

async function publishNow(engine: Awaited<ReturnType<typeof setUp>>['engine'], account: AccountView, texts: string[]) {
  const created = await Promise.all(
    texts.map((text) => engine.api.invoke('posts:create', { text, targets: [{ accountId: account.id }], mode: 'now' })),
  );
  return Promise.all(created.map((post) => waitForSettledPost(engine, post.id)));
}

describe('token renewal', () => {
  it('renews once for several publishes racing an expiring token, and the grant survives', async () => {
    const { api, auth, engine, account } = await setUp(2 * 60_000);
    // Renewed tokens last two hours: however the four publishes interleave, only the first token needs renewing.
    auth.config.accessTokenTtlMs = 2 * 60 * 60_000;
    const done = await publishNow(engine, account, ['One', 'Two', 'Three', 'Four']);
    expect(done.map((post) => post.status)).toEqual(['published', 'published', 'published', 'published']);
    // Four publishes, one renewal: the others waited for it and used its token.
    expect(auth.refreshes).toBe(1);
    expect(api.tweets).toHaveLength(4);
    const renewed = auth.issuedAccessTokens.at(-1);
    expect(new Set(api.server.requestsTo('/2/tweets').map((request) => request.headers.authorization))).toEqual(new Set([`Bearer ${renewed}`]));
    // The rotated refresh token was kept: the next renewal (after X refuses the token) works, so the grant was never
    // revoked by a reuse.
    for (const token of auth.issuedAccessTokens) api.expireToken(token);
    await publishNow(engine, account, ['Five']);
    expect(auth.refreshes).toBe(2);
    expect(api.tweets).toHaveLength(5);
  });

  it('keeps a token with more than five minutes left: no token call before the publish', async () => {
    const { api, auth, engine, account } = await setUp(6 * 60_000);
    const [done] = await publishNow(engine, account, ['Old token']);
    expect(done?.status).toBe('published');
    expect(auth.refreshes).toBe(0);
    expect(api.tweets).toHaveLength(1);
  });

  it('renews once when publishes racing each other all get a 401 for the same token', async () => {
    const { api, auth, engine, account } = await setUp(2 * 60 * 60_000);
    for (const token of auth.issuedAccessTokens) api.expireToken(token);
    const done = await publishNow(engine, account, ['A', 'B', 'C']);
    expect(done.map((post) => post.status)).toEqual(['published', 'published', 'published']);
    expect(auth.refreshes).toBe(1);
  });

  it('stores the renewed pair before the new token is used', async () => {
    const { api, engine, account } = await setUp(2 * 60_000);
    let savedAt: number | undefined;
    engine.events.on('account:changed', ({ account: changed }) => {
      if (changed.id === account.id && savedAt === undefined) savedAt = Date.now();
    });
    await publishNow(engine, account, ['Stored first']);
    expect(savedAt).toBeDefined();
    expect(api.tweets[0]?.createdAt).toBeGreaterThanOrEqual(savedAt as number);
    const [stored] = await engine.api.invoke('accounts:list', {});
    expect(Date.parse(stored?.tokenExpiresAt ?? '')).toBeGreaterThan(Date.parse(account.tokenExpiresAt ?? ''));
  });

  it('asks to reconnect when X refuses the grant, and marks the account', async () => {
    const { api, auth, user, engine, account } = await setUp(2 * 60_000);
    auth.revokeGrantsOf(user.userId);
    const [done] = await publishNow(engine, account, ['Refused']);
    expect(done?.status).toBe('failed');
    expect(onlyTarget(done as never).errorMessage).toMatch(
      /X \(Twitter\) no longer accepts the sign-in of the account "@corner_bakery" \(X refused: Value passed for the token was invalid/,
    );
    expect(api.tweets).toHaveLength(0);
    const [stored] = await engine.api.invoke('accounts:list', {});
    expect(stored).toMatchObject({ status: 'needs_reconnect', problem: { kind: 'needs_reconnect' } });
  });

  it('never disconnects an account because the token endpoint could not answer: it tries again', async () => {
    const { api, auth, engine, account } = await setUp(2 * 60_000);
    auth.server.injectFault({ type: 'status', status: 503, body: { error: 'temporarily_unavailable' } }, { path: '/2/oauth2/token' });
    auth.server.injectFault({ type: 'drop-before' }, { path: '/2/oauth2/token' });
    const [done] = await publishNow(engine, account, ['Later, but once']);
    expect(done?.status).toBe('published');
    expect(onlyTarget(done as never).attemptCount).toBe(3);
    expect(api.tweets).toHaveLength(1);
    const [stored] = await engine.api.invoke('accounts:list', {});
    expect(stored).toMatchObject({ status: 'connected', problem: null });
  });

  it('keeps the account connected when X refuses the developer app, not the sign-in: the app is what to fix', async () => {
    const { api, auth, engine, account } = await setUp(2 * 60_000, 'first-secret');
    // The secret was regenerated in X's developer portal: every token call from the app is refused (invalid_client).
    auth.config.clientSecret = 'regenerated-secret';
    const [done] = await publishNow(engine, account, ['Refused app']);
    expect(done?.status).toBe('failed');
    expect(onlyTarget(done as never).errorMessage).toMatch(/developer app’s credentials were refused.*Settings → Developer apps/);
    expect(api.tweets).toHaveLength(0);
    const [stored] = await engine.api.invoke('accounts:list', {});
    expect(stored).toMatchObject({ status: 'connected', problem: null });
  });
});
