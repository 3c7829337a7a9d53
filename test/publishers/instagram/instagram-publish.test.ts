// Every kind of Instagram post, from containers to media_publish, checked against what the fake account shows.
import { afterEach, describe, expect, it } from 'vitest';
import { PermanentError } from '../../../electron/engine/publishers/errors';
import { IG_TOKEN, IG_USER_ID, startInstagramHarness, type InstagramHarness } from './instagram-harness';

let h: InstagramHarness;

afterEach(async () => {
  await h.close();
});

function postsTo(path: string): number[] {
  return h.fake.requests.flatMap((request, index) => (request.method === 'POST' && request.path === `/v23.0/${IG_USER_ID}/${path}` ? [index] : []));
}

describe('InstagramPublisher publishes', () => {
  it('an image: limit read, container created and saved, then media_publish with that container', async () => {
    h = await startInstagramHarness();
    const photo = h.jpeg('bread.jpg');

    const result = await h.publisher.publish(IG_TOKEN, 'Sourdough day #bread', [photo], h.options());

    expect(h.fake.media).toHaveLength(1);
    const media = h.fake.media[0];
    expect(media).toMatchObject({ caption: 'Sourdough day #bread', mediaType: 'IMAGE', productType: 'FEED', viaApi: true });
    expect(result).toEqual({ platformPostId: media.id, url: `https://www.instagram.com/p/${media.shortcode}/` });
    const [container] = [...h.fake.containers.values()];
    expect(container).toMatchObject({ mediaType: 'IMAGE', imageUrl: photo, mediaId: media.id });

    const limitRead = h.fake.requests.findIndex((request) => request.path === `/v23.0/${IG_USER_ID}/content_publishing_limit`);
    const [publishCall] = postsTo('media_publish');
    expect(limitRead).toBeGreaterThanOrEqual(0);
    expect(limitRead).toBeLessThan(publishCall);
    expect(h.ledger.handles.container).toBe(container.id);
    expect(h.ledger.savedAfterRequests.container).toBeLessThanOrEqual(publishCall);
    expect(new URLSearchParams(h.fake.requests[publishCall].body.toString()).get('creation_id')).toBe(container.id);
    expect(h.ledger.handles.media).toBe(media.id);
    expect(h.media.requests).toHaveLength(1);
  });

  it('a carousel: items (a video one as VIDEO) processed first, then the CAROUSEL parent with the children in order', async () => {
    h = await startInstagramHarness();
    const urls = [h.jpeg('a.jpg'), h.mp4('b.mp4'), h.jpeg('c.jpg')];

    const result = await h.publisher.publish(IG_TOKEN, 'Three things', urls, h.options());

    const containers = [...h.fake.containers.values()];
    const items = containers.filter((container) => container.isCarouselItem);
    expect(items.map((item) => item.imageUrl ?? item.videoUrl)).toEqual(urls);
    expect(items.map((item) => item.mediaType)).toEqual(['IMAGE', 'VIDEO', 'IMAGE']);
    expect(items.every((item) => item.caption === undefined)).toBe(true);
    const parent = containers.find((container) => container.mediaType === 'CAROUSEL');
    expect(parent?.children).toEqual(items.map((item) => item.id));
    expect(parent?.caption).toBe('Three things');
    expect(h.fake.media).toHaveLength(1);
    expect(h.fake.media[0]).toMatchObject({ mediaType: 'CAROUSEL_ALBUM', caption: 'Three things' });
    expect(result.platformPostId).toBe(h.fake.media[0].id);
    expect(h.ledger.handles.container).toBe(parent?.id);
  });

  it('a reel: REELS container polled while IN_PROGRESS until FINISHED', async () => {
    h = await startInstagramHarness({ fake: { readsUntilFinished: { video: 3 } } });
    const clip = h.mp4('reel.mp4');

    const result = await h.publisher.publish(IG_TOKEN, 'Watch us bake', [clip], h.options({ settings: { instagramKind: 'reel' } }));

    const [container] = [...h.fake.containers.values()];
    expect(container).toMatchObject({ mediaType: 'REELS', videoUrl: clip, caption: 'Watch us bake' });
    const statusReads = h.fake.requests.filter((request) => request.method === 'GET' && request.path === `/v23.0/${container.id}`);
    expect(statusReads).toHaveLength(4);
    expect(statusReads[0].query.get('fields')).toBe('status_code,status');
    expect(h.fake.media[0]).toMatchObject({ productType: 'REELS', mediaType: 'VIDEO' });
    expect(result.url).toBe(`https://www.instagram.com/reel/${h.fake.media[0].shortcode}/`);
  });

  it('a single feed video as a reel, since Instagram retired feed videos', async () => {
    h = await startInstagramHarness();

    await h.publisher.publish(IG_TOKEN, 'A short clip', [h.mp4('clip.mp4')], h.options());

    expect([...h.fake.containers.values()][0].mediaType).toBe('REELS');
    expect(h.fake.media[0].productType).toBe('REELS');
  });

  it('a story: STORIES container without a caption', async () => {
    h = await startInstagramHarness();

    const result = await h.publisher.publish(
      IG_TOKEN,
      'Text stays in the app',
      [h.jpeg('story.jpg')],
      h.options({ settings: { instagramKind: 'story' } }),
    );

    const [container] = [...h.fake.containers.values()];
    expect(container.mediaType).toBe('STORIES');
    expect(container.caption).toBeUndefined();
    expect(h.fake.media[0].productType).toBe('STORY');
    expect(result.url).toBe(`https://www.instagram.com/stories/corner.bakery/${h.fake.media[0].id}/`);
  });

  it('through a failed status read, and with the profile link when the permalink cannot be read', async () => {
    h = await startInstagramHarness();
    const photo = h.jpeg('a.jpg');
    // Container ids start with 179, media ids with 180: one fault hits the status read (polled again), one the permalink.
    h.fake.failNextTransient({ method: 'GET', path: /^\/v23\.0\/179\d+$/ });
    h.fake.failNextTransient({ method: 'GET', path: /^\/v23\.0\/180\d+$/ });

    const result = await h.publisher.publish(IG_TOKEN, 'Link', [photo], h.options());

    expect(h.fake.media).toHaveLength(1);
    expect(result.platformPostId).toBe(h.fake.media[0].id);
    expect(result.url).toBe('https://www.instagram.com/corner.bakery/');
  });
});

describe('InstagramPublisher refuses before any network call', () => {
  it('images that are not JPEG, posts without media, reels without video, carousels over 10', async () => {
    h = await startInstagramHarness();
    const cases: [string, string[], 'feed' | 'reel' | 'story', string][] = [
      ['PNG', [h.media.add('a.png', { size: 10, contentType: 'image/png' })], 'feed', 'media-type'],
      ['nothing', [], 'feed', 'media-required'],
      ['reel image', [h.jpeg('r.jpg')], 'reel', 'media-type'],
      ['eleven', Array.from({ length: 11 }, (_, i) => h.jpeg(`p${i}.jpg`)), 'feed', 'media-count'],
      ['story pair', [h.jpeg('s1.jpg'), h.jpeg('s2.jpg')], 'story', 'media-count'],
    ];
    for (const [, urls, kind, rule] of cases) {
      const error = await h.publisher.publish(IG_TOKEN, 'Caption', urls, h.options({ settings: { instagramKind: kind } })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PermanentError);
      expect((error as PermanentError).platformCode).toBe(rule);
    }
    expect(h.fake.requests).toHaveLength(0);
    expect(h.media.requests).toHaveLength(0);
  });

  it('captions with more than 30 hashtags', async () => {
    h = await startInstagramHarness();
    const caption = Array.from({ length: 31 }, (_, i) => `#tag${i}`).join(' ');

    await expect(h.publisher.publish(IG_TOKEN, caption, [h.jpeg('a.jpg')], h.options())).rejects.toMatchObject({
      kind: 'permanent',
      platformCode: 'hashtags',
    });
    expect(h.fake.requests).toHaveLength(0);
  });
});
