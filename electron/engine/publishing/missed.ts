// The missed rule. A target that never started and is later than the user's late tolerance (the app was closed, or
// the computer asleep) is not published at a wrong hour — a "good morning" post at night — but fails, with a message
// saying when it was due, and is reported. The processor applies it to each job it runs, reconcile at start and wake.
import type { TargetView } from '../../../shared/domain';
import type { TargetRow } from '../db/tables';
import type { PublishingContext } from './context';
import { announcePost, announceTarget } from './post-events';
import type { StoredPost } from './store/target-store';
import { targetView } from './views';

export function isMissed(target: Pick<TargetRow, 'attempt_count' | 'due_at'>, now: number, lateToleranceMinutes: number): boolean {
  return target.attempt_count === 0 && target.due_at !== null && now - target.due_at > lateToleranceMinutes * 60_000;
}

export function missedMessage(dueAt: number | null, lateToleranceMinutes: number): string {
  const due = dueAt === null ? 'its time' : new Date(dueAt).toISOString();
  return (
    `Missed: it was due at ${due}, but the app was not running (or the computer was asleep) until more than ` +
    `${lateToleranceMinutes} minutes later. Reschedule it or publish it now.`
  );
}

/** Marks these overdue targets missed (those still pending) and reports them; answers how many were. */
export async function markMissed(ctx: PublishingContext, targets: readonly Pick<TargetRow, 'id' | 'post_id' | 'due_at'>[]): Promise<number> {
  if (targets.length === 0) return 0;
  const now = ctx.now();
  const { lateToleranceMinutes } = await ctx.userSettings();
  const results = await Promise.all(
    targets.map((target) => ctx.store.giveUp(target, { message: missedMessage(target.due_at, lateToleranceMinutes), missed: true, now })),
  );
  const missed: TargetView[] = [];
  const posts = new Map<string, StoredPost>();
  for (const result of results) {
    if (!result.ok) continue;
    announceTarget(ctx, result.target);
    missed.push(targetView(result.target));
    // Each result carries its post as settled then; the last one per post is the latest.
    posts.set(result.post.id, result);
  }
  for (const stored of posts.values()) announcePost(ctx, stored);
  if (missed.length > 0) ctx.events.emit('targets:missed', { targets: missed });
  return missed.length;
}
