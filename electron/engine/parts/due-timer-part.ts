// The due timer over the target store and the publish-posts queue; it stops with the engine.
import { Job, type Queue } from 'bullmq';
import type { DisposableStore } from '../disposable-store';
import type { Logger } from '../logger';
import { DueTimer, type DueTarget } from '../publishing/due-timer';
import { jobIdFor, type PublishJobData } from '../publishing/job-id';
import type { TargetStore } from '../publishing/store/target-store';

export function dueTimerPart(parts: DisposableStore, store: TargetStore, queue: Queue<PublishJobData>, log: Logger, now: () => number): DueTimer {
  // The engine's clock, the one its due and overdue decisions read, so the timer and the processor never disagree.
  const timer = new DueTimer({
    nextDueAt: (after) => store.nextDueAt(after),
    dueBetween: (after, upTo, limit) => store.dueBetween(after, upTo, limit),
    promote: promoter(queue),
    log,
    now,
  });
  parts.add('due timer', () => timer.stop());
  return timer;
}

/**
 * Moves a target's delayed job to waiting (BullMQ's Job.promote); false when it is not delayed. The job is named by
 * its id alone (promote reads nothing else), so it is one round trip, not a read of the job first.
 */
export function promoter(queue: Queue<PublishJobData>): (target: DueTarget) => Promise<boolean> {
  return async (target) => {
    try {
      await new Job<PublishJobData>(queue, 'publish', { targetId: target.id }, {}, jobIdFor(target.id, target.revision)).promote();
      return true;
    } catch {
      // Not delayed any more (BullMQ promoted it itself, or it already ran), or gone.
      return false;
    }
  };
}
