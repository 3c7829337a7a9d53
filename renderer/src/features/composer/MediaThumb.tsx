// A thumbnail of one entry of the post's media: a file of the library shown from the file itself (a video at its
// first frame, with its duration from the engine's facts), a link as the platforms will fetch it, or what is known
// about the file when the page cannot show it.
import { useState } from 'react';
import { formatDuration } from '../../../../shared/media-item';
import { MediaPreview } from '../../components/MediaPreview';
import { isDraftFile, type DraftFile, type DraftMedia } from '../../lib/composer-model';
import { mediaFormatName } from '../../lib/media-facts-text';
import { useMediaSource } from '../../lib/media-files';

export function MediaThumb({ entry }: { entry: DraftMedia }) {
  if (!isDraftFile(entry)) return <MediaPreview url={entry.url} />;
  return <FileThumb file={entry} />;
}

function FileThumb({ file }: { file: DraftFile }) {
  const source = useMediaSource(file.mediaId);
  const [broken, setBroken] = useState(false);
  const { kind, durationMs, mimeType } = file.facts;
  const shown = source !== null && !broken;
  return (
    <>
      {shown && kind === 'image' ? <img src={source} alt="" decoding="async" data-testid="media-thumb" onError={() => setBroken(true)} /> : null}
      {shown && kind === 'video' ? (
        <video
          src={source}
          muted
          playsInline
          preload="metadata"
          data-testid="media-thumb"
          onError={() => setBroken(true)}
          // The first frame as the poster: a seek just past the start makes the browser draw it.
          onLoadedMetadata={(event) => {
            const video = event.currentTarget;
            video.currentTime = Math.min(0.1, (video.duration || 0) / 2);
          }}
        />
      ) : null}
      {!shown || kind === 'document' ? <div className="media-fallback">{mediaFormatName(mimeType)}</div> : null}
      {kind === 'video' && durationMs !== null ? (
        <span className="media-duration" data-testid="media-duration">
          {formatDuration(durationMs)}
        </span>
      ) : null}
    </>
  );
}
