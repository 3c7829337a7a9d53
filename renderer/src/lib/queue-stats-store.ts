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
