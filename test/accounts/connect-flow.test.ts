// The sign-in broker against X's and TikTok's fake authorization servers, on a real engine: what happens when the
// browser step goes wrong. A wrong state changes nothing, a declined consent, a timeout, a cancel, busy ports, an
// expired code and a sign-in as someone else each end the flow with words that say what happened, and no account.
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine';
import type { AuthorizationServer } from '../fakes/oauth/authorization-server';
import { signInInBrowser } from '../fakes/oauth/browser';
import { startTiktokAuthorization, TIKTOK_CLIENT_KEY, TIKTOK_CLIENT_SECRET } from '../fakes/oauth/tiktok-authorization';
import { startXAuthorization, X_CLIENT_ID } from '../fakes/oauth/x-authorization';
import { startTiktokFake } from '../fakes/tiktok/tiktok-fake';
import { FakeTwitter } from '../fakes/twitter/fake-twitter';
import {
  callbackUris,
  Cleanup,
  connectedAccount,
  connectInBrowser,
  loopbackPorts,
  startPlatformEngine,
  waitForFlow,
} from '../platforms-e2e/platform-engine';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

async function xSetUp(
  options: { connectTimeoutMs?: number } = {},
): Promise<{ engine: Engine; auth: AuthorizationServer; api: FakeTwitter; ports: number[] }> {
  const api = await FakeTwitter.start();
  cleanup.add(() => api.close());
  const ports = await loopbackPorts();
  const auth = await startXAuthorization(api, { redirectUris: callbackUris(ports) });
  cleanup.add(() => auth.close());
  auth.signedInAs = api.addUser('corner_bakery').userId;
  const engine = await startPlatformEngine(
    cleanup,
    {
      PUBLISHING_ENGINE_TWITTER_API_ORIGIN: api.origin,
      PUBLISHING_ENGINE_TWITTER_AUTH_ORIGIN: auth.origin,
      PUBLISHING_ENGINE_TWITTER_CLIENT_ID: X_CLIENT_ID,
    },
    { loopbackPorts: ports, ...(options.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: options.connectTimeoutMs }) },
  );
  return { engine, auth, api, ports };
}

async function refused(url: URL | string): Promise<boolean> {
  try {
    await fetch(url);
    return false;
  } catch {
    return true;
  }
}

describe('the sign-in flow', () => {
  it('asks X with PKCE S256, state and the registered loopback port, and shows a plain page at the end', async () => {
    const { engine, ports } = await xSetUp();
    const flow = await engine.api.invoke('accounts:connect', { platform: 'twitter', openBrowser: false });
    const url = new URL(flow.authorizeUrl);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: X_CLIENT_ID,
      redirect_uri: `http://127.0.0.1:${ports[0]}/callback`,
      scope: 'tweet.read tweet.write users.read offline.access media.write',
      code_challenge_method: 'S256',
    });
    expect(url.searchParams.get('state')).toMatch(/^[\w-]{22}$/);
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(flow).toMatchObject({ status: 'waiting', openedBrowser: false, platform: 'twitter', accountId: null });

    const visit = await signInInBrowser(flow.authorizeUrl);
    expect(visit.status).toBe(200);
    expect(visit.page).toContain('You can close this tab');
    expect(visit.page).not.toMatch(/code=|state=/);
    const done = await waitForFlow(engine, flow.id);
    expect(connectedAccount(done).name).toBe('@corner_bakery');
    // One callback, then the listener is gone.
    expect(await refused(visit.redirectedTo as URL)).toBe(true);
  });

  it('answers 400 to anything but the callback with the right state, and changes nothing', async () => {
    const { engine, ports } = await xSetUp();
    const flow = await engine.api.invoke('accounts:connect', { platform: 'twitter', openBrowser: false });
    const base = `http://127.0.0.1:${ports[0]}`;
    for (const url of [`${base}/callback?code=stolen&state=wrong`, `${base}/callback?code=stolen`, `${base}/favicon.ico`, `${base}/`]) {
      expect((await fetch(url)).status).toBe(400);
    }
    expect((await fetch(`${base}/callback?state=${new URL(flow.authorizeUrl).searchParams.get('state')}`, { method: 'POST' })).status).toBe(400);
    expect((await engine.api.invoke('accounts:connectGet', { flowId: flow.id })).status).toBe('waiting');
    expect(await engine.api.invoke('accounts:list', {})).toEqual([]);
    // The real sign-in still goes through.
    await signInInBrowser(flow.authorizeUrl);
    expect((await waitForFlow(engine, flow.id)).status).toBe('connected');
  });

  it('ends when the person declines, and connects nothing', async () => {
    const { engine, auth } = await xSetUp();
    auth.consent = 'deny';
    const flow = await connectInBrowser(engine, { platform: 'twitter' });
    expect(flow).toMatchObject({ status: 'failed', message: 'The sign-in was declined on X. Nothing was connected.' });
    expect(await engine.api.invoke('accounts:list', {})).toEqual([]);
  });

  it('gives up after its time, closing the listener', async () => {
    const { engine } = await xSetUp({ connectTimeoutMs: 300 });
    const flow = await engine.api.invoke('accounts:connect', { platform: 'twitter', openBrowser: false });
    const ended = await waitForFlow(engine, flow.id);
    expect(ended.status).toBe('failed');
    expect(ended.message).toMatch(/Nothing came back from X within/);
    expect(await refused(new URL(flow.authorizeUrl).searchParams.get('redirect_uri') as string)).toBe(true);
  });

  it('is cancelled on request: the listener closes and a late callback reaches nothing', async () => {
    const { engine } = await xSetUp();
    const events: string[] = [];
    engine.events.on('connect:changed', ({ flow }) => events.push(flow.status));
    const flow = await engine.api.invoke('accounts:connect', { platform: 'twitter', openBrowser: false });
    expect((await engine.api.invoke('accounts:connectCancel', { flowId: flow.id })).status).toBe('cancelled');
    expect(await refused(new URL(flow.authorizeUrl).searchParams.get('redirect_uri') as string)).toBe(true);
    expect(events).toEqual(['waiting', 'cancelled']);
    expect(await engine.api.invoke('accounts:list', {})).toEqual([]);
  });

  it('says which registered ports are taken when all of them are', async () => {
    const { engine, ports } = await xSetUp();
    const blockers = await Promise.all(ports.map((port) => occupy(port)));
    cleanup.add(() => Promise.all(blockers.map((close) => close())));
    await expect(engine.api.invoke('accounts:connect', { platform: 'twitter', openBrowser: false })).rejects.toMatchObject({
      code: 'conflict',
      field: 'platform',
      message: expect.stringContaining(`${ports[0]}, ${ports[1]}`),
    });
  });

  it('falls back to the next registered port when the first is taken', async () => {
    const { engine, ports } = await xSetUp();
    const blocker = await occupy(ports[0] as number);
    cleanup.add(blocker);
    const flow = await connectInBrowser(engine, { platform: 'twitter' });
    expect(flow.status).toBe('connected');
  });

  it('fails with advice when the code expired before the app traded it', async () => {
    const { engine, auth } = await xSetUp();
    const flow = await engine.api.invoke('accounts:connect', { platform: 'twitter', openBrowser: false });
    const signIn = await fetch(flow.authorizeUrl, { redirect: 'manual' });
    auth.expireCodes();
    await fetch(signIn.headers.get('location') as string);
    const ended = await waitForFlow(engine, flow.id);
    expect(ended.status).toBe('failed');
    expect(ended.message).toMatch(/X refused: .*expired.*The sign-in code expired or was already used\. Connect again\./);
    expect(await engine.api.invoke('accounts:list', {})).toEqual([]);
  });

  it('refuses a reconnect that signs in as another account', async () => {
    const { engine, auth, api } = await xSetUp();
    const first = connectedAccount(await connectInBrowser(engine, { platform: 'twitter' }));
    auth.signedInAs = api.addUser('somebody_else').userId;
    const again = await connectInBrowser(engine, { platform: 'twitter', accountId: first.id });
    expect(again.status).toBe('failed');
    expect(again.message).toMatch(/That sign-in is @somebody_else, not “@corner_bakery”/);
    expect((await engine.api.invoke('accounts:list', {})).map((account) => account.name)).toEqual(['@corner_bakery']);
  });

  it('signing in again as a connected account updates it instead of adding a second one', async () => {
    const { engine } = await xSetUp();
    const first = connectedAccount(await connectInBrowser(engine, { platform: 'twitter' }));
    const second = connectedAccount(await connectInBrowser(engine, { platform: 'twitter' }));
    expect(second.id).toBe(first.id);
    expect(await engine.api.invoke('accounts:list', {})).toHaveLength(1);
  });

  it("uses TikTok's hex PKCE and its wildcard-port redirect, with client_key and the secret", async () => {
    const api = await startTiktokFake();
    cleanup.add(() => api.close());
    const auth = await startTiktokAuthorization(api);
    cleanup.add(() => auth.close());
    auth.signedInAs = api.openId;
    const engine = await startPlatformEngine(cleanup, {
      PUBLISHING_ENGINE_TIKTOK_API_ORIGIN: api.origin,
      PUBLISHING_ENGINE_TIKTOK_AUTH_ORIGIN: auth.origin,
      PUBLISHING_ENGINE_TIKTOK_CLIENT_ID: TIKTOK_CLIENT_KEY,
      PUBLISHING_ENGINE_TIKTOK_CLIENT_SECRET: TIKTOK_CLIENT_SECRET,
    });
    const flow = await engine.api.invoke('accounts:connect', { platform: 'tiktok', openBrowser: false });
    const url = new URL(flow.authorizeUrl);
    expect(url.searchParams.get('client_key')).toBe(TIKTOK_CLIENT_KEY);
    expect(url.searchParams.get('code_challenge')).toMatch(/^[0-9a-f]{64}$/);
    expect(url.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback\/$/);
    expect(url.searchParams.get('scope')).toBe('user.info.basic,video.publish,video.upload,video.list');
    await signInInBrowser(flow.authorizeUrl);
    const done = await waitForFlow(engine, flow.id);
    expect(connectedAccount(done)).toMatchObject({ externalId: api.openId, name: 'Fake Creator' });
    const exchange = auth.server.requestsTo('/v2/oauth/token/')[0];
    expect(new URLSearchParams(exchange?.body.toString())).toSatisfy((form: URLSearchParams) => form.get('client_secret') === TIKTOK_CLIENT_SECRET);
  });

  it('a platform without a developer app says so before any browser opens', async () => {
    const engine = await startPlatformEngine(cleanup, {});
    const apps = await engine.api.invoke('oauthApps:list', {});
    expect(apps.find((app) => app.platform === 'linkedin')).toMatchObject({
      source: 'none',
      missing: 'LinkedIn needs a developer app: add its client id and secret under Settings → Developer apps.',
    });
    await expect(engine.api.invoke('accounts:connect', { platform: 'linkedin' })).rejects.toMatchObject({ code: 'conflict', field: 'platform' });
  });
});

/** Another program listening on the port. */
function occupy(port: number): Promise<() => Promise<void>> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(() => new Promise((done) => server.close(() => done()))));
  });
}
