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
