// Checkpoints (the WAL's pages copied into the database file) at a pause in the writes, not inside a due post's
// claim. SQLite checkpoints on its own in the commit that takes the WAL past 1,000 pages, on the event loop, with
// three fsyncs (the WAL and the database, then the restarted WAL's header at the next commit): 3–12 ms measured on
// the 2-core bench machine, on whichever commit crossed the line — a lone post's claim as likely as any. A passive
// checkpoint once writes have paused keeps the WAL below that line, so SQLite's own runs only inside a stream of
// more than ~70 publishes (a publish writes ~14 pages).
//
// SQLite's line stays where it is: a WAL allowed to grow further inside a stream, past the size its file already
// has, makes every fsync of the WAL also commit the file's new size to the file system's journal, which cost 2–3
// times a plain fsync (fdatasync of appended against rewritten 16 kB on this machine: p50 0.75 against 0.3 ms, p99
// 10 against 3) and measured worse than the stalls it spared.
import type BetterSqlite3 from 'better-sqlite3';

/** Writes this far apart are a pause: a burst of due posts commits every few milliseconds. */
export const CHECKPOINT_QUIET_MS = 1000;

export class WalCheckpoints {
  /** One timer, re-armed by each commit (a fired one too): nothing runs while nothing is written. */
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly sqlite: BetterSqlite3.Database) {}

  /** A commit happened: checkpoint once writes have paused for CHECKPOINT_QUIET_MS. */
  committed(): void {
    if (this.stopped) return;
    if (this.timer) this.timer.refresh();
    else this.timer = setTimeout(() => this.checkpoint(), CHECKPOINT_QUIET_MS).unref();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private checkpoint(): void {
    if (this.stopped || !this.sqlite.open) return;
    try {
      // PASSIVE: never waits for a reader or a writer; what it cannot copy now stays in the WAL for the next one.
      const [result] = this.sqlite.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
      // All of it copied: the next commit starts the WAL over and fsyncs its new header, on the event loop. Started
      // over here, by rewriting the schema's user_version with its own value (the smallest write SQLite makes), so
      // that next commit (a due post's claim) syncs nothing in line.
      if (result && result.busy === 0 && result.log === result.checkpointed) {
        this.sqlite.pragma(`user_version = ${Number(this.sqlite.pragma('user_version', { simple: true }))}`);
      }
    } catch {
      // Nothing is lost: the pages stay in the WAL, readable, and the next pause or SQLite's own checkpoint copies them.
    }
  }
}
