// One in-process timer for the next target due, read from SQLite (the truth). Redis runs with a slow tick (SERVER_HZ),
// and it notices a blocked client's timeout only on that tick, so BullMQ alone starts a delayed job up to a tick late.
// This timer fires a lead (DUE_LEAD_MS) before the due instant and promotes, by id, the job of every target due by the
// end of the lead: the worker's blocking wait wakes at once and the worker holds each job until the due instant, then
// claims the target durably (an fsync of the WAL, 6–40 ms on a busy disk) and calls the platform. Between due
// times nothing runs: no polling while idle. BullMQ's own delayed handling stays the fallback (a frozen process, a
// Redis that was away, a clock that jumped ahead while this timer still waits).
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
 * How far ahead of its due instant a job is promoted. It covers the worker's fetch on a loaded
 * machine (fetch and claim measured on the 2-core bench machine at load 12–15: 250–450 ms at p99), so
 * the worker is holding the job at the instant; below the processor's early tolerance (1 s), so the job is kept, not
 * put back. The target stays pending until the instant: a cancel or edit in this last moment still holds.
 */
export const DUE_LEAD_MS = 750;
/**
 * Jobs promoted by one firing at most. Each target falls in one firing's window, so none is tried twice; beyond this
 * many due at once, the worker's own fetch promotes the rest at their due time (it promotes every job due).
 */
const PROMOTE_LIMIT = 2000;

export class DueTimer {
  private timer: NodeJS.Timeout | undefined;
  /** The due time the timer is set for. */
  private armedFor: number | undefined;
  /**
   * Every target due up to here has had its job promoted (or was due before the timer started). A target scheduled
   * later into this served stretch (due within the lead of now) is left to BullMQ, up to a Redis tick late.
   */
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
    this.timer = setTimeout(() => void this.fire(), Math.min(Math.max(0, next - DUE_LEAD_MS - this.now()), MAX_WAIT_MS));
  }

  private async fire(): Promise<void> {
    this.timer = undefined;
    const now = this.now();
    const armedFor = this.armedFor;
    // Early by the wall clock (it was set back, or this was one step of a long wait): wait for the rest.
    if (armedFor !== undefined && now < armedFor - DUE_LEAD_MS) {
      await this.rearm();
      return;
    }
    const upTo = now + DUE_LEAD_MS;
    try {
      // In due order, on one connection: the worker fetches them in that order. One that is no longer delayed (the
      // worker's fetch promoted it, or it ran) answers false and costs nothing more.
      const due = await this.options.dueBetween(this.servedUpTo, upTo, PROMOTE_LIMIT);
      await Promise.all(due.map((target) => this.options.promote(target)));
    } catch (error) {
      this.options.log.debug('Promoting a due job failed; BullMQ promotes it on its own.', error);
    }
    this.servedUpTo = Math.max(this.servedUpTo, upTo);
    await this.rearm();
  }
}
