// The missed rule. A target that never started and is later than the user's late tolerance (the app was closed, the
// computer asleep, or the network or its platform unreachable all along) is not published at a wrong hour — a "good
// morning" post at night — but fails, with a message saying when it was due and why it could not go, and is
// reported. The processor applies it to each job it runs (a waiting target's job runs at its deadline), reconcile at
// start and wake.
import { PLATFORM_LABELS, type TargetView } from '../../../shared/domain';
import type { TargetRow } from '../db/tables';
import type { PublishingContext } from './context';
import { announcePost, announceTarget } from './post-events';
import type { StoredPost } from './store/target-store';
import { targetView } from './views';

type MissedTarget = Pick<TargetRow, 'id' | 'post_id' | 'platform' | 'due_at' | 'waiting_for' | 'waiting_since'>;

/**
 * A due job takes milliseconds to start, more on a busy machine. A tolerance of 0 ("on time or not at all") would
 * otherwise miss every post, "publish now" included, by its own dispatch time.
 */
const DISPATCH_SLACK_MS = 1_000;

/** A try that never reached the platform is not counted (see the holdBack transition), so a target that only waited is one that never started. */
export function isMissed(target: Pick<TargetRow, 'attempt_count' | 'due_at'>, now: number, lateToleranceMs: number): boolean {
  return target.attempt_count === 0 && target.due_at !== null && now - target.due_at > Math.max(lateToleranceMs, DISPATCH_SLACK_MS);
}

/** The first instant at which a target that never started counts as missed; undefined for one that did start. */
export function missedDeadline(target: Pick<TargetRow, 'attempt_count' | 'due_at'>, lateToleranceMs: number): number | undefined {
  return target.attempt_count === 0 && target.due_at !== null ? target.due_at + Math.max(lateToleranceMs, DISPATCH_SLACK_MS) + 1 : undefined;
}

export function missedMessage(target: Pick<MissedTarget, 'platform' | 'due_at' | 'waiting_for' | 'waiting_since'>, lateToleranceMs: number): string {
  const due = target.due_at === null ? 'its time' : new Date(target.due_at).toISOString();
  const late = `more than ${toleranceText(lateToleranceMs)} later`;
  if (target.waiting_for !== null && target.waiting_since !== null) {
    const what = target.waiting_for === 'network' ? 'the network' : PLATFORM_LABELS[target.platform];
    return (
      `Missed: it was due at ${due}, but ${what} could not be reached from ${new Date(target.waiting_since).toISOString()} until ${late}. ` +
      'Nothing was posted. Reschedule it or publish it now.'
    );
  }
  return `Missed: it was due at ${due}, but the app was not running (or the computer was asleep) until ${late}. Reschedule it or publish it now.`;
}

/** "60 minutes", "1 minute", or seconds for a tolerance that is not whole minutes (tests shorten it). */
function toleranceText(ms: number): string {
  if (ms % 60_000 === 0) return ms === 60_000 ? '1 minute' : `${ms / 60_000} minutes`;
  const seconds = Math.round(ms / 100) / 10;
  return seconds === 1 ? '1 second' : `${seconds} seconds`;
}

/** Marks these overdue targets missed (those still pending) and reports them; answers how many were. */
export async function markMissed(ctx: PublishingContext, targets: readonly MissedTarget[]): Promise<number> {
  if (targets.length === 0) return 0;
  const now = ctx.now();
  const lateToleranceMs = await ctx.lateToleranceMs();
  const results = await Promise.all(
    targets.map((target) => ctx.store.giveUp(target, { message: missedMessage(target, lateToleranceMs), missed: true, now })),
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
