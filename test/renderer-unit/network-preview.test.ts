import { describe, expect, it } from 'vitest';
import { foldText, networkPreview, type PreviewMedia } from '../../renderer/src/lib/network-preview';

const image = (n: number): PreviewMedia => ({ src: `https://media.example/${n}.jpg`, kind: 'image' });
const video: PreviewMedia = { src: 'https://media.example/clip.mp4', kind: 'video' };
const long = 'Our autumn blend is back, roasted a little darker this year, with notes of cocoa and plum. '.repeat(4).trim();

describe('per-network preview', () => {
  it('folds long text where LinkedIn and Facebook fold it, with their "see more"', () => {
    const linkedIn = networkPreview({ platform: 'linkedin', text: long, options: {}, media: [], accountNames: ['Brand Inc'] });
    const first = linkedIn.posts[0];
    expect(first?.more).toBe('…see more');
    expect(Array.from(first?.text ?? '').length).toBeLessThanOrEqual(210);
    expect(long.startsWith(first?.text ?? 'x')).toBe(true);
    const facebook = networkPreview({ platform: 'facebook', text: long, options: {}, media: [], accountNames: ['Brand'] });
    expect(facebook.posts[0]?.more).toBe(null);
    expect(networkPreview({ platform: 'facebook', text: `${long} ${long}`, options: {}, media: [], accountNames: [] }).posts[0]?.more).toBe(
      '… See more',
    );
    // X shows a post whole.
    expect(networkPreview({ platform: 'twitter', text: long, options: {}, media: [], accountNames: [] }).posts[0]?.more).toBe(null);
  });

  it('folds many short lines too, and never splits an emoji', () => {
    expect(foldText('one\ntwo\nthree\nfour', { characters: 210, lines: 3, label: '…see more' })).toEqual({
      text: 'one\ntwo\nthree',
      more: '…see more',
    });
    const emoji = '👩‍👩‍👧'.repeat(3);
    const folded = foldText(`${'x'.repeat(8)}${emoji}`, { characters: 10, lines: 5, label: '…' });
    expect(Array.from(folded.text).every((char) => char !== '\uFFFD')).toBe(true);
    expect(folded.text.startsWith('xxxxxxxx')).toBe(true);
  });

  it('uses the platform’s own text, and makes a link card where the network makes one', () => {
    const preview = networkPreview({
      platform: 'linkedin',
      text: 'Read the story: https://roastery.example/blog/autumn-blend.',
      options: {},
      media: [],
      accountNames: ['Brand Inc', 'Ada'],
    });
    expect(preview.author).toBe('Brand Inc and 1 more');
    expect(preview.posts[0]?.linkCard).toEqual({ url: 'https://roastery.example/blog/autumn-blend', domain: 'roastery.example' });
    // With media attached, the media shows instead of a card; the explicit link option wins over the text.
    expect(
      networkPreview({ platform: 'facebook', text: 'https://a.example', options: {}, media: [image(1)], accountNames: [] }).posts[0]?.linkCard,
    ).toBeNull();
    expect(
      networkPreview({
        platform: 'facebook',
        text: 'see https://a.example',
        options: { link: 'https://www.b.example/x' },
        media: [],
        accountNames: [],
      }).posts[0]?.linkCard?.domain,
    ).toBe('b.example');
    const instagram = networkPreview({ platform: 'instagram', text: 'https://a.example', options: {}, media: [image(1)], accountNames: [] });
    expect(instagram.posts[0]?.linkCard).toBeNull();
    expect(instagram.notes).toContain('Links in Instagram captions cannot be tapped.');
  });

  it('lays out pictures as a grid (with +N) or a carousel, and a video as its poster', () => {
    const grid = networkPreview({ platform: 'facebook', text: '', options: {}, media: [1, 2, 3, 4, 5, 6, 7].map(image), accountNames: [] }).posts[0];
    expect(grid).toMatchObject({ mediaLayout: 'grid', hiddenMedia: 2 });
    expect(grid?.media).toHaveLength(5);
    expect(networkPreview({ platform: 'instagram', text: '', options: {}, media: [1, 2, 3].map(image), accountNames: [] }).posts[0]).toMatchObject({
      mediaLayout: 'carousel',
      hiddenMedia: 0,
    });
    const youtube = networkPreview({
      platform: 'youtube',
      text: 'Behind the roast',
      options: { title: 'How we roast' },
      media: [video],
      accountNames: [],
    });
    expect(youtube).toMatchObject({ frame: 'video', title: 'How we roast', notes: [] });
    expect(youtube.posts[0]).toMatchObject({ mediaLayout: 'video', media: [video] });
    expect(networkPreview({ platform: 'youtube', text: 'x', options: {}, media: [image(1)], accountNames: [] }).notes).toContain(
      'YouTube publishes only a video.',
    );
    expect(networkPreview({ platform: 'instagram', text: 'x', options: { instagramKind: 'reel' }, media: [video], accountNames: [] }).frame).toBe(
      'vertical',
    );
  });

  it('shows X’s thread, one post after another', () => {
    const preview = networkPreview({
      platform: 'twitter',
      text: 'A thread 🧵',
      options: { thread: ['Second', ' ', 'Third'] },
      media: [image(1)],
      accountNames: ['@brand'],
    });
    expect(preview.posts.map((post) => post.text)).toEqual(['A thread 🧵', 'Second', 'Third']);
    expect(preview.posts.map((post) => post.media.length)).toEqual([1, 0, 0]);
  });
});
