// Group commit: synchronous writes queued in the same turn of the event loop share one SQLite transaction,
// so a burst of publishes or a bulk import pays for one commit instead of thousands. A promise settles only after
// its commit; if one write of a batch fails, the batch is rolled back and its writes run again one by one.
import type BetterSqlite3 from 'better-sqlite3';

/** Makes committed writes durable: WalSync for a database file. */
export interface CommitSync {
  sync(): Promise<void>;
}

/** An in-memory database (the unit tests') has no file to sync: its commits are as durable as they get. */
export const IN_MEMORY: CommitSync = { sync: () => Promise.resolve() };

/** Writes closer together than this are a burst. */
const BURST_GAP_MS = 2;

/**
 * durable: on disk before the promise settles, even across a power cut (the WAL is fsynced) — user data, and the
 * ledger's claim before a platform call, whose loss could mean posting twice. relaxed: survives an app crash
 * (committed to the WAL) — bookkeeping after a platform call, which the next start settles by asking the
 * platform if a power cut loses it.
 */
export type Durability = 'durable' | 'relaxed';

interface PendingWrite {
  work: () => unknown;
  durable: boolean;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class WriteBatcher {
  private pending: PendingWrite[] = [];
  private scheduled = false;
  private lastFlushAt = 0;
  /** The settling of the latest batch; the next batch settles after it. */
  private settling: Promise<void> = Promise.resolve();
  private readonly begin: BetterSqlite3.Statement;
  private readonly commit: BetterSqlite3.Statement;
  private readonly rollback: BetterSqlite3.Statement;

  /** `committed`: told after each commit (WalCheckpoints checkpoints once they pause). */
  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    private readonly wal: CommitSync,
    private readonly committed: () => void = () => undefined,
  ) {
    this.begin = sqlite.prepare('begin immediate');
    this.commit = sqlite.prepare('commit');
    this.rollback = sqlite.prepare('rollback');
  }

  write<T>(work: () => T, durability: Durability = 'durable'): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, durable: durability === 'durable', resolve: resolve as (value: unknown) => void, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      // A lone write (nothing flushed lately) commits at once, adding no latency to a publish on time; in a burst,
      // the writes of each turn of the event loop share one commit.
      if (performance.now() - this.lastFlushAt > BURST_GAP_MS) this.flush();
      setImmediate(() => {
        this.scheduled = false;
        this.flush();
      });
    });
  }

  /** One commit for everything pending. */
  private flush(): void {
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    this.lastFlushAt = performance.now();
    const values = this.inTransaction(() => batch.map((item) => item.work()));
    this.committed();
    if (values.ok) {
      this.settle(
        batch,
        values.value.map((value) => ({ ok: true as const, value })),
      );
      return;
    }
    // One write failed and the whole batch rolled back: run each alone, so only the failing one fails.
    this.settle(
      batch,
      batch.map((item) => this.inTransaction(item.work)),
    );
  }

  /**
   * Durable writes settle once the WAL holding their commit is on disk. Every write settles in commit order, so a
   * relaxed write never settles before an earlier durable one: callers announce what they wrote when their write
   * settles, and a client must never be told a newer state before an older one.
   */
  private settle(batch: PendingWrite[], outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[]): void {
    const durable = batch.some((item, index) => item.durable && outcomes[index]?.ok);
    const synced: Promise<unknown> = durable ? this.wal.sync() : Promise.resolve();
    const earlier = this.settling;
    const settled = earlier
      .then(() => synced)
      .then(
        () => {
          batch.forEach((item, index) => {
            const outcome = outcomes[index];
            if (outcome?.ok) item.resolve(outcome.value);
            else item.reject(outcome?.error);
          });
        },
        (error: unknown) => {
          // Committed but not known to be on disk: a durable write fails; the relaxed ones hold.
          batch.forEach((item, index) => {
            const outcome = outcomes[index];
            if (outcome?.ok && !item.durable) item.resolve(outcome.value);
            else item.reject(outcome?.ok ? error : outcome?.error);
          });
        },
      );
    this.settling = settled;
  }

  private inTransaction<T>(work: () => T): { ok: true; value: T } | { ok: false; error: unknown } {
    try {
      this.begin.run();
      const value = work();
      this.commit.run();
      return { ok: true, value };
    } catch (error) {
      if (this.sqlite.inTransaction) this.rollback.run();
      return { ok: false, error };
    }
  }
}
