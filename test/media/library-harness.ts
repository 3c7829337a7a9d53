// A media library on a real SQLite file in a temp data directory, with a clock the test moves.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase, type OpenedDatabase } from '../../electron/engine/db/database';
import { SyncSql } from '../../electron/engine/db/sync-sql';
import { WalSync } from '../../electron/engine/db/wal-sync';
import { WriteBatcher } from '../../electron/engine/db/write-batcher';
import { silentLogger } from '../../electron/engine/logger';
import { MediaLibrary } from '../../electron/engine/media/media-library';
import { databaseFile } from '../../electron/engine/paths';

export const FIXTURES = resolve(__dirname, '../fixtures/media');

export function fixture(name: string): string {
  return join(FIXTURES, name);
}

export interface LibraryHarness {
  library: MediaLibrary;
  opened: OpenedDatabase;
  sql: SyncSql;
  dataDir: string;
  /** A scratch folder for files the test makes. */
  scratch: string;
  /** Copies a fixture into the scratch folder under another name. */
  copyAs(fixtureName: string, name: string): string;
  clock: { now: number };
  close(): Promise<void>;
}

export async function openLibrary(): Promise<LibraryHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pe-media-'));
  const scratch = mkdtempSync(join(tmpdir(), 'pe-media-in-'));
  const opened = await openDatabase(databaseFile(dataDir));
  const sql = new SyncSql(opened.sqlite, opened.db);
  const wal = new WalSync(`${databaseFile(dataDir)}-wal`);
  const writes = new WriteBatcher(opened.sqlite, wal);
  const clock = { now: Date.parse('2026-12-01T09:00:00Z') };
  const library = new MediaLibrary({ dataDir, db: opened.db, sql, writes, now: () => clock.now, log: silentLogger });
  return {
    library,
    opened,
    sql,
    dataDir,
    scratch,
    clock,
    copyAs(fixtureName, name) {
      const path = join(scratch, name);
      copyFileSync(fixture(fixtureName), path);
      return path;
    },
    async close() {
      await wal.close();
      await opened.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
