// What each platform accepts, checked before anything is queued, with messages a social media manager understands.
// The engine refuses a target that breaks a rule; the composer shows the same checks as the user types.
import twitterText from 'twitter-text';
import { PLATFORM_LABELS, type Platform, type TargetOptions } from './domain';
import { isJpeg, mediaExtension, mediaKind } from './media';

export interface TargetContent {
  platform: Platform;
  text: string;
  mediaUrls: readonly string[];
  options?: TargetOptions;
}

export interface RuleViolation {
  platform: Platform;
  /** A short machine name of the rule, e.g. `text-too-long`. */
  rule: string;
  /** The input field at fault: `text`, `mediaUrls`, `options.title` … */
  field: string;
  message: string;
}

export interface TextMeasure {
  /** Length as the platform counts it (X: weighted, URLs 23). */
  length: number;
  limit: number;
  /** What the count means, for the counter's tooltip. */
  unit: string;
}

export const TEXT_LIMITS: Record<Platform, number> = {
  twitter: 280,
  facebook: 63206,
  instagram: 2200,
  linkedin: 3000,
  tiktok: 2200,
  youtube: 5000,
};

export const YOUTUBE_TITLE_LIMIT = 100;
export const TIKTOK_PHOTO_TITLE_LIMIT = 90;
export const INSTAGRAM_HASHTAG_LIMIT = 30;
export const INSTAGRAM_MENTION_LIMIT = 20;

const utf8 = new TextEncoder();

export function measureText(platform: Platform, text: string): TextMeasure {
  const limit = TEXT_LIMITS[platform];
  switch (platform) {
    case 'twitter':
      return { length: twitterText.parseTweet(text).weightedLength, limit, unit: 'weighted characters (links count 23)' };
    case 'youtube':
      // The description limit is in bytes.
      return { length: utf8.encode(text).length, limit, unit: 'bytes of description' };
    case 'tiktok':
      return { length: text.length, limit, unit: 'UTF-16 characters' };
    default:
      return { length: [...text].length, limit, unit: 'characters' };
  }
}

function countMatches(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

/** Every rule the target breaks; empty when the platform would accept it. */
export function checkTarget(content: TargetContent): RuleViolation[] {
  const { platform, text, mediaUrls } = content;
  const options = content.options ?? {};
  const label = PLATFORM_LABELS[platform];
  const violations: RuleViolation[] = [];
  const fail = (rule: string, field: string, message: string): void => {
    violations.push({ platform, rule, field, message });
  };

  const images = mediaUrls.filter((url) => mediaKind(url) === 'image');
  const videos = mediaUrls.filter((url) => mediaKind(url) === 'video');
  const unknown = mediaUrls.filter((url) => mediaKind(url) === 'unknown');
  for (const url of unknown) {
    fail(
      'media-type',
      'mediaUrls',
      `${label} cannot tell what "${url}" is: media links must end in .jpg, .png, .gif, .webp, .mp4, .mov, .m4v or .webm.`,
    );
  }

  const measure = measureText(platform, text);
  if (measure.length > measure.limit) {
    fail(
      'text-too-long',
      'text',
      `${label} allows ${measure.limit} ${measure.unit}; this text has ${measure.length}. Shorten it by ${measure.length - measure.limit}.`,
    );
  }
  if (text.trim() === '' && mediaUrls.length === 0) {
    fail('empty', 'text', `${label} needs text or media: the post is empty.`);
  }

  switch (platform) {
    case 'twitter': {
      if (videos.length > 1) fail('media-count', 'mediaUrls', 'X allows one video per post.');
      if (videos.length > 0 && images.length > 0) fail('media-mix', 'mediaUrls', 'X cannot mix a video with images in one post.');
      if (images.length > 4) fail('media-count', 'mediaUrls', `X allows up to 4 images per post; this post has ${images.length}.`);
      (options.thread ?? []).forEach((reply, index) => {
        const length = twitterText.parseTweet(reply).weightedLength;
        if (length > 280)
          fail('text-too-long', `options.thread.${index}`, `X allows 280 weighted characters; thread post ${index + 2} has ${length}.`);
        if (reply.trim() === '') fail('empty', `options.thread.${index}`, `Thread post ${index + 2} is empty.`);
      });
      break;
    }
    case 'facebook': {
      if (videos.length > 1) fail('media-count', 'mediaUrls', 'Facebook allows one video per post.');
      if (videos.length > 0 && images.length > 0) fail('media-mix', 'mediaUrls', 'Facebook cannot mix a video with photos in one post.');
      break;
    }
    case 'instagram': {
      const kind = options.instagramKind ?? 'feed';
      if (mediaUrls.length === 0) fail('media-required', 'mediaUrls', 'Instagram needs at least one image or video.');
      if (mediaUrls.length > 10) fail('media-count', 'mediaUrls', `Instagram carousels hold up to 10 items; this post has ${mediaUrls.length}.`);
      if ((kind === 'reel' || kind === 'story') && mediaUrls.length > 1)
        fail('media-count', 'mediaUrls', `An Instagram ${kind} holds one image or video.`);
      if (kind === 'reel' && images.length > 0) fail('media-type', 'mediaUrls', 'An Instagram reel needs a video.');
      for (const url of images) {
        if (!isJpeg(url)) fail('media-type', 'mediaUrls', `Instagram accepts JPEG images only; "${url}" is .${mediaExtension(url)}.`);
      }
      const hashtags = countMatches(text, /(^|\s)#[\p{L}\p{N}_]+/gu);
      if (hashtags > INSTAGRAM_HASHTAG_LIMIT)
        fail('hashtags', 'text', `Instagram allows ${INSTAGRAM_HASHTAG_LIMIT} hashtags; this caption has ${hashtags}.`);
      const mentions = countMatches(text, /(^|\s)@[\p{L}\p{N}._]+/gu);
      if (mentions > INSTAGRAM_MENTION_LIMIT)
        fail('mentions', 'text', `Instagram allows ${INSTAGRAM_MENTION_LIMIT} @mentions; this caption has ${mentions}.`);
      break;
    }
    case 'linkedin': {
      if (videos.length > 1) fail('media-count', 'mediaUrls', 'LinkedIn allows one video per post.');
      if (videos.length > 0 && images.length > 0) fail('media-mix', 'mediaUrls', 'LinkedIn cannot mix a video with images in one post.');
      if (images.length > 20) fail('media-count', 'mediaUrls', `LinkedIn allows up to 20 images per post; this post has ${images.length}.`);
      break;
    }
    case 'tiktok': {
      if (mediaUrls.length === 0) fail('media-required', 'mediaUrls', 'TikTok needs a video (or photos).');
      if (videos.length > 1) fail('media-count', 'mediaUrls', 'TikTok allows one video per post.');
      if (videos.length > 0 && images.length > 0) fail('media-mix', 'mediaUrls', 'TikTok cannot mix a video with photos in one post.');
      if (images.length > 35) fail('media-count', 'mediaUrls', `TikTok photo posts hold up to 35 photos; this post has ${images.length}.`);
      for (const url of images) {
        const ext = mediaExtension(url);
        if (ext !== 'jpg' && ext !== 'jpeg' && ext !== 'webp')
          fail('media-type', 'mediaUrls', `TikTok photo posts accept JPEG or WebP; "${url}" is .${ext}.`);
      }
      if (images.length > 0 && options.title !== undefined && [...options.title].length > TIKTOK_PHOTO_TITLE_LIMIT) {
        fail('title-too-long', 'options.title', `A TikTok photo post title allows ${TIKTOK_PHOTO_TITLE_LIMIT} characters.`);
      }
      break;
    }
    case 'youtube': {
      if (videos.length !== 1 || mediaUrls.length !== 1) fail('media-required', 'mediaUrls', 'YouTube needs exactly one video.');
      const title = options.title?.trim() ?? '';
      if (title === '') fail('title-required', 'options.title', 'YouTube needs a video title.');
      else if ([...title].length > YOUTUBE_TITLE_LIMIT)
        fail('title-too-long', 'options.title', `YouTube titles allow ${YOUTUBE_TITLE_LIMIT} characters; this one has ${[...title].length}.`);
      if (/[<>]/.test(title)) fail('title-characters', 'options.title', 'YouTube titles cannot contain < or >.');
      if (/[<>]/.test(text)) fail('description-characters', 'text', 'YouTube descriptions cannot contain < or >.');
      break;
    }
  }
  return violations;
}
