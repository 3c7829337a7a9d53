// Queue counts for the sidebar badge and the queue screen, pushed by the engine on every change.
import type { QueueStats } from '../../../shared/domain';
import { call, onEngineEvent } from './api';
import { createLiveResource } from './live-resource';

export const queueStatsResource = createLiveResource<QueueStats>(
  () => call('queue:stats', {}),
  ({ set }) => {
    onEngineEvent('queue:changed', ({ stats }) => set(stats));
  },
);

/**
 * Reads the counts now, beside what a screen lists (the queue's posts), so both say the same: the engine's events are
 * coalesced and can come up to a second after a change. An event that arrives meanwhile wins.
 */
export function readQueueStats(): Promise<QueueStats> {
  return queueStatsResource.setUnlessPushed(call('queue:stats', {}));
}

/** Pauses or resumes publishing; the counts it answers with show unless an event came meanwhile (as above). */
export function setQueuePaused(paused: boolean): Promise<QueueStats> {
  return queueStatsResource.setUnlessPushed(call(paused ? 'queue:pause' : 'queue:resume', {}));
}

/** Asks the engine to check the network now; its answer shows unless an event came meanwhile (as above). */
export function checkNetworkNow(): Promise<QueueStats> {
  return queueStatsResource.setUnlessPushed(call('queue:checkNetwork', {}));
}
