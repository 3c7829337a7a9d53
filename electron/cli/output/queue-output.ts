// The queue at a glance: jobs per state, whether publishing is paused, what is next, what needs the user.
import { JOB_STATES, type QueueStats } from '../../../shared/domain';
import { localTime } from './local-time';
import { formatTable, oneLine } from './table';

export function queueStatsText(stats: QueueStats): string {
  const counts = formatTable(
    ['STATE', 'JOBS'],
    JOB_STATES.map((state) => [state, String(stats.counts[state] ?? 0)]),
  );
  const next =
    stats.nextPost === null ? 'none' : `${localTime(stats.nextPost.scheduledAt)}  ${stats.nextPost.id}  ${oneLine(stats.nextPost.text, 40)}`;
  return `${counts}\nPublishing       ${stats.paused ? 'paused' : 'running'}\nNext post        ${next}\nNeeds attention  ${stats.needsAttention}\n`;
}
