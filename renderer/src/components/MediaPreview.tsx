// A media link shown as what it is: an image, a playable video, or a note when it cannot be previewed.
import { useState } from 'react';
import { mediaKind } from '../../../shared/media';

export function MediaPreview({ url }: { url: string }) {
  const [broken, setBroken] = useState(false);
  const kind = mediaKind(url);
  if (broken) return <div className="media-fallback">Preview unavailable</div>;
  if (kind === 'image') return <img src={url} alt="" loading="lazy" decoding="async" onError={() => setBroken(true)} />;
  if (kind === 'video') return <video src={url} preload="metadata" muted controls onError={() => setBroken(true)} />;
  return <div className="media-fallback">Unknown file type</div>;
}
