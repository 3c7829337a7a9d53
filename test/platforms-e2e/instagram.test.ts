// Instagram end to end, both ways in: connect with Instagram Login (its fake authorization server, the 60-day token
// exchange, graph.instagram.com) or through a Facebook Page (Facebook Login, then a pick among the Pages' Instagram
// accounts); then posts:create → publish-posts queue → the registry's InstagramPublisher → the fake Graph API
// (containers, media_publish, the publishing quota), which fetches the JPEG from the media host as Meta does.
import { afterEach, describe, expect, it } from 'vitest';
import { InstagramFake } from '../fakes/instagram/instagram-fake';
import { MediaServer } from '../fakes/shared/media-server';
import { waitFor } from '../helpers/wait-for';
import type { LoginKind } from '../../shared/domain';
import { FACEBOOK_APP_ID, FACEBOOK_APP_SECRET, startFacebookAuthorization } from '../fakes/oauth/facebook-authorization';
import { FacebookLogin } from '../fakes/oauth/facebook-login';
import { INSTAGRAM_APP_ID, INSTAGRAM_APP_SECRET, startInstagramAuthorization } from '../fakes/oauth/instagram-authorization';
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

const IG_USER_ID = '17841400000000001';
const HOUR = 3_600_000;

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

async function setUp(options: { quotaTotal?: number; loginKind: LoginKind }) {
  const fake = await InstagramFake.start(options.quotaTotal === undefined ? {} : { quotaTotal: options.quotaTotal });
  cleanup.add(() => fake.close());
  const media = await MediaServer.start();
  cleanup.add(() => media.close());
  fake.addAccount(IG_USER_ID, 'IGAA-seeded-token', 'corner.bakery');
  const ports = await loopbackPorts();
  let env: NodeJS.ProcessEnv;
  if (options.loginKind === 'instagram') {
    const auth = await startInstagramAuthorization(fake, { redirectUris: callbackUris(ports) });
    cleanup.add(() => auth.server.close());
    auth.server.signedInAs = IG_USER_ID;
    env = {
      PUBLISHING_ENGINE_INSTAGRAM_AUTH_ORIGIN: auth.server.origin,
      PUBLISHING_ENGINE_INSTAGRAM_CLIENT_ID: INSTAGRAM_APP_ID,
      PUBLISHING_ENGINE_INSTAGRAM_CLIENT_SECRET: INSTAGRAM_APP_SECRET,
    };
  } else {
    const login = new FacebookLogin(fake, { pageTokensActFor: 'instagram' });
    const auth = await startFacebookAuthorization(login, { redirectUris: callbackUris(ports) });
    cleanup.add(() => auth.close());
    auth.signedInAs = login.addUser('Bakery Owner', [
      { id: '104000000000001', name: 'Corner Bakery', category: 'Bakery', instagram: { id: IG_USER_ID, username: 'corner.bakery' } },
      { id: '104000000000002', name: 'Bakery Fan Club', category: 'Community' },
    ]);
    env = {
      PUBLISHING_ENGINE_FACEBOOK_AUTH_ORIGIN: auth.origin,
      PUBLISHING_ENGINE_FACEBOOK_CLIENT_ID: FACEBOOK_APP_ID,
      PUBLISHING_ENGINE_FACEBOOK_CLIENT_SECRET: FACEBOOK_APP_SECRET,
    };
  }
  const engine = await startPlatformEngine(cleanup, { PUBLISHING_ENGINE_INSTAGRAM_API_ORIGIN: fake.origin, ...env }, { loopbackPorts: ports });
  const flow = await connectInBrowser(engine, { platform: 'instagram', loginKind: options.loginKind }, (choosing) => {
    // Only the Page with a linked Instagram account is offered.
    expect(choosing.choices.map((choice) => choice.id)).toEqual([IG_USER_ID]);
    return [IG_USER_ID];
  });
  const account = connectedAccount(flow);
  expect(account).toMatchObject({ externalId: IG_USER_ID, name: '@corner.bakery', loginKind: options.loginKind, connection: 'oauth', problem: null });
  const jpeg = media.add('bread.jpg', { size: 40_000, contentType: 'image/jpeg' });
  return { fake, engine, account, jpeg };
}

describe('Instagram through the engine queue', () => {
  it('publishes a JPEG image post now, once, with a 60-day token from Instagram Login', async () => {
    const { fake, engine, account, jpeg } = await setUp({ loginKind: 'instagram' });
    expect(Date.parse(account.tokenExpiresAt ?? '')).toBeGreaterThan(Date.now() + 59 * 24 * HOUR);

    const created = await engine.api.invoke('posts:create', {
      text: 'Sourdough day #bread',
      mediaUrls: [jpeg],
      targets: [{ accountId: account.id }],
      mode: 'now',
    });
    const done = await waitForSettledPost(engine, created.id);

    expect(fake.media).toHaveLength(1);
    const [media] = fake.media;
    expect(media).toMatchObject({ igUserId: IG_USER_ID, caption: 'Sourdough day #bread', mediaType: 'IMAGE', productType: 'FEED', viaApi: true });
    expect([...fake.containers.values()]).toEqual([expect.objectContaining({ imageUrl: jpeg, mediaId: media.id })]);
    expect(done.status).toBe('published');
    expect(onlyTarget(done)).toMatchObject({
      status: 'published',
      platformPostId: media.id,
      platformPostUrl: `https://www.instagram.com/p/${media.shortcode}/`,
      errorMessage: null,
      attemptCount: 1,
    });
  });

  it('waits for the publishing quota to free a place instead of failing, creating nothing meanwhile', async () => {
    const { fake, engine, account, jpeg } = await setUp({ quotaTotal: 2, loginKind: 'facebook' });
    // A Page token does not expire.
    expect(account.tokenExpiresAt).toBeNull();
    for (const hoursAgo of [20, 1])
      fake.addExistingMedia(IG_USER_ID, { caption: `earlier ${hoursAgo}`, timestamp: Date.now() - hoursAgo * HOUR, viaApi: true });

    const created = await engine.api.invoke('posts:create', {
      text: 'One more loaf',
      mediaUrls: [jpeg],
      targets: [{ accountId: account.id }],
      mode: 'now',
    });
    const waiting = await waitFor(
      () => engine.api.invoke('posts:get', { id: created.id }),
      (post) => post.status === 'failed' || post.status === 'published' || /Waiting until/.test(post.targets[0]?.errorMessage ?? ''),
      20_000,
      'the target to wait for the quota',
    );

    const target = onlyTarget(waiting);
    expect(target).toMatchObject({ status: 'pending', platformPostId: null });
    expect(target.errorMessage).toMatch(/limit of 2 posts published by apps in 24 hours.*Waiting until/);
    // The wait ends when the oldest post (20 h ago) leaves the 24-hour window, about 4 hours from now.
    const waitUntil = Date.parse(/Waiting until (\S+)\.$/.exec(target.errorMessage ?? '')?.[1] ?? '');
    expect(waitUntil).toBeGreaterThan(Date.now() + 3 * HOUR);
    expect(waitUntil).toBeLessThan(Date.now() + 5 * HOUR);
    expect(waiting.status).not.toBe('failed');
    expect((await engine.api.invoke('queue:stats', {})).counts.delayed).toBe(1);
    expect(fake.media).toHaveLength(2);
    expect(fake.containers.size).toBe(0);
    expect(fake.requests.some((request) => request.path.endsWith('/media_publish'))).toBe(false);
  });
});
