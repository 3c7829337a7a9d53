// The queue at a glance: jobs per state, whether publishing is paused, what is next, what needs the user, and
// whether the platforms can be reached (what waits for the network, or for one platform).
import { JOB_STATES, PLATFORM_LABELS, type QueueStats } from '../../../shared/domain';
import { localTime } from './local-time';
import { formatTable, oneLine } from './table';

export function queueStatsText(stats: QueueStats): string {
  const counts = formatTable(
    ['STATE', 'JOBS'],
    JOB_STATES.map((state) => [state, String(stats.counts[state] ?? 0)]),
  );
  const next =
    stats.nextPost === null ? 'none' : `${localTime(stats.nextPost.scheduledAt)}  ${stats.nextPost.id}  ${oneLine(stats.nextPost.text, 40)}`;
  const lines: [string, string][] = [
    ['Publishing', stats.paused ? 'paused' : 'running'],
    ['Network', networkText(stats)],
    ...stats.connectivity.platformsDown.map((down): [string, string] => [
      'Unreachable',
      `${PLATFORM_LABELS[down.platform]} since ${localTime(down.since)} (${oneLine(down.cause, 80)})`,
    ]),
    ['Waiting', `${postsText(stats.waiting.network.posts)} for the network, ${postsText(stats.waiting.platform.posts)} for their platform`],
    ['Next post', next],
    ['Needs attention', String(stats.needsAttention)],
  ];
  return `${counts}\n${lines.map(([name, value]) => `${name.padEnd(15)}  ${value}`).join('\n')}\n`;
}

function networkText({ connectivity }: QueueStats): string {
  const check = connectivity.nextCheckAt === null ? '' : `; next check ${localTime(connectivity.nextCheckAt)}`;
  if (connectivity.state === 'offline') {
    const since = connectivity.offlineSince === null ? '' : ` since ${localTime(connectivity.offlineSince)}`;
    return `offline${since}${connectivity.systemOffline ? ' (the system reports no network)' : ''}${check}`;
  }
  return connectivity.platformsDown.length === 0 ? 'online' : `online, ${connectivity.platformsDown.length} platform(s) unreachable${check}`;
}

function postsText(count: number): string {
  return count === 1 ? '1 post' : `${count} posts`;
}
