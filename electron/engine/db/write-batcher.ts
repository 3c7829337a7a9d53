// Group commit: synchronous writes queued in the same turn of the event loop share one SQLite transaction,
// so a burst of publishes or a bulk import pays for one commit instead of thousands. Each write runs in its
// own savepoint (a failing one rolls back alone) and its promise settles only after the commit.
import type BetterSqlite3 from 'better-sqlite3';

interface PendingWrite {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class WriteBatcher {
  private pending: PendingWrite[] = [];
  private scheduled = false;
  private readonly begin: BetterSqlite3.Statement;
  private readonly commit: BetterSqlite3.Statement;
  private readonly rollback: BetterSqlite3.Statement;
  private readonly savepoint: BetterSqlite3.Statement;
  private readonly release: BetterSqlite3.Statement;
  private readonly rollbackToSavepoint: BetterSqlite3.Statement;

  constructor(private readonly sqlite: BetterSqlite3.Database) {
    this.begin = sqlite.prepare('begin immediate');
    this.commit = sqlite.prepare('commit');
    this.rollback = sqlite.prepare('rollback');
    this.savepoint = sqlite.prepare('savepoint batched_write');
    this.release = sqlite.prepare('release batched_write');
    this.rollbackToSavepoint = sqlite.prepare('rollback to batched_write');
  }

  write<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      this.begin.run();
      for (const item of batch) {
        this.savepoint.run();
        try {
          outcomes.push({ ok: true, value: item.work() });
          this.release.run();
        } catch (error) {
          this.rollbackToSavepoint.run();
          this.release.run();
          outcomes.push({ ok: false, error });
        }
      }
      this.commit.run();
    } catch (error) {
      if (this.sqlite.inTransaction) this.rollback.run();
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, index) => {
      const outcome = outcomes[index];
      if (outcome?.ok) item.resolve(outcome.value);
      else item.reject(outcome?.error);
    });
  }
}
