// The platform rules the engine enforces before queueing and the composer shows as the user types.
import { describe, expect, it } from 'vitest';
import { checkTarget, measureText } from '../../shared/platform-rules';
import { mediaKind } from '../../shared/media';

const rules = (violations: ReturnType<typeof checkTarget>) => violations.map((v) => `${v.platform}:${v.rule}:${v.field}`);

describe('platform rules', () => {
  it("counts X's weighted length: links are 23, CJK and emoji weigh 2", () => {
    expect(measureText('twitter', 'hello').length).toBe(5);
    expect(measureText('twitter', 'see https://example.com/a/very/long/path/that/is/long').length).toBe(4 + 23);
    expect(measureText('twitter', '日本').length).toBe(4);
    expect(measureText('twitter', '👍🏽').length).toBe(2);
  });

  it('refuses text over a platform limit, naming the platform and how much to cut', () => {
    const [violation] = checkTarget({ platform: 'twitter', text: 'a'.repeat(281), mediaUrls: [] });
    expect(violation).toMatchObject({ platform: 'twitter', rule: 'text-too-long', field: 'text' });
    expect(violation?.message).toBe('X (Twitter) allows 280 weighted characters (links count 23); this text has 281. Shorten it by 1.');
    expect(checkTarget({ platform: 'twitter', text: 'a'.repeat(280), mediaUrls: [] })).toEqual([]);
    expect(rules(checkTarget({ platform: 'linkedin', text: 'a'.repeat(3001), mediaUrls: [] }))).toEqual(['linkedin:text-too-long:text']);
  });

  it('counts the YouTube description in bytes', () => {
    expect(measureText('youtube', 'é').length).toBe(2);
  });

  it('knows which platforms need media, a video or a title', () => {
    expect(rules(checkTarget({ platform: 'instagram', text: 'caption', mediaUrls: [] }))).toEqual(['instagram:media-required:mediaUrls']);
    expect(rules(checkTarget({ platform: 'instagram', text: 'caption', mediaUrls: ['https://cdn.example/a.png'] }))).toEqual([
      'instagram:media-type:mediaUrls',
    ]);
    expect(rules(checkTarget({ platform: 'tiktok', text: 'hi', mediaUrls: [] }))).toEqual(['tiktok:media-required:mediaUrls']);
    expect(rules(checkTarget({ platform: 'youtube', text: 'desc', mediaUrls: ['https://cdn.example/v.mp4'] }))).toEqual([
      'youtube:title-required:options.title',
    ]);
    expect(checkTarget({ platform: 'youtube', text: 'desc', mediaUrls: ['https://cdn.example/v.mp4'], options: { title: 'Launch' } })).toEqual([]);
    expect(rules(checkTarget({ platform: 'youtube', text: 'desc', mediaUrls: ['https://cdn.example/a.jpg'], options: { title: 'T' } }))).toEqual([
      'youtube:media-required:mediaUrls',
    ]);
  });

  it('limits media counts and mixes per platform', () => {
    const images = (n: number) => Array.from({ length: n }, (_, i) => `https://cdn.example/${i}.jpg`);
    expect(rules(checkTarget({ platform: 'twitter', text: 'x', mediaUrls: images(5) }))).toEqual(['twitter:media-count:mediaUrls']);
    expect(rules(checkTarget({ platform: 'twitter', text: 'x', mediaUrls: [...images(1), 'https://cdn.example/v.mp4'] }))).toEqual([
      'twitter:media-mix:mediaUrls',
    ]);
    expect(rules(checkTarget({ platform: 'instagram', text: 'x', mediaUrls: images(11) }))).toEqual(['instagram:media-count:mediaUrls']);
    expect(checkTarget({ platform: 'facebook', text: 'x', mediaUrls: images(12) })).toEqual([]);
  });

  it('checks every post of an X thread, naming which one', () => {
    const violations = checkTarget({ platform: 'twitter', text: 'first', mediaUrls: [], options: { thread: ['fine', 'b'.repeat(300)] } });
    expect(rules(violations)).toEqual(['twitter:text-too-long:options.thread.1']);
    expect(violations[0]?.message).toContain('thread post 3');
  });

  it('tells media kinds by extension, ignoring query strings', () => {
    expect(mediaKind('https://cdn.example/a.JPG?w=10')).toBe('image');
    expect(mediaKind('https://cdn.example/clip.mov')).toBe('video');
    expect(mediaKind('https://cdn.example/page')).toBe('unknown');
  });
});
