// Group commit: synchronous writes queued in the same turn of the event loop share one SQLite transaction,
// so a burst of publishes or a bulk import pays for one commit instead of thousands. A promise settles only after
// its commit; if one write of a batch fails, the batch is rolled back and its writes run again one by one.
import type BetterSqlite3 from 'better-sqlite3';

/** Writes closer together than this are a burst. */
const BURST_GAP_MS = 2;

/**
 * durable: on disk before the promise settles, even across a power cut (synchronous=FULL) — user data, and the
 * ledger's claim before a platform call, whose loss could mean posting twice. relaxed: survives an app crash
 * (WAL, synchronous=NORMAL) — bookkeeping after a platform call, which the next start settles by asking the
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
  private mode: Durability | undefined;
  private readonly begin: BetterSqlite3.Statement;
  private readonly commit: BetterSqlite3.Statement;
  private readonly rollback: BetterSqlite3.Statement;

  constructor(private readonly sqlite: BetterSqlite3.Database) {
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

  /** One commit for everything pending: fsynced when any of it must be durable. */
  private flush(): void {
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    const durable = batch.some((item) => item.durable);
    this.lastFlushAt = performance.now();
    const mode: Durability = durable ? 'durable' : 'relaxed';
    if (this.mode !== mode) {
      // Not a cached statement: SQLite applies this pragma when it is prepared, not when it runs.
      this.sqlite.pragma(`synchronous = ${durable ? 'FULL' : 'NORMAL'}`);
      this.mode = mode;
    }
    const values = this.inTransaction(() => batch.map((item) => item.work()));
    if (values.ok) {
      batch.forEach((item, index) => item.resolve(values.value[index]));
      return;
    }
    // One write failed and the whole batch rolled back: run each alone, so only the failing one fails.
    for (const item of batch) {
      const outcome = this.inTransaction(item.work);
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    }
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
