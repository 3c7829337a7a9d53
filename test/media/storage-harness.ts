// The media storage on a real SQLite file (its settings sealed by the credential store, with a key file) aimed at a local
// s3rver, with a clock the test can set back to make presigned links that have already expired.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type OpenedDatabase } from '../../electron/engine/db/database';
import { SyncSql } from '../../electron/engine/db/sync-sql';
import { WalSync } from '../../electron/engine/db/wal-sync';
import { WriteBatcher } from '../../electron/engine/db/write-batcher';
import { silentLogger } from '../../electron/engine/logger';
import { MediaStorage } from '../../electron/engine/media/storage/media-storage';
import { MediaStorageSettings } from '../../electron/engine/media/storage/storage-settings';
import { databaseFile } from '../../electron/engine/paths';
import { CredentialStore } from '../../electron/engine/secrets/credential-store';
import { S3_ACCESS_KEY_ID, S3_REGION, S3_SECRET_ACCESS_KEY, startPrivateS3, type PrivateS3 } from '../fakes/s3/private-s3';

export interface StorageHarness {
  storage: MediaStorage;
  s3: PrivateS3;
  opened: OpenedDatabase;
  /** Makes every noted object older by `ms`. */
  age(ms: number): Promise<void>;
  /** Saves the s3rver bucket as the media storage. */
  configure(): Promise<void>;
  rows(): Promise<{ key: string; target_id: string }[]>;
  close(): Promise<void>;
}

export async function openStorage(options: { linkLifetimeSeconds?: number } = {}): Promise<StorageHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pe-storage-'));
  const opened = await openDatabase(databaseFile(dataDir));
  const sql = new SyncSql(opened.sqlite, opened.db);
  const wal = new WalSync(`${databaseFile(dataDir)}-wal`);
  const writes = new WriteBatcher(opened.sqlite, wal);
  const now = Date.now;
  const s3 = await startPrivateS3();
  const credentials = await CredentialStore.open({
    dataDir,
    db: opened.db,
    sql,
    writes,
    keychain: null,
    prefer: 'key-file',
    log: silentLogger,
    now,
  });
  const settings = new MediaStorageSettings(opened.db, sql, writes, credentials.cipher, now);
  const storage = new MediaStorage({ db: opened.db, sql, writes, settings, now, log: silentLogger, ...options });
  return {
    storage,
    s3,
    opened,
    async age(ms) {
      await opened.db
        .updateTable('storage_objects')
        .set((eb) => ({ created_at: eb('created_at', '-', ms) }))
        .execute();
    },
    async configure() {
      await settings.save({
        endpoint: s3.endpoint,
        region: S3_REGION,
        bucket: s3.bucket,
        accessKeyId: S3_ACCESS_KEY_ID,
        secretAccessKey: S3_SECRET_ACCESS_KEY,
      });
    },
    rows: () => opened.db.selectFrom('storage_objects').select(['key', 'target_id']).execute(),
    async close() {
      await s3.close();
      await wal.close();
      await opened.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
