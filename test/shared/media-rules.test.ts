// Each platform's media rules against file facts: every refusal names the file and the rule, every figure has a source.
import { describe, expect, it } from 'vitest';
import type { Platform, TargetOptions } from '../../shared/domain';
import type { MediaFacts } from '../../shared/media-item';
import { MEDIA_LIMITS } from '../../shared/media-rules';
import { checkTarget, type TargetMediaItem } from '../../shared/platform-rules';

const MB = 1024 * 1024;

function image(overrides: Partial<MediaFacts> = {}): MediaFacts {
  return {
    kind: 'image',
    mimeType: 'image/jpeg',
    sizeBytes: MB,
    width: 1080,
    height: 1080,
    durationMs: null,
    videoCodec: null,
    audioCodec: null,
    frameRate: null,
    ...overrides,
  };
}

function video(overrides: Partial<MediaFacts> = {}): MediaFacts {
  return {
    kind: 'video',
    mimeType: 'video/mp4',
    sizeBytes: 20 * MB,
    width: 1080,
    height: 1920,
    durationMs: 30_000,
    videoCodec: 'avc',
    audioCodec: 'aac',
    frameRate: 30,
    ...overrides,
  };
}

function document(overrides: Partial<MediaFacts> = {}): MediaFacts {
  return {
    kind: 'document',
    mimeType: 'application/pdf',
    sizeBytes: 2 * MB,
    width: null,
    height: null,
    durationMs: null,
    videoCodec: null,
    audioCodec: null,
    frameRate: null,
    ...overrides,
  };
}

/** The refusals for these files on a platform, as `field: message`. */
function refusals(platform: Platform, media: TargetMediaItem[], options: TargetOptions = {}): string[] {
  return checkTarget({ platform, text: 'Hello', mediaUrls: [], media, options: { title: 'A title', ...options } })
    .filter((violation) => violation.field.startsWith('media'))
    .map((violation) => `${violation.field}: ${violation.message}`);
}

describe('media rules', () => {
  it('every figure says where it comes from', () => {
    for (const [slot, limit] of Object.entries(MEDIA_LIMITS)) {
      expect(limit.source, slot).toMatch(/^https:\/\//);
      expect(limit.types.length, slot).toBeGreaterThan(0);
    }
  });

  it('Instagram: stories, reels, feed photos and carousels', () => {
    expect(
      refusals('instagram', [{ name: 'clip.mov', facts: video({ mimeType: 'video/quicktime', durationMs: 192_000 }) }], { instagramKind: 'story' }),
    ).toEqual(['media.0: clip.mov is 3 min 12 s; Instagram stories allow 3 s to 1 min.']);
    expect(refusals('instagram', [{ name: 'clip.mov', facts: video({ durationMs: 192_000 }) }], { instagramKind: 'reel' })).toEqual([]);
    expect(refusals('instagram', [{ name: 'long.mp4', facts: video({ durationMs: 16 * 60_000 }) }], { instagramKind: 'reel' })).toEqual([
      'media.0: long.mp4 is 16 min; Instagram reels allow 3 s to 15 min.',
    ]);
    expect(refusals('instagram', [{ name: 'photo.png', facts: image({ mimeType: 'image/png' }) }])).toEqual([
      'media.0: photo.png is a PNG image; Instagram feed photos must be JPEG.',
    ]);
    expect(refusals('instagram', [{ name: 'tall.jpg', facts: image({ width: 1080, height: 1920 }) }])).toEqual([
      'media.0: tall.jpg is 1080 × 1920 (0.56:1); Instagram feed photos allow 4:5 to 1.91:1.',
    ]);
    expect(refusals('instagram', [{ name: 'big.jpg', facts: image({ sizeBytes: 9 * MB }) }])).toEqual([
      'media.0: big.jpg is 9 MB; Instagram feed photos allow up to 8 MB.',
    ]);
    expect(
      refusals('instagram', [{ name: 'uhd.webm', facts: video({ mimeType: 'video/webm', videoCodec: 'vp9' }) }], { instagramKind: 'reel' }),
    ).toEqual(['media.0: uhd.webm is a WebM video; Instagram reels must be MP4 or MOV.']);
    expect(
      refusals('instagram', [{ name: 'fast.mp4', facts: video({ frameRate: 120, width: 3840, height: 2160, videoCodec: 'av1' }) }], {
        instagramKind: 'reel',
      }),
    ).toEqual([
      'media.0: fast.mp4 is 3840 px wide; Instagram reels allow up to 1920 px.',
      'media.0: fast.mp4 runs at 120 fps; Instagram reels allow 23 fps to 60 fps.',
      'media.0: fast.mp4 is encoded as AV1; Instagram reels must be H.264 or HEVC.',
    ]);
    expect(
      refusals('instagram', [
        { name: 'a.jpg', facts: image() },
        { name: 'b.mp4', facts: video({ durationMs: 90_000 }) },
      ]),
    ).toEqual(['media.1: b.mp4 is 1 min 30 s; Instagram carousel videos allow 3 s to 1 min.']);
  });

  it('X: images, GIFs and videos', () => {
    expect(refusals('twitter', [{ name: 'big.png', facts: image({ mimeType: 'image/png', sizeBytes: 6 * MB }) }])).toEqual([
      'media.0: big.png is 6 MB; X images allow up to 5 MB.',
    ]);
    expect(refusals('twitter', [{ name: 'anim.gif', facts: image({ mimeType: 'image/gif', sizeBytes: 6 * MB }) }])).toEqual([]);
    expect(refusals('twitter', [{ name: 'talk.mp4', facts: video({ durationMs: 180_000, width: 1920, height: 1080 }) }])).toEqual([
      'media.0: talk.mp4 is 3 min; X videos allow 0.5 s to 2 min 20 s.',
    ]);
    expect(refusals('twitter', [{ name: 'blink.mp4', facts: video({ durationMs: 300 }) }])).toEqual([
      'media.0: blink.mp4 is 0.3 s; X videos allow 0.5 s to 2 min 20 s.',
    ]);
    expect(refusals('twitter', [{ name: 'strip.mp4', facts: video({ width: 1920, height: 400 }) }])).toEqual([
      'media.0: strip.mp4 is 1920 × 400 (4.8:1); X videos allow 1:3 to 3:1.',
    ]);
  });

  it('TikTok: the duration range, frame size and photo types', () => {
    expect(refusals('tiktok', [{ name: 'short.mp4', facts: video({ durationMs: 2_000 }) }])).toEqual([
      'media.0: short.mp4 is 2 s; TikTok videos allow 3 s to 10 min.',
    ]);
    expect(refusals('tiktok', [{ name: 'long.mp4', facts: video({ durationMs: 11 * 60_000 }) }])).toEqual([
      'media.0: long.mp4 is 11 min; TikTok videos allow 3 s to 10 min.',
    ]);
    expect(refusals('tiktok', [{ name: 'tiny.mp4', facts: video({ width: 320, height: 240 }) }])).toEqual([
      'media.0: tiny.mp4 is 320 px wide; TikTok videos allow 360 to 4096 px.',
      'media.0: tiny.mp4 is 240 px high; TikTok videos allow 360 to 4096 px.',
    ]);
    expect(refusals('tiktok', [{ name: 'slide.png', facts: image({ mimeType: 'image/png' }) }])).toEqual([
      'media.0: slide.png is a PNG image; TikTok photos must be JPEG or WebP.',
      'media.0: TikTok takes photos only from web links on a domain verified with TikTok; slide.png is a file on this computer.',
    ]);
  });

  it('LinkedIn: documents and videos', () => {
    expect(refusals('linkedin', [{ name: 'deck.pdf', facts: document() }])).toEqual([]);
    expect(refusals('linkedin', [{ name: 'deck.pdf', facts: document({ sizeBytes: 120 * MB }) }])).toEqual([
      'media.0: deck.pdf is 120 MB; LinkedIn documents allow up to 100 MB.',
    ]);
    expect(
      refusals('linkedin', [
        { name: 'deck.pdf', facts: document() },
        { name: 'a.jpg', facts: image() },
      ]),
    ).toEqual(['media: LinkedIn posts a document on its own, without other media.']);
    expect(refusals('linkedin', [{ name: 'clip.mp4', facts: video({ durationMs: 31 * 60_000 }) }])).toEqual([
      'media.0: clip.mp4 is 31 min; LinkedIn videos allow 3 s to 30 min.',
    ]);
    expect(refusals('linkedin', [{ name: 'clip.mov', facts: video({ mimeType: 'video/quicktime' }) }])).toEqual([
      'media.0: clip.mov is a MOV video; LinkedIn videos must be MP4.',
    ]);
    expect(refusals('linkedin', [{ name: 'huge.jpg', facts: image({ width: 8000, height: 5000 }) }])).toEqual([
      'media.0: huge.jpg has 40.0 megapixels; LinkedIn images allow up to 36.2.',
    ]);
    expect(refusals('twitter', [{ name: 'deck.pdf', facts: document() }])).toEqual([
      'media.0: deck.pdf is a document; only LinkedIn publishes documents.',
    ]);
  });

  it('YouTube and Facebook', () => {
    expect(refusals('youtube', [{ name: 'stream.mkv', facts: video({ mimeType: 'video/x-matroska', durationMs: 13 * 3_600_000 }) }])).toEqual([
      'media.0: stream.mkv is 13 h; YouTube videos allow up to 12 h.',
    ]);
    expect(refusals('facebook', [{ name: 'poster.jpg', facts: image({ sizeBytes: 11 * MB }) }])).toEqual([
      'media.0: poster.jpg is 11 MB; Facebook photos allow up to 10 MB.',
    ]);
  });

  it('links are still judged by their extension, alongside library items', () => {
    const media: TargetMediaItem[] = [
      { name: 'https://cdn.example.com/a.png', url: 'https://cdn.example.com/a.png' },
      { name: 'b.jpg', facts: image() },
    ];
    expect(refusals('instagram', media)).toEqual(['media: Instagram accepts JPEG images only; "https://cdn.example.com/a.png" is .png.']);
  });
});
