// What the queue dashboard and the tray show: counts per state, the next post, failed jobs and what needs the user.
import type { FailedJobView, QueueStats } from '../../../shared/domain';
import { JOB_STATES } from '../../../shared/domain';
import type { PublishingContext } from './context';
import { parseJobId } from './job-id';
import { iso, isoOrNull } from './views';

export async function queueStats(ctx: PublishingContext): Promise<QueueStats> {
  const [counts, paused, next, posts, waiting] = await Promise.all([
    ctx.queue.getJobCounts(...JOB_STATES),
    ctx.queue.isPaused(),
    ctx.store.nextScheduledPost(ctx.now()),
    ctx.store.postCounts(),
    ctx.store.waitingCounts(),
  ]);
  const byState = Object.fromEntries(JOB_STATES.map((state) => [state, counts[state] ?? 0])) as QueueStats['counts'];
  return {
    counts: byState,
    paused,
    nextPost: next && next.scheduled_at !== null ? { id: next.id, text: next.text, scheduledAt: iso(next.scheduled_at) } : null,
    needsAttention: posts.needsAttention.targets,
    posts,
    waiting,
    connectivity: ctx.connectivity.view(),
  };
}

export async function failedJobs(ctx: PublishingContext, limit: number): Promise<FailedJobView[]> {
  const jobs = await ctx.queue.getJobs(['failed'], 0, limit - 1, false);
  const targetIds = jobs.map((job) => job.data?.targetId).filter((id): id is string => typeof id === 'string');
  const targets = await ctx.store.targets(targetIds);
  return jobs.map((job) => {
    const targetId = job.data?.targetId ?? parseJobId(job.id ?? '')?.targetId ?? '';
    const target = targets.find((row) => row.id === targetId);
    return {
      jobId: job.id ?? '',
      targetId,
      postId: target?.post_id ?? null,
      platform: target?.platform ?? null,
      accountName: target?.account_name ?? null,
      reason: job.failedReason || 'No reason was recorded.',
      attemptsMade: job.attemptsMade,
      failedAt: isoOrNull(job.finishedOn ?? null),
    };
  });
}
