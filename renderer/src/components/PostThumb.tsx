// A post's picture at thumbnail size: the image, loaded lazily, or a play mark for a video; a plain tile if the
// image cannot be loaded.
import { memo, useState } from 'react';
import type { PostThumbnail } from '../lib/post-thumbnail';

interface PostThumbProps {
  thumbnail: PostThumbnail;
  className: string;
  /** Where the picture is always in view (a month cell holds only the chips that fit), it is asked for at once. */
  eager?: boolean;
}

export const PostThumb = memo(function PostThumb({ thumbnail, className, eager = false }: PostThumbProps) {
  const [broken, setBroken] = useState(false);
  if (thumbnail.kind === 'video' || broken) {
    return (
      <span className={`${className} thumb-mark`} aria-hidden="true">
        {thumbnail.kind === 'video' ? (
          <svg viewBox="0 0 24 24" width="12" height="12" focusable="false">
            <path d="M8 5.5v13l10.5-6.5z" fill="currentColor" />
          </svg>
        ) : null}
      </span>
    );
  }
  return (
    <img
      className={className}
      src={thumbnail.url}
      alt=""
      loading={eager ? 'eager' : 'lazy'}
      decoding="async"
      draggable={false}
      onError={() => setBroken(true)}
    />
  );
});
