// Queue counts for the sidebar badge and the queue screen, pushed by the engine on every change.
import type { QueueStats } from '../../../shared/domain';
import { call, onEngineEvent } from './api';
import { createLiveResource } from './live-resource';

/** How many queue:changed events have arrived, so an answer never overwrites a newer one. */
let received = 0;

export const queueStatsResource = createLiveResource<QueueStats>(
  () => call('queue:stats', {}),
  ({ set }) => {
    onEngineEvent('queue:changed', ({ stats }) => {
      received += 1;
      set(stats);
    });
  },
);

/**
 * Reads the counts now, beside what a screen lists (the queue's posts), so both say the same: the engine's events are
 * coalesced and can come up to a second after a change. An event that arrives meanwhile wins: the engine sends one
 * after every change, so it is never older than the state it follows.
 */
export async function readQueueStats(): Promise<void> {
  const before = received;
  const stats = await call('queue:stats', {});
  if (received === before) queueStatsResource.set(stats);
}
