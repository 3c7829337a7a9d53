// TikTok end to end: connect through Login Kit for Desktop (hex PKCE, wildcard-port redirect) at TikTok's fake
// authorization server, then posts:create → publish-posts queue → the registry's TiktokPublisher → the fake Content
// Posting API (creator info, FILE_UPLOAD chunks, status), with an MP4 whose movie header carries a real duration.
import { afterEach, describe, expect, it } from 'vitest';
import { startTiktokFake, type TiktokFakeOptions } from '../fakes/tiktok/tiktok-fake';
import { MediaHost, mp4Bytes } from '../publishers/tiktok/tiktok-media-files';
import { startTiktokAuthorization, TIKTOK_CLIENT_KEY, TIKTOK_CLIENT_SECRET } from '../fakes/oauth/tiktok-authorization';
import { Cleanup, connectedAccount, connectInBrowser, onlyTarget, startPlatformEngine, waitForSettledPost } from './platform-engine';

const MIB = 1024 * 1024;

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

// processingMs 0: the first status check already sees the post live, so the publisher's 5 s poll interval never runs.
async function setUp(options: TiktokFakeOptions = {}) {
  const fake = await startTiktokFake({ processingMs: 0, ...options });
  cleanup.add(() => fake.close());
  const media = await new MediaHost().start();
  cleanup.add(() => media.close());
  const auth = await startTiktokAuthorization(fake);
  cleanup.add(() => auth.close());
  auth.signedInAs = fake.openId;
  const engine = await startPlatformEngine(cleanup, {
    PUBLISHING_ENGINE_TIKTOK_API_ORIGIN: fake.origin,
    PUBLISHING_ENGINE_TIKTOK_AUTH_ORIGIN: auth.origin,
    PUBLISHING_ENGINE_TIKTOK_CLIENT_ID: TIKTOK_CLIENT_KEY,
    PUBLISHING_ENGINE_TIKTOK_CLIENT_SECRET: TIKTOK_CLIENT_SECRET,
  });
  const account = connectedAccount(await connectInBrowser(engine, { platform: 'tiktok' }));
  expect(account).toMatchObject({ externalId: fake.openId, name: 'Fake Creator', connection: 'oauth', problem: null });
  return { fake, media, engine, account };
}

describe('TikTok through the engine queue', () => {
  it('publishes a video now, once, with its public post id', async () => {
    const { fake, media, engine, account } = await setUp();
    const video = mp4Bytes(2 * MIB, 12);
    const url = media.add('sunrise.mp4', video, 'video/mp4');

    const created = await engine.api.invoke('posts:create', {
      text: 'Morning light over the bay #sunrise',
      mediaUrls: [url],
      targets: [{ accountId: account.id }],
      mode: 'now',
    });
    const done = await waitForSettledPost(engine, created.id);

    expect(fake.published).toHaveLength(1);
    const [post] = fake.published;
    expect(post.video?.equals(video)).toBe(true);
    expect(post).toMatchObject({ mediaType: 'VIDEO', title: 'Morning light over the bay #sunrise', privacyLevel: 'PUBLIC_TO_EVERYONE' });
    expect(post.postId).toMatch(/^\d{19}$/);
    expect(done.status).toBe('published');
    expect(onlyTarget(done)).toMatchObject({
      status: 'published',
      platformPostId: post.postId,
      platformPostUrl: `https://www.tiktok.com/@fake.creator/video/${post.postId}`,
      errorMessage: null,
      attemptCount: 1,
    });
  });

  it('fails at once, naming the allowed choices, when the creator does not offer the chosen privacy', async () => {
    const { fake, media, engine, account } = await setUp({ creator: { privacyLevelOptions: ['MUTUAL_FOLLOW_FRIENDS', 'SELF_ONLY'] } });
    const url = media.add('clip.mp4', mp4Bytes(2 * MIB, 5), 'video/mp4');
    // Connecting read the creator's info once already, as TikTok's audit rules ask.
    const readAtConnect = fake.requestsTo('creator_info').length;

    const created = await engine.api.invoke('posts:create', {
      text: 'For my followers',
      mediaUrls: [url],
      targets: [{ accountId: account.id, options: { privacy: 'followers' } }],
      mode: 'now',
    });
    const done = await waitForSettledPost(engine, created.id);

    expect(done.status).toBe('failed');
    expect(onlyTarget(done)).toMatchObject({
      status: 'failed',
      platformPostId: null,
      errorMessage: 'This TikTok account cannot post as "followers" right now. Choose one it allows: friends, private (only me).',
      attemptCount: 1,
    });
    expect(fake.requestsTo('creator_info')).toHaveLength(readAtConnect + 1);
    expect(fake.requestsTo('video_init')).toHaveLength(0);
    expect(fake.posts).toHaveLength(0);
    const [stored] = await engine.api.invoke('accounts:list', {});
    expect(stored?.status).toBe('connected');
  });
});
