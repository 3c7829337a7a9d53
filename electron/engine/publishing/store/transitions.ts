// The only edges a target's status moves along. Each store transition is one guarded UPDATE whose WHERE clause is
// built from this table (as BullMQ's moveToCompleted refuses a stale lock, a transition refuses a target that is no
// longer where the caller saw it). test/engine/target-store.test.ts walks every edge and every forbidden one.
import type { TargetStatus } from '../../../../shared/domain';

export interface TransitionRule {
  readonly from: readonly TargetStatus[];
  /** The status after the move; 'same' keeps it (a new revision, a new due time, or a note). */
  readonly to: TargetStatus | 'same';
  /**
   * What the move does to the target's wait (waiting_for, waiting_since): `set` starts it or changes its reason (the
   * start time stays), `keep` leaves it, `clear` ends it. Waiting for the network, or for one platform that cannot be
   * reached while others answer, is a reason on `pending` — not a status of its own — because a waiting target takes
   * every edge a pending one takes (claim, cancel, reschedule, missed) and the wait ends by itself; a `publishing`
   * target may wait too, to ask whether its post went live once the platform answers. Only these moves ever clear a
   * wait, so every target that leaves pending or publishing has none (the schema checks it as well).
   */
  readonly waiting: 'set' | 'keep' | 'clear';
}

export const TRANSITIONS = {
  /** The worker takes a due target; its attempt row is written in the same transaction. */
  claim: { from: ['pending'], to: 'publishing', waiting: 'clear' },
  markPublished: { from: ['publishing'], to: 'published', waiting: 'clear' },
  /** A permanent failure, or the last try spent. */
  markFailed: { from: ['publishing'], to: 'failed', waiting: 'clear' },
  /** The platform cannot tell whether the post went live: the user checks and chooses. */
  markUnknown: { from: ['publishing'], to: 'unknown', waiting: 'clear' },
  /** Certainly not created (a retryable error, a rate limit, a lookup that found nothing): back in line. */
  release: { from: ['publishing'], to: 'pending', waiting: 'clear' },
  /**
   * Nothing reached the platform (no network, its host down, a captive portal answering): back in line, waiting for
   * the network or the platform, and the try is not counted.
   */
  holdBack: { from: ['publishing'], to: 'pending', waiting: 'set' },
  /** What is happening while the platform is asked again; the status stays. */
  note: { from: ['publishing'], to: 'same', waiting: 'clear' },
  /**
   * Starts a wait, or changes its reason: a publishing target that cannot ask the platform yet, or a waiting target
   * whose platform turned out to be down alone (or the whole network, after all).
   */
  wait: { from: ['pending', 'publishing'], to: 'same', waiting: 'set' },
  /** Never reached the platform and never will: missed its time, or an internal error on its last try. */
  giveUp: { from: ['pending'], to: 'failed', waiting: 'clear' },
  cancel: { from: ['pending'], to: 'cancelled', waiting: 'clear' },
  /** The user publishes again what failed, may have failed (after checking), or was cancelled. */
  requeue: { from: ['failed', 'unknown', 'cancelled'], to: 'pending', waiting: 'clear' },
  /** A waiting target gets a new time (or none, as a draft) and a new revision, so its old job is stale. */
  reschedule: { from: ['pending'], to: 'pending', waiting: 'clear' },
  /** A new job id for a target whose job is gone or finished (reconcile), e.g. one cut off mid-publish by a crash. */
  rearm: { from: ['pending', 'publishing'], to: 'same', waiting: 'keep' },
  /** The user found an unknown post live on the platform. */
  resolvePublished: { from: ['unknown'], to: 'published', waiting: 'clear' },
  /** The user found an unknown post absent and gives up on it. */
  resolveFailed: { from: ['unknown'], to: 'failed', waiting: 'clear' },
} as const satisfies Record<string, TransitionRule>;

export type Transition = keyof typeof TRANSITIONS;

export const TRANSITION_NAMES = Object.keys(TRANSITIONS) as Transition[];

/** Whether a target in `status` may take this transition. */
export function allows(transition: Transition, status: TargetStatus): boolean {
  return (TRANSITIONS[transition].from as readonly TargetStatus[]).includes(status);
}

/** The status a transition leaves behind. */
export function statusAfter(transition: Transition, status: TargetStatus): TargetStatus {
  const { to } = TRANSITIONS[transition];
  return to === 'same' ? status : to;
}

/**
 * A post's content and targets can be edited (or its targets replaced) only while every target is in one of these:
 * nothing is on its way to the platform, live, or possibly live.
 */
export const EDITABLE_STATUSES: readonly TargetStatus[] = ['pending', 'failed', 'cancelled'];

/** A post can be deleted unless a target is on its way to the platform right now. */
export const DELETABLE_STATUSES: readonly TargetStatus[] = ['pending', 'published', 'failed', 'cancelled', 'unknown'];
