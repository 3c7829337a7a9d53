// The user's media storage for public links: settings, uploads for platforms that fetch by URL, and the deletion of
// each object once its target settles (published, failed or cancelled), with an hourly sweep for what a crash or a
// deleted post left behind.
import type { EngineEventBus } from '../events';
import type { DisposableStore } from '../disposable-store';
import { MediaStorage, type MediaStorageOptions } from '../media/storage/media-storage';

const SWEEP_INTERVAL_MS = 60 * 60_000;
const SETTLED = new Set(['published', 'failed', 'cancelled']);

export function mediaStoragePart(parts: DisposableStore, events: EngineEventBus, options: MediaStorageOptions): MediaStorage {
  const storage = new MediaStorage(options);
  const sweep = (): void => {
    storage.sweep().catch((error: unknown) => options.log.warn('Cleaning up the media storage failed.', error));
  };
  const stopTargets = events.on('target:changed', ({ target }) => {
    if (!SETTLED.has(target.status)) return;
    storage.releaseTarget(target.id).catch((error: unknown) => options.log.warn('Deleting a published file from the media storage failed.', error));
  });
  const stopPosts = events.on('post:deleted', sweep);
  sweep();
  const timer = setInterval(sweep, SWEEP_INTERVAL_MS);
  timer.unref();
  parts.add('media storage clean-up', () => {
    clearInterval(timer);
    stopTargets();
    stopPosts();
  });
  return storage;
}
