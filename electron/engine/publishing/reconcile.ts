// SQLite is the truth; the queue is derived. Reconcile makes Redis match SQLite: every target that should have a
// job gets one (same deterministic id), and every job no target wants is removed. It runs at every start and
// whenever Redis comes back, so a wiped or restarted Redis loses nothing.
import type { Job } from 'bullmq';
import type { TargetRow } from '../db/tables';
import type { PublishingContext } from './context';
import { updateTarget } from '../db/repositories/targets.repository';
import { jobIdFor } from './job-id';
import { markMissed } from './publishing-processor';
import { addTargetJobs } from './queue-jobs';

export interface ReconcileReport {
  added: number;
  removed: number;
  missed: number;
  interrupted: number;
}

const LIVE_STATES = ['waiting', 'delayed', 'prioritized', 'waiting-children'] as const;

export interface ReconcileOptions {
  /**
   * At start no publish of this process is running, so a target left `publishing` was cut off by a crash:
   * it gets a fresh job id and its next run settles it by asking the platform.
   */
  atStart: boolean;
  /** Targets whose publish is running in this process right now (left alone). */
  running?: ReadonlySet<string>;
}

export async function reconcile(ctx: PublishingContext, options: ReconcileOptions): Promise<ReconcileReport> {
  const now = ctx.now();
  const { lateToleranceMinutes } = await ctx.userSettings();
  const toleranceMs = lateToleranceMinutes * 60_000;
  const targets = await ctx.db
    .selectFrom('post_platforms')
    .selectAll()
    .where('status', 'in', ['pending', 'publishing'])
    .where('due_at', 'is not', null)
    .execute();

  const missed = targets.filter((t) => t.status === 'pending' && t.attempt_count === 0 && t.due_at !== null && now - t.due_at > toleranceMs);
  await markMissed(ctx, missed);
  const missedIds = new Set(missed.map((t) => t.id));

  const interrupted = options.atStart ? targets.filter((t) => t.status === 'publishing') : [];
  for (const target of interrupted) {
    target.revision += 1;
    target.due_at = now;
  }
  await ctx.writes.write(() => {
    for (const target of interrupted) updateTarget(ctx.sql, target.id, { revision: target.revision, due_at: now });
  });

  const wanted = new Map<string, TargetRow>();
  for (const target of targets) {
    if (missedIds.has(target.id) || options.running?.has(target.id)) continue;
    // A `publishing` target found later than start belongs to a run in flight (its job is active); leave it.
    if (target.status === 'publishing' && !options.atStart) continue;
    wanted.set(jobIdFor(target.id, target.revision), target);
  }

  const live = new Set(await ctx.queue.getRanges([...LIVE_STATES], 0, -1));
  const active = new Set(await ctx.queue.getRanges(['active'], 0, -1));
  let removed = 0;
  for (const jobId of live) {
    if (wanted.has(jobId)) continue;
    removed += await ctx.queue.remove(jobId);
  }

  const missing: TargetRow[] = [];
  for (const [jobId, target] of wanted) {
    if (live.has(jobId) || active.has(jobId)) continue;
    // A finished job kept for the record still owns its id; a target that wants that id again gets a new revision.
    const finished: Job | undefined = await ctx.queue.getJob(jobId);
    if (finished) target.revision += 1;
    missing.push(target);
  }
  await ctx.writes.write(() => {
    for (const target of missing) updateTarget(ctx.sql, target.id, { revision: target.revision });
  });
  await addTargetJobs(ctx, missing);
  if (missing.length > 0 || removed > 0 || missed.length > 0) {
    ctx.log.info(
      `Reconciled the queue: ${missing.length} job(s) added, ${removed} removed, ${missed.length} missed, ${interrupted.length} interrupted.`,
    );
  }
  ctx.queueChanged();
  return { added: missing.length, removed, missed: missed.length, interrupted: interrupted.length };
}
