// What each platform takes in a file, as one table with where each figure comes from. The composer shows these per
// file before scheduling, and the engine refuses a post that breaks one, naming the file and the rule:
// "clip.mov is 3 min 12 s; Instagram stories allow 3 s to 60 s."
import type { Platform, TargetOptions } from './domain';
import { formatBytes, formatDuration, type MediaFacts } from './media-item';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const MINUTE = 60_000;

export interface MediaLimit {
  /** How a refusal names what is limited: "Instagram feed photos", "X videos". */
  label: string;
  /** Sniffed MIME types accepted. */
  types: readonly string[];
  /** How a refusal names the accepted types: "JPEG", "MP4 or MOV". */
  typesText: string;
  maxBytes?: number;
  minBytes?: number;
  minDurationMs?: number;
  maxDurationMs?: number;
  /** Width ÷ height as shown. */
  minAspect?: number;
  maxAspect?: number;
  /** How a refusal names the aspect range: "4:5 to 1.91:1". */
  aspectText?: string;
  minWidth?: number;
  maxWidth?: number;
  minHeight?: number;
  maxHeight?: number;
  maxPixels?: number;
  minFrameRate?: number;
  maxFrameRate?: number;
  /** Video codecs accepted (mediabunny's names), and how a refusal names them. */
  videoCodecs?: readonly string[];
  codecsText?: string;
  /** Where the figures come from. */
  source: string;
}

export type MediaSlot =
  | 'twitter.image'
  | 'twitter.gif'
  | 'twitter.video'
  | 'instagram.feedImage'
  | 'instagram.carouselImage'
  | 'instagram.carouselVideo'
  | 'instagram.reel'
  | 'instagram.storyImage'
  | 'instagram.storyVideo'
  | 'facebook.photo'
  | 'facebook.video'
  | 'linkedin.image'
  | 'linkedin.video'
  | 'linkedin.document'
  | 'tiktok.video'
  | 'tiktok.photo'
  | 'youtube.video';

const JPEG = ['image/jpeg'];
const MP4_MOV = ['video/mp4', 'video/x-m4v', 'video/quicktime'];
const IG_SOURCE = 'https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media';
const IG_IMAGE: Omit<MediaLimit, 'label'> = {
  types: JPEG,
  typesText: 'JPEG',
  maxBytes: 8 * MiB,
  minAspect: 4 / 5,
  maxAspect: 1.91,
  aspectText: '4:5 to 1.91:1',
  source: IG_SOURCE,
};
const IG_VIDEO: Omit<MediaLimit, 'label' | 'minDurationMs' | 'maxDurationMs' | 'maxBytes'> = {
  types: MP4_MOV,
  typesText: 'MP4 or MOV',
  videoCodecs: ['avc', 'hevc'],
  codecsText: 'H.264 or HEVC',
  minFrameRate: 23,
  maxFrameRate: 60,
  maxWidth: 1920,
  source: IG_SOURCE,
};

export const MEDIA_LIMITS: Record<MediaSlot, MediaLimit> = {
  'twitter.image': {
    label: 'X images',
    types: ['image/jpeg', 'image/png', 'image/webp'],
    typesText: 'JPEG, PNG or WebP',
    maxBytes: 5 * MiB,
    source: 'https://docs.x.com/x-api/media/quickstart/best-practices',
  },
  'twitter.gif': {
    label: 'X GIFs',
    types: ['image/gif'],
    typesText: 'GIF',
    maxBytes: 15 * MiB,
    source: 'https://docs.x.com/x-api/media/quickstart/best-practices',
  },
  'twitter.video': {
    label: 'X videos',
    types: MP4_MOV,
    typesText: 'MP4 or MOV',
    maxBytes: 512 * MiB,
    minDurationMs: 500,
    // The longest a standard account may post; Premium allows more, and X says so itself at posting time.
    maxDurationMs: 140_000,
    minAspect: 1 / 3,
    maxAspect: 3,
    aspectText: '1:3 to 3:1',
    maxFrameRate: 60,
    source: 'https://docs.x.com/x-api/media/quickstart/best-practices',
  },
  'instagram.feedImage': { label: 'Instagram feed photos', ...IG_IMAGE },
  'instagram.carouselImage': { label: 'Instagram carousel photos', ...IG_IMAGE },
  'instagram.storyImage': { label: 'Instagram story photos', ...IG_IMAGE, minAspect: undefined, maxAspect: undefined, aspectText: undefined },
  'instagram.reel': { label: 'Instagram reels', ...IG_VIDEO, maxBytes: 300 * MiB, minDurationMs: 3_000, maxDurationMs: 15 * MINUTE },
  'instagram.carouselVideo': { label: 'Instagram carousel videos', ...IG_VIDEO, maxBytes: 300 * MiB, minDurationMs: 3_000, maxDurationMs: MINUTE },
  'instagram.storyVideo': { label: 'Instagram stories', ...IG_VIDEO, maxBytes: 100 * MiB, minDurationMs: 3_000, maxDurationMs: MINUTE },
  'facebook.photo': {
    label: 'Facebook photos',
    types: ['image/jpeg', 'image/png', 'image/gif', 'image/webp'],
    typesText: 'JPEG, PNG, GIF or WebP',
    maxBytes: 10 * MiB,
    source: 'https://developers.facebook.com/docs/graph-api/reference/page/photos',
  },
  'facebook.video': {
    label: 'Facebook videos',
    types: [...MP4_MOV, 'video/webm', 'video/x-matroska'],
    typesText: 'MP4, MOV, WebM or MKV',
    maxBytes: 10 * GiB,
    maxDurationMs: 240 * MINUTE,
    source: 'https://developers.facebook.com/docs/video-api/guides/publishing',
  },
  'linkedin.image': {
    label: 'LinkedIn images',
    types: ['image/jpeg', 'image/png', 'image/gif'],
    typesText: 'JPEG, PNG or GIF',
    maxPixels: 36_152_320,
    source: 'https://learn.microsoft.com/linkedin/marketing/community-management/shares/images-api',
  },
  'linkedin.video': {
    label: 'LinkedIn videos',
    types: ['video/mp4', 'video/x-m4v'],
    typesText: 'MP4',
    minBytes: 75 * 1024,
    maxBytes: 500 * MiB,
    minDurationMs: 3_000,
    maxDurationMs: 30 * MINUTE,
    source: 'https://learn.microsoft.com/linkedin/marketing/community-management/shares/videos-api',
  },
  'linkedin.document': {
    label: 'LinkedIn documents',
    types: [
      'application/pdf',
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    typesText: 'PDF, PPTX or DOCX',
    maxBytes: 100 * MiB,
    source: 'https://learn.microsoft.com/linkedin/marketing/community-management/shares/documents-api',
  },
  'tiktok.video': {
    label: 'TikTok videos',
    types: [...MP4_MOV, 'video/webm'],
    typesText: 'MP4, MOV or WebM',
    videoCodecs: ['avc', 'hevc', 'vp8', 'vp9'],
    codecsText: 'H.264, HEVC, VP8 or VP9',
    maxBytes: 4 * GiB,
    minDurationMs: 3_000,
    // Every creator may post 10 minutes at most; creator_info's max_video_post_duration_sec may allow less.
    maxDurationMs: 10 * MINUTE,
    minFrameRate: 23,
    maxFrameRate: 60,
    minWidth: 360,
    maxWidth: 4096,
    minHeight: 360,
    maxHeight: 4096,
    source: 'https://developers.tiktok.com/doc/content-posting-api-media-transfer-guide',
  },
  'tiktok.photo': {
    label: 'TikTok photos',
    types: ['image/jpeg', 'image/webp'],
    typesText: 'JPEG or WebP',
    maxBytes: 20 * MiB,
    source: 'https://developers.tiktok.com/doc/content-posting-api-media-transfer-guide',
  },
  'youtube.video': {
    label: 'YouTube videos',
    types: [...MP4_MOV, 'video/webm', 'video/x-matroska'],
    typesText: 'MP4, MOV, WebM or MKV',
    maxBytes: 256 * GiB,
    maxDurationMs: 12 * 60 * MINUTE,
    source: 'https://support.google.com/youtube/answer/71673',
  },
};

/**
 * Whether a file from this computer reaches the platform only through a public link, so through the media storage
 * the user sets up: Instagram fetches photos from a URL (its videos go up by Meta's resumable upload).
 */
export function needsPublicLink(platform: Platform, facts: Pick<MediaFacts, 'kind'>): boolean {
  return platform === 'instagram' && facts.kind === 'image';
}

/** What the composer says before scheduling a file that needs a public link while no media storage is set up. */
export function noMediaStorageMessage(name: string): string {
  return `${name}: Instagram fetches photos from a public link, and no media storage is set up for files from this computer. Set one up under Settings → Media storage, or use a link to the photo.`;
}

/** One file of a post as the rules see it: a name for messages, and facts when it is in the media library. */
export interface MediaCheckItem {
  name: string;
  /** Known for library items; links are judged by their extension until the platform fetches them. */
  facts?: MediaFacts;
}

const TYPE_NAMES: Record<string, string> = {
  'image/jpeg': 'a JPEG image',
  'image/png': 'a PNG image',
  'image/gif': 'a GIF',
  'image/webp': 'a WebP image',
  'video/mp4': 'an MP4 video',
  'video/x-m4v': 'an MP4 video',
  'video/quicktime': 'a MOV video',
  'video/webm': 'a WebM video',
  'video/x-matroska': 'an MKV video',
  'application/pdf': 'a PDF',
};

const CODEC_NAMES: Record<string, string> = { avc: 'H.264', hevc: 'HEVC', vp8: 'VP8', vp9: 'VP9', av1: 'AV1' };

/** Which limit applies to a file on a platform (by its place in the post), or why the platform takes no such file. */
export function mediaSlot(
  platform: Platform,
  facts: Pick<MediaFacts, 'kind' | 'mimeType'>,
  post: { count: number; options?: TargetOptions },
): MediaSlot | undefined {
  const { kind, mimeType } = facts;
  switch (platform) {
    case 'twitter':
      if (kind === 'video') return 'twitter.video';
      if (kind === 'image') return mimeType === 'image/gif' ? 'twitter.gif' : 'twitter.image';
      return undefined;
    case 'instagram': {
      const igKind = post.options?.instagramKind ?? 'feed';
      if (kind === 'document') return undefined;
      if (igKind === 'story') return kind === 'video' ? 'instagram.storyVideo' : 'instagram.storyImage';
      if (igKind === 'reel') return kind === 'video' ? 'instagram.reel' : undefined;
      if (post.count > 1) return kind === 'video' ? 'instagram.carouselVideo' : 'instagram.carouselImage';
      return kind === 'video' ? 'instagram.reel' : 'instagram.feedImage';
    }
    case 'facebook':
      return kind === 'video' ? 'facebook.video' : kind === 'image' ? 'facebook.photo' : undefined;
    case 'linkedin':
      return kind === 'video' ? 'linkedin.video' : kind === 'image' ? 'linkedin.image' : 'linkedin.document';
    case 'tiktok':
      return kind === 'video' ? 'tiktok.video' : kind === 'image' ? 'tiktok.photo' : undefined;
    case 'youtube':
      return kind === 'video' ? 'youtube.video' : undefined;
  }
}

function ratio(value: number): string {
  return `${Number(value.toFixed(2))}:1`;
}

function fps(value: number): string {
  return `${Number(value.toFixed(2))} fps`;
}

function range(min: string | undefined, max: string | undefined): string {
  if (min !== undefined && max !== undefined) return `${min} to ${max}`;
  return max !== undefined ? `up to ${max}` : `at least ${min}`;
}

/** Every limit the file breaks in this slot, as messages naming the file: empty when the platform takes it. */
export function checkMediaFacts(name: string, facts: MediaFacts, limit: MediaLimit): { rule: string; message: string }[] {
  const problems: { rule: string; message: string }[] = [];
  const fail = (rule: string, message: string): void => {
    problems.push({ rule, message });
  };
  if (!limit.types.includes(facts.mimeType)) {
    fail('media-type', `${name} is ${TYPE_NAMES[facts.mimeType] ?? facts.mimeType}; ${limit.label} must be ${limit.typesText}.`);
    return problems;
  }
  if (limit.maxBytes !== undefined && facts.sizeBytes > limit.maxBytes) {
    fail('media-size', `${name} is ${formatBytes(facts.sizeBytes)}; ${limit.label} allow up to ${formatBytes(limit.maxBytes)}.`);
  }
  if (limit.minBytes !== undefined && facts.sizeBytes < limit.minBytes) {
    fail('media-size', `${name} is ${formatBytes(facts.sizeBytes)}; ${limit.label} need at least ${formatBytes(limit.minBytes)}.`);
  }
  const duration = facts.durationMs;
  if (
    duration !== null &&
    ((limit.minDurationMs !== undefined && duration < limit.minDurationMs) || (limit.maxDurationMs !== undefined && duration > limit.maxDurationMs))
  ) {
    const allowed = range(
      limit.minDurationMs === undefined ? undefined : formatDuration(limit.minDurationMs),
      limit.maxDurationMs === undefined ? undefined : formatDuration(limit.maxDurationMs),
    );
    fail('media-duration', `${name} is ${formatDuration(duration)}; ${limit.label} allow ${allowed}.`);
  }
  const { width, height } = facts;
  if (width !== null && height !== null && height > 0) {
    const aspect = width / height;
    if ((limit.minAspect !== undefined && aspect < limit.minAspect - 0.005) || (limit.maxAspect !== undefined && aspect > limit.maxAspect + 0.005)) {
      const allowed =
        limit.aspectText ??
        range(limit.minAspect === undefined ? undefined : ratio(limit.minAspect), limit.maxAspect === undefined ? undefined : ratio(limit.maxAspect));
      fail('media-aspect', `${name} is ${width} × ${height} (${ratio(aspect)}); ${limit.label} allow ${allowed}.`);
    }
    if ((limit.minWidth !== undefined && width < limit.minWidth) || (limit.maxWidth !== undefined && width > limit.maxWidth)) {
      fail('media-width', `${name} is ${width} px wide; ${limit.label} allow ${range(limit.minWidth?.toString(), limit.maxWidth?.toString())} px.`);
    }
    if ((limit.minHeight !== undefined && height < limit.minHeight) || (limit.maxHeight !== undefined && height > limit.maxHeight)) {
      fail(
        'media-height',
        `${name} is ${height} px high; ${limit.label} allow ${range(limit.minHeight?.toString(), limit.maxHeight?.toString())} px.`,
      );
    }
    if (limit.maxPixels !== undefined && width * height > limit.maxPixels) {
      fail(
        'media-pixels',
        `${name} has ${((width * height) / 1e6).toFixed(1)} megapixels; ${limit.label} allow up to ${(limit.maxPixels / 1e6).toFixed(1)}.`,
      );
    }
  }
  const rate = facts.frameRate;
  if (
    rate !== null &&
    ((limit.minFrameRate !== undefined && rate < limit.minFrameRate - 0.01) || (limit.maxFrameRate !== undefined && rate > limit.maxFrameRate + 0.01))
  ) {
    fail(
      'media-frame-rate',
      `${name} runs at ${fps(rate)}; ${limit.label} allow ${range(limit.minFrameRate === undefined ? undefined : fps(limit.minFrameRate), limit.maxFrameRate === undefined ? undefined : fps(limit.maxFrameRate))}.`,
    );
  }
  if (limit.videoCodecs !== undefined && facts.videoCodec !== null && !limit.videoCodecs.includes(facts.videoCodec)) {
    fail(
      'media-codec',
      `${name} is encoded as ${CODEC_NAMES[facts.videoCodec] ?? facts.videoCodec}; ${limit.label} must be ${limit.codecsText ?? limit.videoCodecs.join(', ')}.`,
    );
  }
  return problems;
}
