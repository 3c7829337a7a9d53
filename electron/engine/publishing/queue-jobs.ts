// Adding and removing a target's job. SQLite is the truth: when Redis is away, a failed add is logged and
// reconcile adds the job as soon as Redis is back, so no request fails because of the queue.
import type { TargetRow } from '../db/tables';
import type { PublishingContext } from './context';
import { jobIdFor } from './job-id';
import type { PublishQueue } from './publish-queue';

export interface SchedulableTarget {
  id: string;
  revision: number;
  due_at: number | null;
}

export async function addTargetJobs(ctx: PublishingContext, targets: readonly SchedulableTarget[]): Promise<void> {
  const now = ctx.now();
  // BullMQ counts a delay from the job's timestamp. Taken with the delay (not later, when the coalesced add is
  // sent), it makes the job due in Redis at the target's own due time, to the millisecond: when the due timer wakes
  // the worker at that instant, the worker's fetch finds every job due with it.
  const timestamp = Date.now();
  const jobs = targets
    .filter((target) => target.due_at !== null)
    .map((target) => ({
      name: 'publish',
      data: { targetId: target.id },
      opts: { jobId: jobIdFor(target.id, target.revision), delay: Math.max(0, (target.due_at ?? now) - now), timestamp },
    }));
  if (jobs.length === 0) return;
  ctx.dueChanged();
  try {
    await addCoalesced(ctx.queue, jobs);
  } catch (error) {
    ctx.log.warn(`Could not queue ${jobs.length} job(s) now; they will be queued when Redis is back.`, error);
  }
  ctx.queueChanged();
}

type BulkJob = Parameters<PublishQueue['addBulk']>[0][number];

interface PendingAdd {
  jobs: BulkJob[];
  settled: Promise<void>;
  flush: () => void;
}

const pendingAdds = new WeakMap<PublishQueue, PendingAdd>();

/** Jobs added in the same turn of the event loop go to Redis in one round trip (a bulk import, a burst of creates). */
function addCoalesced(queue: PublishQueue, jobs: BulkJob[]): Promise<void> {
  let pending = pendingAdds.get(queue);
  if (!pending) {
    let flush = () => undefined as void;
    const batch: BulkJob[] = [];
    const settled = new Promise<void>((resolve, reject) => {
      flush = () => {
        pendingAdds.delete(queue);
        queue.addBulk(batch).then(() => resolve(), reject);
      };
    });
    pending = { jobs: batch, settled, flush };
    pendingAdds.set(queue, pending);
    setImmediate(pending.flush);
  }
  pending.jobs.push(...jobs);
  return pending.settled;
}

/** Removes the jobs of these targets. An active job cannot be removed; the processor skips it by its row's status. */
export async function removeTargetJobs(ctx: PublishingContext, targets: readonly Pick<TargetRow, 'id' | 'revision'>[]): Promise<void> {
  try {
    await Promise.all(targets.map((target) => ctx.queue.remove(jobIdFor(target.id, target.revision))));
  } catch (error) {
    ctx.log.warn('Could not remove jobs now; reconcile removes them when Redis is back.', error);
  }
  ctx.dueChanged();
  ctx.queueChanged();
}

/**
 * Makes the queue follow a committed change of a post's targets: the job of every waiting target that was removed,
 * moved to another status or given a new revision goes; every waiting target with a due time and a new job id gets
 * its job.
 */
export async function syncTargetJobs(ctx: PublishingContext, before: readonly TargetRow[], after: readonly TargetRow[]): Promise<void> {
  const afterById = new Map(after.map((target) => [target.id, target]));
  const beforeById = new Map(before.map((target) => [target.id, target]));
  const hasJob = (target: TargetRow | undefined): target is TargetRow => target?.status === 'pending' && target.due_at !== null;
  const sameJob = (a: TargetRow, b: TargetRow | undefined) => hasJob(b) && a.revision === b.revision;
  const stale = before.filter((target) => hasJob(target) && !sameJob(target, afterById.get(target.id)));
  const fresh = after.filter((target) => hasJob(target) && !sameJob(target, beforeById.get(target.id)));
  if (stale.length > 0) await removeTargetJobs(ctx, stale);
  if (fresh.length > 0) await addTargetJobs(ctx, fresh);
}
