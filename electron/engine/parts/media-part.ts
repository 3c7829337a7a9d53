// The media library, and its regular look for unused files (they go 30 days after their last post let go of them).
import type { DisposableStore } from '../disposable-store';
import { MediaLibrary, type MediaLibraryOptions } from '../media/media-library';

const MEDIA_GC_INTERVAL_MS = 6 * 60 * 60 * 1000;

export function mediaPart(parts: DisposableStore, options: MediaLibraryOptions): MediaLibrary {
  const media = new MediaLibrary(options);
  const collect = () => {
    media.collectGarbage().catch((error: unknown) => options.log.warn('Cleaning up the media library failed.', error));
  };
  collect();
  const timer = setInterval(collect, MEDIA_GC_INTERVAL_MS);
  timer.unref();
  parts.add('media clean-up', () => clearInterval(timer));
  return media;
}
