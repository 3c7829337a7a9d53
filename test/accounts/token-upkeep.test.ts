// The hourly upkeep of sign-ins, with the engine's clock moved ahead: Instagram Login's 60-day tokens are renewed
// once they are a day old and well before they lapse; sign-ins that cannot be renewed (LinkedIn's 60 days) are
// announced from a week ahead, once a day.
import { afterEach, expect, it } from 'vitest';
import type { AccountView } from '../../shared/domain';
import { InstagramFake } from '../fakes/instagram/instagram-fake';
import { FakeLinkedIn } from '../fakes/linkedin/fake-linkedin';
import { INSTAGRAM_APP_ID, INSTAGRAM_APP_SECRET, startInstagramAuthorization } from '../fakes/oauth/instagram-authorization';
import { LINKEDIN_CLIENT_ID, LINKEDIN_CLIENT_SECRET, startLinkedInAuthorization } from '../fakes/oauth/linkedin-authorization';
import { sleep, waitFor } from '../helpers/wait-for';
import { callbackUris, Cleanup, connectedAccount, connectInBrowser, loopbackPorts, startPlatformEngine } from '../platforms-e2e/platform-engine';

const DAY = 24 * 60 * 60_000;
const cleanup = new Cleanup();
afterEach(() => cleanup.run());

/** A clock the test moves: the engine's and the fake platform's. */
function clock(): { now: () => number; advance(ms: number): void } {
  let offset = 0;
  return { now: () => Date.now() + offset, advance: (ms) => (offset += ms) };
}

/** An engine with an Instagram Login account connected by signing in, its upkeep every 100 ms on a clock the test moves. */
async function instagramSignedIn(userId: string, username: string) {
  const time = clock();
  const api = await InstagramFake.start();
  cleanup.add(() => api.close());
  api.addAccount(userId, `IGAA-seed-${userId}`, username);
  const ports = await loopbackPorts();
  const auth = await startInstagramAuthorization(api, { redirectUris: callbackUris(ports), now: time.now });
  cleanup.add(() => auth.server.close());
  auth.server.signedInAs = userId;
  const engine = await startPlatformEngine(
    cleanup,
    {
      PUBLISHING_ENGINE_INSTAGRAM_API_ORIGIN: api.origin,
      PUBLISHING_ENGINE_INSTAGRAM_AUTH_ORIGIN: auth.server.origin,
      PUBLISHING_ENGINE_INSTAGRAM_CLIENT_ID: INSTAGRAM_APP_ID,
      PUBLISHING_ENGINE_INSTAGRAM_CLIENT_SECRET: INSTAGRAM_APP_SECRET,
    },
    { loopbackPorts: ports, upkeepIntervalMs: 100 },
    time.now,
  );
  const account = connectedAccount(await connectInBrowser(engine, { platform: 'instagram', loginKind: 'instagram' }));
  return { time, auth, engine, account };
}

it('renews an Instagram Login token ahead of time, once it is a day old', async () => {
  const { time, auth, engine, account } = await instagramSignedIn('17841400000000001', 'corner.bakery');
  const issued = auth.server.server.requestsTo('/refresh_access_token').length;
  await sleep(400);
  // Young and far from expiry: left alone.
  expect(auth.server.server.requestsTo('/refresh_access_token')).toHaveLength(issued);

  time.advance(20 * DAY);
  const renewed = await waitFor(
    () => engine.api.invoke('accounts:list', {}),
    ([stored]) => Date.parse(stored?.tokenExpiresAt ?? '') > Date.parse(account.tokenExpiresAt ?? '') + 19 * DAY,
    10_000,
    'the Instagram token to be renewed',
  );
  expect(renewed[0]).toMatchObject({ status: 'connected', problem: null });
  expect(auth.server.server.requestsTo('/refresh_access_token').length).toBe(issued + 1);
});

it('reminds once a day from a week before a LinkedIn sign-in runs out', async () => {
  const time = clock();
  const api = await FakeLinkedIn.start();
  cleanup.add(() => api.close());
  const ports = await loopbackPorts();
  const auth = await startLinkedInAuthorization(api, { redirectUris: callbackUris(ports) });
  cleanup.add(() => auth.close());
  auth.signedInAs = api.addMember().member;
  const engine = await startPlatformEngine(
    cleanup,
    {
      PUBLISHING_ENGINE_LINKEDIN_API_ORIGIN: api.origin,
      PUBLISHING_ENGINE_LINKEDIN_AUTH_ORIGIN: auth.origin,
      PUBLISHING_ENGINE_LINKEDIN_CLIENT_ID: LINKEDIN_CLIENT_ID,
      PUBLISHING_ENGINE_LINKEDIN_CLIENT_SECRET: LINKEDIN_CLIENT_SECRET,
    },
    { loopbackPorts: ports, upkeepIntervalMs: 100 },
    time.now,
  );
  const reminders: AccountView[][] = [];
  engine.events.on('accounts:expiring', ({ accounts }) => reminders.push(accounts));
  const account = connectedAccount(await connectInBrowser(engine, { platform: 'linkedin' }));
  await sleep(400);
  expect(reminders).toEqual([]);

  time.advance(54 * DAY);
  await waitFor(
    () => reminders,
    (seen) => seen.length === 1,
    10_000,
    'the expiry reminder',
  );
  expect(reminders[0]?.map((each) => each.id)).toEqual([account.id]);
  await sleep(400);
  expect(reminders).toHaveLength(1);
  time.advance(DAY);
  await waitFor(
    () => reminders,
    (seen) => seen.length === 2,
    10_000,
    'the next day’s reminder',
  );
});

it('marks an Instagram account to reconnect when renewing ahead is refused, and keeps it connected while the platform cannot answer', async () => {
  const { time, auth, engine, account } = await instagramSignedIn('17841400000000002', 'corner.florist');
  const announced: AccountView[] = [];
  engine.events.on('account:changed', ({ account: changed }) => announced.push(changed));
  const refreshes = () => auth.server.server.requestsTo('/refresh_access_token').length;
  const before = refreshes();

  // The token endpoint is down: tried, and the account stays connected (only connected accounts are tried again).
  auth.server.server.injectFault({ type: 'status', status: 503, body: { error: 'temporarily_unavailable' } }, { path: '/refresh_access_token' });
  auth.tokens.clear();
  time.advance(20 * DAY);
  await waitFor(refreshes, (n) => n >= before + 1, 10_000, 'a renewal to be tried');
  await waitFor(refreshes, (n) => n >= before + 2, 10_000, 'the renewal to be tried again');
  // The second try met the revoked token: the person removed the app, so only signing in again helps.
  const [stored] = await waitFor(
    () => engine.api.invoke('accounts:list', {}),
    ([row]) => row?.status !== 'connected',
    10_000,
    'the account to need reconnecting',
  );
  expect(stored).toMatchObject({ id: account.id, status: 'needs_reconnect', problem: { kind: 'needs_reconnect' } });
  expect(stored?.statusMessage).toMatch(/Session has expired/);
  // The Accounts screen is told at once, not at its next reload.
  const [told] = await waitFor(
    () => announced.filter((changed) => changed.status === 'needs_reconnect'),
    (seen) => seen.length > 0,
    5_000,
    'the account change to be announced',
  );
  expect(told).toMatchObject({ id: account.id, problem: { kind: 'needs_reconnect' } });
});
