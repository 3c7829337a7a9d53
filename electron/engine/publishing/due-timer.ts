// One in-process timer for the next target due, read from SQLite (the truth). Redis runs with a slow tick (SERVER_HZ),
// and it notices a blocked client's timeout only on that tick, so BullMQ alone starts a delayed job up to a tick late.
// This timer fires at the due instant and promotes the job: the worker's blocking wait wakes at once, and its next
// fetch also promotes every other job due by then. Between due times nothing runs: no polling while idle.
// BullMQ's own delayed handling stays the fallback (a frozen process, a Redis that was away, a clock that jumped
// ahead while this timer still waits).
import type { Logger } from '../logger';

/** A target whose due time the timer serves, with what names its job. */
export interface DueTarget {
  id: string;
  revision: number;
  due_at: number | null;
}

export interface DueTimerOptions {
  /** The earliest due time of a waiting target later than `after`. */
  nextDueAt(after: number): Promise<number | undefined>;
  /** Waiting targets due in (`after`, `upTo`], earliest first, at most `limit`. */
  dueBetween(after: number, upTo: number, limit: number): Promise<DueTarget[]>;
  /** Moves a target's delayed job to waiting; false when it was not delayed (already running, or gone). */
  promote(target: DueTarget): Promise<boolean>;
  log: Logger;
  /** Wall-clock time; the timer's own wait is monotonic, so every firing is checked against this. */
  now?: () => number;
}

/** setTimeout's longest wait (about 24.8 days); a later due time is reached in steps. */
const MAX_WAIT_MS = 2 ** 31 - 1;
/**
 * Jobs tried in turn when the first due one is no longer delayed. One promoted job wakes the worker, and its fetch
 * promotes the rest (BullMQ promotes every delayed job due when a worker asks for a job).
 */
const PROMOTE_TRIES = 5;

export class DueTimer {
  private timer: NodeJS.Timeout | undefined;
  /** The due time the timer is set for. */
  private armedFor: number | undefined;
  /** Every target due up to here has had its job promoted (or was due before the timer started). */
  private servedUpTo: number;
  private rearming: Promise<void> | undefined;
  private rearmAgain = false;
  private stopped = false;
  private readonly now: () => number;

  constructor(private readonly options: DueTimerOptions) {
    this.now = options.now ?? Date.now;
    // Targets due before now were queued with no delay, or are overdue and handled by reconcile.
    this.servedUpTo = this.now();
  }

  /** When the timer will fire next (wall-clock ms), for tests and the log. */
  get nextAt(): number | undefined {
    return this.armedFor;
  }

  /**
   * Reads the next due time from SQLite and sets the timer for it. Called on every schedule change, after reconcile
   * and after sleep; calls in the same turn (a bulk import) share one read.
   */
  rearm(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.rearming) {
      this.rearmAgain = true;
      return this.rearming;
    }
    this.rearming = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.arm())
      .catch((error: unknown) => this.options.log.warn('Could not set the timer for the next due post; BullMQ still runs it.', error))
      .finally(() => {
        this.rearming = undefined;
        if (this.rearmAgain) {
          this.rearmAgain = false;
          void this.rearm();
        }
      });
    return this.rearming;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.armedFor = undefined;
  }

  private async arm(): Promise<void> {
    const next = await this.options.nextDueAt(this.servedUpTo);
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.armedFor = next;
    if (next === undefined) return;
    this.timer = setTimeout(() => void this.fire(), Math.min(Math.max(0, next - this.now()), MAX_WAIT_MS));
  }

  private async fire(): Promise<void> {
    this.timer = undefined;
    const now = this.now();
    const armedFor = this.armedFor;
    // Early by the wall clock (it was set back, or this was one step of a long wait): wait for the rest.
    if (armedFor !== undefined && now < armedFor) {
      await this.rearm();
      return;
    }
    try {
      const due = await this.options.dueBetween(this.servedUpTo, now, PROMOTE_TRIES);
      for (const target of due) {
        if (await this.options.promote(target)) break;
      }
    } catch (error) {
      this.options.log.debug('Promoting a due job failed; BullMQ promotes it on its own.', error);
    }
    this.servedUpTo = Math.max(this.servedUpTo, now);
    await this.rearm();
  }
}
