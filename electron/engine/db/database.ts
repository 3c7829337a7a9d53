// Opens the SQLite file (WAL, foreign keys on), runs migrations, and refuses a database from a newer version.
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { migrationProvider, migrations } from './migrations';
import { sqliteNativeBinding } from './native-binding';
import { withStatementCache } from './statement-cache';
import type { Database } from './tables';

export type Db = Kysely<Database>;

export class DatabaseFromFutureError extends Error {
  constructor(readonly unknownMigrations: string[]) {
    super(
      `This database was written by a newer version of Publishing Engine (it has migrations ${unknownMigrations.join(', ')} ` +
        'that this version does not know). Update the app to open it; nothing was changed.',
    );
    this.name = 'DatabaseFromFutureError';
  }
}

export interface OpenedDatabase {
  db: Db;
  sqlite: BetterSqlite3.Database;
  close(): Promise<void>;
}

export async function openDatabase(file: string): Promise<OpenedDatabase> {
  // Inside Electron, the Electron-ABI build of the binding (checked first, so a wrong one is refused with the fix).
  const nativeBinding = sqliteNativeBinding();
  const sqlite = new BetterSqlite3(file, nativeBinding === undefined ? {} : { nativeBinding });
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  // A commit is in the WAL (safe from an app crash); writes that must survive a power cut also wait for an fsync of
  // the WAL off the event loop (see WalSync and WriteBatcher).
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  // 16 MB of page cache (the default is 2 MB): a busy day's rows stay in memory; an idle engine touches few pages.
  sqlite.pragma('cache_size = -16000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  try {
    await refuseFutureDatabase(sqlite);
    // Each issue owns a migration number and they land in any order, so a database may have run 0005 before 0002.
    const { error } = await new Migrator({ db, provider: migrationProvider, allowUnorderedMigrations: true }).migrateToLatest();
    if (error) throw error instanceof Error ? error : new Error(String(error));
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, sqlite, close: () => db.destroy() };
}

async function refuseFutureDatabase(sqlite: BetterSqlite3.Database): Promise<void> {
  const table = sqlite.prepare("select name from sqlite_master where type = 'table' and name = 'kysely_migration'").get();
  if (!table) return;
  const applied = sqlite.prepare('select name from kysely_migration').all() as { name: string }[];
  const unknown = applied.map((row) => row.name).filter((name) => !(name in migrations));
  if (unknown.length > 0) throw new DatabaseFromFutureError(unknown);
}
