// The summary of posts due while the computer slept, kept current by the engine's wake:summary.
import type { WakeSummary } from '../../../shared/wake-summary';
import { call, onEngineEvent } from './api';
import { createLiveResource } from './live-resource';

/** Every target a wake summary reports: their missed notices are said by the summary, not by a toast each. */
const summarised = new Set<string>();

export const wakeSummaryResource = createLiveResource<WakeSummary | null>(
  async () => {
    const summary = await call('wake:summary', {});
    for (const id of summary?.targetIds ?? []) summarised.add(id);
    return summary;
  },
  ({ set }) => {
    onEngineEvent('wake:summary', ({ summary }) => {
      for (const id of summary.targetIds) summarised.add(id);
      set(summary);
    });
  },
);

export function reportedByWakeSummary(targetId: string): boolean {
  return summarised.has(targetId);
}

/**
 * Shows an action's answer (publish now, reschedule) unless a summary arrived while it was asked. The answer was built
 * when the engine took the action; the posts it sends can go out, and their summary arrive, before the answer does.
 */
export async function showWakeAction(action: () => Promise<WakeSummary>): Promise<void> {
  await wakeSummaryResource.setUnlessPushed(action());
}
