// Upload progress reaches clients as target:progress events, coalesced: a change of phase or item goes out at once,
// byte counts at most every 250 ms, so a fast upload does not flood the IPC channel, the socket or the web bridge.
import type { UploadProgress } from '../../../shared/media-item';
import type { EngineEventBus } from '../events';

const BYTES_INTERVAL_MS = 250;

export function progressEmitter(
  events: EngineEventBus,
  target: { id: string; post_id: string },
  now: () => number = Date.now,
): (progress: UploadProgress) => void {
  let lastAt = 0;
  let last: UploadProgress | undefined;
  return (progress) => {
    const moved = last === undefined || last.phase !== progress.phase || last.item !== progress.item;
    const done = progress.bytesTotal > 0 && progress.bytesSent === progress.bytesTotal && last?.bytesSent !== progress.bytesSent;
    if (!moved && !done && now() - lastAt < BYTES_INTERVAL_MS) return;
    last = progress;
    lastAt = now();
    events.emit('target:progress', { targetId: target.id, postId: target.post_id, progress });
  };
}
