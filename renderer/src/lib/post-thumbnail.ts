// The picture that stands for a post in the calendar and lists: its first image, or a video mark.
import type { PostView } from '../../../shared/domain';
import { mediaKind } from '../../../shared/media';

export type PostThumbnail = { kind: 'image'; url: string } | { kind: 'video' };

export function postThumbnail(post: Pick<PostView, 'mediaUrls'>): PostThumbnail | null {
  if (post.mediaUrls.length === 0) return null;
  const image = post.mediaUrls.find((url) => mediaKind(url) === 'image');
  if (image) return { kind: 'image', url: image };
  // A video's poster would mean loading the video; a mark says enough at this size.
  return post.mediaUrls.some((url) => mediaKind(url) === 'video') ? { kind: 'video' } : null;
}

/**
 * Starts loading and decoding a picture, so an <img> of it made a moment later is drawn from the page's cache in the
 * same frame as its page instead of a frame or more after it.
 */
export function warmImage(url: string): void {
  const image = new Image();
  image.src = url;
  // A picture that cannot load is said by its own <img> (a plain tile), not here.
  image.decode().catch(() => undefined);
}

/** Warms a post's picture, if it has one (see warmImage). */
export function warmThumbnail(post: Pick<PostView, 'mediaUrls'>): void {
  const thumbnail = postThumbnail(post);
  if (thumbnail?.kind === 'image') warmImage(thumbnail.url);
}
