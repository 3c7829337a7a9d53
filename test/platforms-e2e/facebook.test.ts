// Facebook end to end: connect with Facebook Login (code, long-lived user token, the Page list, the user's pick), then
// posts:create → publish-posts queue → the registry's FacebookPublisher → the fake Graph API with the Page's own
// token, which fetches the photo from the media host as Facebook does.
import { afterEach, describe, expect, it } from 'vitest';
import { FacebookFake } from '../fakes/facebook/facebook-fake';
import { MediaServer } from '../fakes/shared/media-server';
import { FACEBOOK_APP_ID, FACEBOOK_APP_SECRET, startFacebookAuthorization } from '../fakes/oauth/facebook-authorization';
import { FacebookLogin } from '../fakes/oauth/facebook-login';
import {
  callbackUris,
  Cleanup,
  connectedAccount,
  connectInBrowser,
  loopbackPorts,
  onlyTarget,
  startPlatformEngine,
  waitForSettledPost,
} from './platform-engine';

const PAGE_ID = '104000000000001';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

async function setUp() {
  const fake = await FacebookFake.start();
  cleanup.add(() => fake.close());
  const media = await MediaServer.start();
  cleanup.add(() => media.close());
  fake.addPage(PAGE_ID, 'EAAG-seeded-page-token', 'Corner Bakery');
  fake.addPage('104000000000002', 'EAAG-other-page-token', 'Bakery Fan Club');
  const login = new FacebookLogin(fake, { pageTokensActFor: 'page' });
  const ports = await loopbackPorts();
  const auth = await startFacebookAuthorization(login, { redirectUris: callbackUris(ports) });
  cleanup.add(() => auth.close());
  auth.signedInAs = login.addUser('Bakery Owner', [
    { id: PAGE_ID, name: 'Corner Bakery', category: 'Bakery' },
    { id: '104000000000002', name: 'Bakery Fan Club', category: 'Community' },
  ]);
  const engine = await startPlatformEngine(
    cleanup,
    {
      PUBLISHING_ENGINE_FACEBOOK_API_ORIGIN: fake.origin,
      PUBLISHING_ENGINE_FACEBOOK_AUTH_ORIGIN: auth.origin,
      PUBLISHING_ENGINE_FACEBOOK_CLIENT_ID: FACEBOOK_APP_ID,
      PUBLISHING_ENGINE_FACEBOOK_CLIENT_SECRET: FACEBOOK_APP_SECRET,
    },
    { loopbackPorts: ports },
  );
  const flow = await connectInBrowser(engine, { platform: 'facebook' }, (choosing) => {
    expect(choosing.choices.map(({ id, name, detail }) => ({ id, name, detail }))).toEqual([
      { id: PAGE_ID, name: 'Corner Bakery', detail: 'Bakery' },
      { id: '104000000000002', name: 'Bakery Fan Club', detail: 'Community' },
    ]);
    return [PAGE_ID];
  });
  const account = connectedAccount(flow);
  expect(account).toMatchObject({ externalId: PAGE_ID, name: 'Corner Bakery', tokenExpiresAt: null, connection: 'oauth', problem: null });
  return { fake, login, media, engine, account };
}

describe('Facebook through the engine queue', () => {
  it('publishes a scheduled photo post at its time, once', async () => {
    const { fake, media, engine, account } = await setUp();
    const photo = media.add('sourdough.jpg', { size: 50_000, contentType: 'image/jpeg' });
    const dueAt = Date.now() + 1500;
    const created = await engine.api.invoke('posts:create', {
      text: 'Sourdough day: first loaves out at 8.',
      mediaUrls: [photo],
      targets: [{ accountId: account.id }],
      mode: 'schedule',
      scheduledAt: new Date(dueAt).toISOString(),
    });
    expect(created.status).toBe('scheduled');

    const done = await waitForSettledPost(engine, created.id);

    expect(fake.posts).toHaveLength(1);
    const [post] = fake.posts;
    expect(post).toMatchObject({ pageId: PAGE_ID, message: 'Sourdough day: first loaves out at 8.', statusType: 'added_photos' });
    expect(post.createdAt).toBeGreaterThanOrEqual(dueAt);
    expect([...fake.photos.values()]).toEqual([expect.objectContaining({ url: photo, published: true, postId: post.id })]);
    expect(done.status).toBe('published');
    expect(onlyTarget(done)).toMatchObject({
      status: 'published',
      platformPostId: post.id,
      platformPostUrl: `https://www.facebook.com/${PAGE_ID}/posts/${post.id.split('_')[1]}`,
      errorMessage: null,
      attemptCount: 1,
    });
  });

  it('fails an expired Page token (190) at once, asks to reconnect, marks the account needs_reconnect; reconnecting fixes it', async () => {
    const { fake, login, engine, account } = await setUp();
    for (const token of login.pageTokensOf(PAGE_ID)) fake.setTokenState(token, 'expired');

    const created = await engine.api.invoke('posts:create', { text: 'Open late on Friday', targets: [{ accountId: account.id }], mode: 'now' });
    const done = await waitForSettledPost(engine, created.id);

    expect(fake.posts).toHaveLength(0);
    expect(fake.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
    expect(done.status).toBe('failed');
    const target = onlyTarget(done);
    expect(target).toMatchObject({ status: 'failed', platformPostId: null, platformPostUrl: null, attemptCount: 1 });
    expect(target.errorMessage).toMatch(/no longer accepts .*session has expired.*Reconnect the account/);
    const [stored] = await engine.api.invoke('accounts:list', {});
    expect(stored).toMatchObject({ id: account.id, status: 'needs_reconnect' });
    expect(stored?.statusMessage).toMatch(/Reconnect/);
    expect(stored?.problem?.kind).toBe('needs_reconnect');
    // Retrying before reconnecting is refused with the platform's reason, which already says how: once, not twice.
    const refusal = await engine.api.invoke('publishing:retry', { id: created.id }).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: 'conflict', message: expect.stringContaining('session has expired') });
    expect((refusal as Error).message.match(/\bReconnect\b/g)).toHaveLength(1);

    // One click: the same sign-in again picks the same Page by itself, and the account works again.
    const again = connectedAccount(await connectInBrowser(engine, { platform: 'facebook', accountId: account.id }));
    expect(again).toMatchObject({ id: account.id, status: 'connected', problem: null });
    const retried = await engine.api.invoke('publishing:retry', { id: created.id });
    expect(retried.id).toBe(created.id);
    expect((await waitForSettledPost(engine, created.id)).status).toBe('published');
    expect(fake.posts).toHaveLength(1);
  });
});
