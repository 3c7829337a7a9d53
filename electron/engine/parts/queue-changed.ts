// queue:changed is coalesced: a burst of publishes sends a few events, not thousands.
import type { QueueStats } from '../../../shared/domain';
import type { DisposableStore } from '../disposable-store';
import type { EngineEventBus } from '../events';
import type { Logger } from '../logger';

const QUEUE_EVENT_INTERVAL_MS = 250;

/** Returns the "ask for a fresh queue:changed soon" function; its timer goes with the part. */
export function queueChangedPart(parts: DisposableStore, events: EngineEventBus, stats: () => Promise<QueueStats>, log: Logger): () => void {
  let timer: NodeJS.Timeout | undefined;
  let disposed = false;
  parts.add('queue events', () => {
    disposed = true;
    clearTimeout(timer);
  });
  return () => {
    if (timer || disposed) return;
    timer = setTimeout(() => {
      timer = undefined;
      if (disposed) return;
      stats().then(
        (current) => events.emit('queue:changed', { stats: current }),
        (error: unknown) => log.warn('Could not read queue counts.', error),
      );
    }, QUEUE_EVENT_INTERVAL_MS);
  };
}
