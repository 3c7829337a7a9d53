// Checkpoints wait for a pause in the writes: none inside a stream of commits, one once the writes pause (and the
// WAL started over then), none after the engine stopped.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHECKPOINT_QUIET_MS, WalCheckpoints } from '../../electron/engine/db/wal-checkpoints';
import { WalSync } from '../../electron/engine/db/wal-sync';
import { WriteBatcher } from '../../electron/engine/db/write-batcher';

let dir: string;
let file: string;
let sqlite: BetterSqlite3.Database;
let wal: WalSync;
let checkpoints: WalCheckpoints;
let writes: WriteBatcher;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pe-checkpoint-'));
  file = join(dir, 'checkpoint.sqlite');
  sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.exec('create table page (id integer primary key, body blob not null)');
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  wal = new WalSync(`${file}-wal`);
  checkpoints = new WalCheckpoints(sqlite);
  writes = new WriteBatcher(sqlite, wal, () => checkpoints.committed());
});

afterEach(async () => {
  checkpoints.stop();
  await wal.close();
  sqlite.close();
  rmSync(dir, { recursive: true, force: true });
});

const databaseBytes = () => statSync(file).size;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** ~600 pages over 30 commits, one per turn of the event loop (a stream of publishes), below SQLite's own line. */
async function stream(): Promise<void> {
  const insert = sqlite.prepare('insert into page (body) values (?)');
  for (let commit = 0; commit < 30; commit += 1) {
    await writes.write(() => {
      for (let row = 0; row < 20; row += 1) insert.run(Buffer.alloc(4000, commit));
    }, 'relaxed');
  }
}

describe('WalCheckpoints', () => {
  it('copies nothing into the database file while commits come, and all of it once they pause', async () => {
    const empty = databaseBytes();
    await stream();
    expect(databaseBytes()).toBe(empty);
    await pause(CHECKPOINT_QUIET_MS + 500);
    expect(databaseBytes()).toBeGreaterThan(empty + 600 * 4000);
    expect(sqlite.prepare('select count(*) as n from page').get()).toEqual({ n: 600 });
    // The WAL was also started over at the pause (one frame since: user_version's page), so the next commit writes
    // and syncs no new WAL header in line.
    expect(sqlite.pragma('wal_checkpoint(PASSIVE)')).toEqual([{ busy: 0, log: 1, checkpointed: 1 }]);
  });

  it('runs no checkpoint once stopped', async () => {
    const empty = databaseBytes();
    await stream();
    checkpoints.stop();
    await pause(CHECKPOINT_QUIET_MS + 500);
    expect(databaseBytes()).toBe(empty);
  });
});
