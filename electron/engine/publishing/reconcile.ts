// SQLite is the truth; the queue is derived. Reconcile makes Redis match SQLite: every target that should have a
// job gets one (same deterministic id), and every job no target wants is removed. It runs at every start and
// whenever Redis comes back, so a wiped or restarted Redis loses nothing.
import type { TargetRow } from '../db/tables';
import type { PublishingContext } from './context';
import { jobIdFor } from './job-id';
import { isMissed, markMissed } from './missed';
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
  const lateToleranceMs = await ctx.lateToleranceMs();
  const queued = await ctx.store.queuedTargets();

  const missed = queued.filter((target) => target.status === 'pending' && isMissed(target, now, lateToleranceMs));
  const missedCount = await markMissed(ctx, missed);
  const missedIds = new Set(missed.map((target) => target.id));

  // A rearm that meets a target moved since it was read leaves it to whoever moved it.
  const rearmed = async (target: TargetRow, dueAt?: number): Promise<TargetRow | undefined> => {
    const result = await ctx.store.rearm(target, { revision: target.revision, dueAt, now });
    return result.ok ? result.target : undefined;
  };

  const interrupted = options.atStart ? queued.filter((target) => target.status === 'publishing') : [];
  const targets = new Map(queued.filter((target) => !missedIds.has(target.id)).map((target) => [target.id, target]));
  for (const target of interrupted) {
    const rearmedTarget = await rearmed(target, now);
    if (rearmedTarget) targets.set(target.id, rearmedTarget);
    else targets.delete(target.id);
  }

  const wanted = new Map<string, TargetRow>();
  for (const target of targets.values()) {
    if (options.running?.has(target.id)) continue;
    // A `publishing` target found later than start belongs to a run in flight (its job is active); leave it. One that
    // waits to ask its platform whether the post went live sleeps in a delayed job, which must stay.
    if (target.status === 'publishing' && !options.atStart && target.waiting_since === null) continue;
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
    const finished = await ctx.queue.getJob(jobId);
    const current = finished ? await rearmed(target) : target;
    if (current) missing.push(current);
  }
  await addTargetJobs(ctx, missing);
  if (missing.length > 0 || removed > 0 || missedCount > 0) {
    ctx.log.info(
      `Reconciled the queue: ${missing.length} job(s) added, ${removed} removed, ${missedCount} missed, ${interrupted.length} interrupted.`,
    );
  }
  // After a start, a wake from sleep or Redis coming back, the due timer reads the next due time afresh.
  ctx.dueChanged();
  ctx.queueChanged();
  return { added: missing.length, removed, missed: missedCount, interrupted: interrupted.length };
}
