// The SQLite part: the database file, the WAL's fsync, the write batcher and the target store over them, plus the
// installation id and the user's settings kept in the same file.
import { randomUUID } from 'node:crypto';
import { openDatabase, type OpenedDatabase } from '../db/database';
import { readState, writeState } from '../db/repositories/engine-state.repository';
import { SyncSql } from '../db/sync-sql';
import { WalCheckpoints } from '../db/wal-checkpoints';
import { WalSync } from '../db/wal-sync';
import { WriteBatcher } from '../db/write-batcher';
import type { DisposableStore } from '../disposable-store';
import { databaseFile } from '../paths';
import { SqliteTargetStore } from '../publishing/store/sqlite-target-store';
import type { TargetStore } from '../publishing/store/target-store';
import { SettingsService } from '../settings/settings-service';

export interface StorePart {
  opened: OpenedDatabase;
  sql: SyncSql;
  writes: WriteBatcher;
  store: TargetStore;
  settings: SettingsService;
  installationId: string;
}

export async function openStorePart(parts: DisposableStore, dataDir: string): Promise<StorePart> {
  const file = databaseFile(dataDir);
  const opened = await openDatabase(file);
  parts.add('database', () => opened.close());
  const walSync = new WalSync(`${file}-wal`);
  parts.add('WAL sync', () => walSync.close());
  const sql = new SyncSql(opened.sqlite, opened.db);
  const checkpoints = new WalCheckpoints(opened.sqlite);
  parts.add('WAL checkpoints', () => checkpoints.stop());
  const writes = new WriteBatcher(opened.sqlite, walSync, () => checkpoints.committed());
  return {
    opened,
    sql,
    writes,
    store: new SqliteTargetStore(opened.db, sql, writes),
    settings: new SettingsService(opened.db, sql, writes),
    installationId: await installation(opened, sql, writes),
  };
}

async function installation(opened: OpenedDatabase, sql: SyncSql, writes: WriteBatcher): Promise<string> {
  const existing = await readState<string>(opened.db, 'installation_id');
  if (existing) return existing;
  const id = randomUUID().replaceAll('-', '').slice(0, 12);
  await writes.write(() => writeState(sql, 'installation_id', id));
  return id;
}
