// queue:changed is coalesced: a burst of publishes sends a few events, not thousands.
import type { QueueStats } from '../../../shared/domain';
import type { DisposableStore } from '../disposable-store';
import type { EngineEventBus } from '../events';
import type { Logger } from '../logger';

const QUEUE_EVENT_INTERVAL_MS = 250;
/**
 * The counts are counted, not kept, so reading them costs more as the tables grow (tens of ms with 10,000 posts on a
 * loaded machine). The wait after a reading is at least this many times what it took: during a bulk import or a
 * burst the counts never take more than a twentieth of the engine's time.
 */
const COST_FACTOR = 20;

/** Returns the "ask for a fresh queue:changed soon" function; its timer goes with the part. */
export function queueChangedPart(parts: DisposableStore, events: EngineEventBus, stats: () => Promise<QueueStats>, log: Logger): () => void {
  let timer: NodeJS.Timeout | undefined;
  let disposed = false;
  let lastCostMs = 0;
  parts.add('queue events', () => {
    disposed = true;
    clearTimeout(timer);
  });
  return () => {
    if (timer || disposed) return;
    timer = setTimeout(
      () => {
        timer = undefined;
        if (disposed) return;
        const started = performance.now();
        stats()
          .then(
            (current) => events.emit('queue:changed', { stats: current }),
            (error: unknown) => log.warn('Could not read queue counts.', error),
          )
          .finally(() => (lastCostMs = performance.now() - started));
      },
      Math.max(QUEUE_EVENT_INTERVAL_MS, lastCostMs * COST_FACTOR),
    );
  };
}
