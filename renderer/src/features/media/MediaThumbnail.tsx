// An imported file at thumbnail size: the picture, a video's first frame with its length, or a tile naming the
// format. Until the host serves previews (or when a file cannot be shown) the tile names the format.
import { memo, useState } from 'react';
import { formatDuration, type MediaItemView } from '../../../../shared/media-item';
import { mediaFormatName } from '../../lib/media-facts-text';
import { useMediaSource } from '../../lib/media-files';

export const MediaThumbnail = memo(function MediaThumbnail({ item }: { item: MediaItemView }) {
  const url = useMediaSource(item.id);
  const [broken, setBroken] = useState(false);
  const shown = url !== null && !broken && item.kind !== 'document';

  return (
    <div className={`media-thumb kind-${item.kind}`} data-testid="media-thumb" data-kind={item.kind} data-loaded={shown ? 'true' : 'false'}>
      {shown && item.kind === 'image' ? (
        <img src={url} alt="" loading="lazy" decoding="async" draggable={false} onError={() => setBroken(true)} />
      ) : null}
      {/* #t picks a frame just past the start, which Chromium then shows as the poster. */}
      {shown && item.kind === 'video' ? <video src={`${url}#t=0.1`} preload="metadata" muted playsInline onError={() => setBroken(true)} /> : null}
      {shown ? null : <span className="media-thumb-format">{mediaFormatName(item.mimeType)}</span>}
      {item.kind === 'video' && item.durationMs !== null ? <span className="media-thumb-duration">{formatDuration(item.durationMs)}</span> : null}
    </div>
  );
});
