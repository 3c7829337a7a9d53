// Which containers a post needs (platforms.md §3): one image, a REELS video (single feed videos are reels), a story,
// or carousel items under a CAROUSEL parent. Instagram fetches the media from the URLs itself.
import type { TargetOptions } from '../../../../shared/domain';
import { mediaKind } from '../../../../shared/media';

export type InstagramKind = NonNullable<TargetOptions['instagramKind']>;

export interface ContainerPlan {
  /** Carousel items, created first; empty for a single-media post. */
  children: Record<string, string>[];
  /** The container that is published; its `children` field is filled in from the created items. */
  parent: Record<string, string>;
}

function mediaFields(url: string): Record<string, string> {
  return mediaKind(url) === 'video' ? { video_url: url } : { image_url: url };
}

export function planContainers(kind: InstagramKind, caption: string, mediaUrls: readonly string[]): ContainerPlan {
  const withCaption: Record<string, string> = caption.trim() === '' ? {} : { caption };
  if (kind === 'story') {
    // Stories take no caption: the text stays in the app only.
    return { children: [], parent: { media_type: 'STORIES', ...mediaFields(mediaUrls[0]) } };
  }
  if (mediaUrls.length > 1) {
    const children = mediaUrls.map((url): Record<string, string> =>
      mediaKind(url) === 'video' ? { is_carousel_item: 'true', media_type: 'VIDEO', video_url: url } : { is_carousel_item: 'true', image_url: url },
    );
    return { children, parent: { media_type: 'CAROUSEL', ...withCaption } };
  }
  const url = mediaUrls[0];
  if (kind === 'reel' || mediaKind(url) === 'video') return { children: [], parent: { media_type: 'REELS', video_url: url, ...withCaption } };
  return { children: [], parent: { image_url: url, ...withCaption } };
}

/** The caption Instagram will show, as used to recognise the post later. */
export function instagramCaption(kind: InstagramKind, text: string): string {
  return kind === 'story' ? '' : text.trim();
}
