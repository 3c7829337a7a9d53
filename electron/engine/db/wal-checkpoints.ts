// Checkpoints (the WAL's pages copied into the database file) at a pause in the writes, not inside a publish's
// commit. SQLite checkpoints on its own in the commit that takes the WAL past `wal_autocheckpoint` pages, on the
// event loop, with three fsyncs (the WAL and the database, then the WAL's new header at the next commit): 3–12 ms
// measured on the 2-core bench machine, every ~70 publishes of a stream of due posts (a publish writes ~14 pages), on
// whichever claims committed then. So while writes come they go on into the WAL, and a passive checkpoint runs once
// they have paused: its cost is the pages written since, each once however often it was rewritten.
import type BetterSqlite3 from 'better-sqlite3';

/** Writes this far apart are a pause: a burst of due posts commits every few milliseconds. */
export const CHECKPOINT_QUIET_MS = 1000;
/**
 * SQLite's own checkpoint stays the bound for writes that never pause: 10,000 pages of 4 kB (a 40 MB WAL, ~700
 * publishes) instead of its default 1,000. A WAL file keeps its largest size and is written over from its start
 * after a checkpoint, so its fsyncs stay data-only.
 */
export const CHECKPOINT_CEILING_PAGES = 10_000;

export class WalCheckpoints {
  /** One timer, re-armed by each commit (a fired one too): nothing runs while nothing is written. */
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly sqlite: BetterSqlite3.Database) {
    sqlite.pragma(`wal_autocheckpoint = ${CHECKPOINT_CEILING_PAGES}`);
  }

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
      // Nothing is lost: the pages stay in the WAL, readable, and the next pause or SQLite's ceiling copies them.
    }
  }
}
