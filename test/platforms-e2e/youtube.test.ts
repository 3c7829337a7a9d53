// YouTube end to end: connect through Google's desktop flow (loopback on any port, PKCE, offline access) at the fake
// authorization server, then posts:create → publish-posts queue → the registry's YoutubePublisher → the fake YouTube
// Data API (resumable upload sessions with 308 Range answers).
import { afterEach, describe, expect, it } from 'vitest';
import { MediaServer } from '../fakes/shared/media-server';
import { startYoutubeFake } from '../fakes/youtube/youtube-fake';
import { GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET, startGoogleAuthorization } from '../fakes/oauth/google-authorization';
import { Cleanup, connectedAccount, connectInBrowser, onlyTarget, startPlatformEngine, waitForSettledPost } from './platform-engine';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

async function setUp() {
  const fake = await startYoutubeFake();
  cleanup.add(() => fake.close());
  const media = await MediaServer.start();
  cleanup.add(() => media.close());
  const auth = await startGoogleAuthorization(fake);
  cleanup.add(() => auth.close());
  auth.signedInAs = fake.channelId;
  const engine = await startPlatformEngine(cleanup, {
    PUBLISHING_ENGINE_YOUTUBE_API_ORIGIN: fake.origin,
    PUBLISHING_ENGINE_YOUTUBE_AUTH_ORIGIN: auth.origin,
    PUBLISHING_ENGINE_YOUTUBE_CLIENT_ID: GOOGLE_CLIENT_ID,
    PUBLISHING_ENGINE_YOUTUBE_CLIENT_SECRET: GOOGLE_CLIENT_SECRET,
  });
  const account = connectedAccount(await connectInBrowser(engine, { platform: 'youtube' }));
  expect(account).toMatchObject({ externalId: fake.channelId, connection: 'oauth', problem: null });
  return { fake, media, engine, account };
}

describe('YouTube through the engine queue', () => {
  it('publishes a video now with its title, once', async () => {
    const { fake, media, engine, account } = await setUp();
    const url = media.add('harbour.mp4', { size: 200_000, contentType: 'video/mp4' });

    const created = await engine.api.invoke('posts:create', {
      text: 'Boats leaving the harbour.',
      mediaUrls: [url],
      targets: [{ accountId: account.id, options: { title: 'Harbour at dawn' } }],
      mode: 'now',
    });
    const done = await waitForSettledPost(engine, created.id);

    expect(fake.videos).toHaveLength(1);
    const [video] = fake.videos;
    expect(video).toMatchObject({ title: 'Harbour at dawn', description: 'Boats leaving the harbour.', privacyStatus: 'public' });
    expect(video.bytes.equals(media.bytesOf(url))).toBe(true);
    expect(done.status).toBe('published');
    expect(onlyTarget(done)).toMatchObject({
      status: 'published',
      platformPostId: video.id,
      platformPostUrl: `https://www.youtube.com/watch?v=${video.id}`,
      errorMessage: null,
      attemptCount: 1,
    });
  });

  it('resumes the session after the connection broke mid-upload: one session, one video, no byte sent twice from 0', async () => {
    const { fake, media, engine, account } = await setUp();
    const url = media.add('long-take.mp4', { size: 2 * 1024 * 1024 + 5_000, contentType: 'video/mp4' });
    const size = media.bytesOf(url).length;
    fake.failNext('upload', { kind: 'drop-mid-request' });

    const created = await engine.api.invoke('posts:create', {
      text: 'One long take of the harbour.',
      mediaUrls: [url],
      targets: [{ accountId: account.id, options: { title: 'Long take' } }],
      mode: 'now',
    });
    const done = await waitForSettledPost(engine, created.id);

    expect(fake.sessions).toHaveLength(1);
    expect(fake.videos).toHaveLength(1);
    expect(fake.videos[0].bytes.equals(media.bytesOf(url))).toBe(true);
    const ranges = fake.requestsTo('upload').map((request) => String(request.headers['content-range']));
    expect(ranges).toContain(`bytes */${size}`);
    // Google kept whole 256 KiB units of the broken request; the upload went on from there.
    const kept = fake.sessions[0].received[0]?.length ?? 0;
    expect(kept).toBeGreaterThan(0);
    expect(ranges.filter((range) => range.startsWith('bytes 0-'))).toHaveLength(1);
    expect(ranges).toContain(`bytes ${kept}-${size - 1}/${size}`);
    expect(done.status).toBe('published');
    expect(onlyTarget(done)).toMatchObject({
      status: 'published',
      platformPostId: fake.videos[0].id,
      platformPostUrl: `https://www.youtube.com/watch?v=${fake.videos[0].id}`,
      errorMessage: null,
      attemptCount: 1,
    });
  });
});
