// Which containers a post needs (platforms.md §3): one image, a REELS video (single feed videos are reels), a story,
// or carousel items under a CAROUSEL parent. Instagram fetches each medium from a public URL itself, except a video
// pushed with Meta's resumable upload (Facebook Login only): its container is created with upload_type=resumable
// and the file is sent to the upload URI Instagram answers with.
import type { TargetOptions } from '../../../../shared/domain';
import type { MediaFile } from '../base/media';

export type InstagramKind = NonNullable<TargetOptions['instagramKind']>;

/** One medium of the post, ready for a container: a public link, or a video file for a resumable upload. */
export type ContainerMedia =
  | {
      kind: 'image' | 'video';
      url: string;
      altText?: string | undefined;
      /** The file's name when the link is to the media storage. */ stored?: string;
    }
  | { kind: 'video'; upload: MediaFile; altText?: string | undefined };

export interface ContainerSpec {
  fields: Record<string, string>;
  /** The name of a file the container fetches from the user's media storage, for messages. */
  stored?: string;
  /** A video sent to the container's upload URI after it is created. */
  upload?: MediaFile;
}

export interface ContainerPlan {
  /** Carousel items, created first; empty for a single-media post. */
  children: ContainerSpec[];
  /** The container that is published; its `children` field is filled in from the created items. */
  parent: ContainerSpec;
}

function videoSource(media: ContainerMedia): ContainerSpec {
  return 'upload' in media ? { fields: { upload_type: 'resumable' }, upload: media.upload } : { fields: { video_url: media.url } };
}

/** An image container; alt text goes with feed and carousel images only (Instagram takes none for stories). */
function imageSpec(media: ContainerMedia, extra: Record<string, string>): ContainerSpec {
  const { url, altText, stored } = media as Extract<ContainerMedia, { url: string }>;
  const alt = extra.media_type === 'STORIES' ? undefined : altText?.trim();
  return { fields: { ...extra, image_url: url, ...(alt ? { alt_text: alt } : {}) }, ...(stored ? { stored } : {}) };
}

function withFields(spec: ContainerSpec, fields: Record<string, string>): ContainerSpec {
  return { ...spec, fields: { ...fields, ...spec.fields } };
}

export function planContainers(kind: InstagramKind, caption: string, media: readonly ContainerMedia[]): ContainerPlan {
  const withCaption: Record<string, string> = caption.trim() === '' ? {} : { caption };
  const first = media[0];
  if (kind === 'story') {
    // Stories take no caption: the text stays in the app only.
    if (first.kind === 'video') return { children: [], parent: withFields(videoSource(first), { media_type: 'STORIES' }) };
    return { children: [], parent: imageSpec(first, { media_type: 'STORIES' }) };
  }
  if (media.length > 1) {
    const children = media.map((item): ContainerSpec => {
      if (item.kind === 'video') return withFields(videoSource(item), { is_carousel_item: 'true', media_type: 'VIDEO' });
      return imageSpec(item, { is_carousel_item: 'true' });
    });
    return { children, parent: { fields: { media_type: 'CAROUSEL', ...withCaption } } };
  }
  if (kind === 'reel' || first.kind === 'video')
    return { children: [], parent: withFields(videoSource(first), { media_type: 'REELS', ...withCaption }) };
  return { children: [], parent: imageSpec(first, withCaption) };
}

/** The caption Instagram will show, as used to recognise the post later. */
export function instagramCaption(kind: InstagramKind, text: string): string {
  return kind === 'story' ? '' : text.trim();
}
