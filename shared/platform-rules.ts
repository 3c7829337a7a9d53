// What each platform accepts, checked before anything is queued, with messages a social media manager understands.
// The engine refuses a target that breaks a rule; the composer shows the same checks as the user types.
import twitterText from 'twitter-text';
import { PLATFORM_LABELS, type Platform, type TargetOptions } from './domain';
import { isJpeg, mediaExtension, mediaKind } from './media';
import { checkMediaFacts, MEDIA_LIMITS, mediaSlot, type MediaCheckItem } from './media-rules';

/** One entry of a post's media for the rules: a library item (with facts) or a link (judged by its extension). */
export interface TargetMediaItem extends MediaCheckItem {
  /** Set for links. */
  url?: string;
}

export interface TargetContent {
  platform: Platform;
  text: string;
  mediaUrls: readonly string[];
  /** The post's media in order when it has library items; replaces mediaUrls, and refusals name `media.<i>`. */
  media?: readonly TargetMediaItem[];
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
  const { platform, text } = content;
  const options = content.options ?? {};
  const label = PLATFORM_LABELS[platform];
  const violations: RuleViolation[] = [];
  const fail = (rule: string, field: string, message: string): void => {
    violations.push({ platform, rule, field, message });
  };

  const items: readonly TargetMediaItem[] = content.media ?? content.mediaUrls.map((url) => ({ name: url, url }));
  const mediaField = (item?: TargetMediaItem): string => (content.media ? (item ? `media.${items.indexOf(item)}` : 'media') : 'mediaUrls');
  const kindOf = (item: TargetMediaItem) => item.facts?.kind ?? mediaKind(item.url ?? item.name);
  const images = items.filter((item) => kindOf(item) === 'image');
  const videos = items.filter((item) => kindOf(item) === 'video');
  const documents = items.filter((item) => kindOf(item) === 'document');
  const links = (list: readonly TargetMediaItem[]) => list.filter((item) => item.facts === undefined).map((item) => item.url ?? item.name);
  for (const item of items.filter((candidate) => kindOf(candidate) === 'unknown')) {
    fail(
      'media-type',
      mediaField(item),
      `${label} cannot tell what "${item.url ?? item.name}" is: media links must end in .jpg, .png, .gif, .webp, .mp4, .mov, .m4v or .webm.`,
    );
  }
  for (const item of items) {
    if (!item.facts) continue;
    const slot = mediaSlot(platform, item.facts, { count: items.length, options });
    if (slot === undefined) {
      if (item.facts.kind === 'document') fail('media-type', mediaField(item), `${item.name} is a document; only LinkedIn publishes documents.`);
      continue;
    }
    for (const problem of checkMediaFacts(item.name, item.facts, MEDIA_LIMITS[slot])) fail(problem.rule, mediaField(item), problem.message);
  }

  const measure = measureText(platform, text);
  if (measure.length > measure.limit) {
    fail(
      'text-too-long',
      'text',
      `${label} allows ${measure.limit} ${measure.unit}; this text has ${measure.length}. Shorten it by ${measure.length - measure.limit}.`,
    );
  }
  if (text.trim() === '' && items.length === 0) {
    fail('empty', 'text', `${label} needs text or media: the post is empty.`);
  }

  switch (platform) {
    case 'twitter': {
      if (videos.length > 1) fail('media-count', mediaField(), 'X allows one video per post.');
      if (videos.length > 0 && images.length > 0) fail('media-mix', mediaField(), 'X cannot mix a video with images in one post.');
      if (images.length > 4) fail('media-count', mediaField(), `X allows up to 4 images per post; this post has ${images.length}.`);
      (options.thread ?? []).forEach((reply, index) => {
        const length = twitterText.parseTweet(reply).weightedLength;
        if (length > 280)
          fail('text-too-long', `options.thread.${index}`, `X allows 280 weighted characters; thread post ${index + 2} has ${length}.`);
        if (reply.trim() === '') fail('empty', `options.thread.${index}`, `Thread post ${index + 2} is empty.`);
      });
      break;
    }
    case 'facebook': {
      if (videos.length > 1) fail('media-count', mediaField(), 'Facebook allows one video per post.');
      if (videos.length > 0 && images.length > 0) fail('media-mix', mediaField(), 'Facebook cannot mix a video with photos in one post.');
      break;
    }
    case 'instagram': {
      const kind = options.instagramKind ?? 'feed';
      if (items.length === 0) fail('media-required', mediaField(), 'Instagram needs at least one image or video.');
      if (items.length > 10) fail('media-count', mediaField(), `Instagram carousels hold up to 10 items; this post has ${items.length}.`);
      if ((kind === 'reel' || kind === 'story') && items.length > 1)
        fail('media-count', mediaField(), `An Instagram ${kind} holds one image or video.`);
      if (kind === 'reel' && images.length > 0) fail('media-type', mediaField(), 'An Instagram reel needs a video.');
      for (const url of links(images)) {
        if (!isJpeg(url)) fail('media-type', mediaField(), `Instagram accepts JPEG images only; "${url}" is .${mediaExtension(url)}.`);
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
      if (documents.length > 0 && items.length > 1) fail('media-mix', mediaField(), 'LinkedIn posts a document on its own, without other media.');
      if (videos.length > 1) fail('media-count', mediaField(), 'LinkedIn allows one video per post.');
      if (videos.length > 0 && images.length > 0) fail('media-mix', mediaField(), 'LinkedIn cannot mix a video with images in one post.');
      if (images.length > 20) fail('media-count', mediaField(), `LinkedIn allows up to 20 images per post; this post has ${images.length}.`);
      break;
    }
    case 'tiktok': {
      if (items.length === 0) fail('media-required', mediaField(), 'TikTok needs a video (or photos).');
      if (videos.length > 1) fail('media-count', mediaField(), 'TikTok allows one video per post.');
      if (videos.length > 0 && images.length > 0) fail('media-mix', mediaField(), 'TikTok cannot mix a video with photos in one post.');
      if (images.length > 35) fail('media-count', mediaField(), `TikTok photo posts hold up to 35 photos; this post has ${images.length}.`);
      for (const item of images) {
        if (item.facts)
          fail(
            'media-source',
            mediaField(item),
            `TikTok takes photos only from web links on a domain verified with TikTok; ${item.name} is a file on this computer.`,
          );
      }
      for (const url of links(images)) {
        const ext = mediaExtension(url);
        if (ext !== 'jpg' && ext !== 'jpeg' && ext !== 'webp')
          fail('media-type', mediaField(), `TikTok photo posts accept JPEG or WebP; "${url}" is .${ext}.`);
      }
      if (images.length > 0 && options.title !== undefined && [...options.title].length > TIKTOK_PHOTO_TITLE_LIMIT) {
        fail('title-too-long', 'options.title', `A TikTok photo post title allows ${TIKTOK_PHOTO_TITLE_LIMIT} characters.`);
      }
      break;
    }
    case 'youtube': {
      if (videos.length !== 1 || items.length !== 1) fail('media-required', mediaField(), 'YouTube needs exactly one video.');
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
