// Earlier versions sealed tokens per host: the desktop app with Electron's safeStorage, `serve` and `web` with a
// key file (`token.key`). Each start moves whatever it can still open into the shared store, in one durable write;
// what it cannot open (safeStorage values in a process without Electron) waits for a host that can.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { SyncSql } from '../db/sync-sql';
import type { WriteBatcher } from '../db/write-batcher';
import type { Logger } from '../logger';
import { aesGcmCipher } from './aes-gcm-cipher';
import { readKeyFile } from './key-file';
import type { TokenCipher } from './token-cipher';
import { LEGACY_KEY_FILE_SCHEME, schemeOf, sealToken } from './token-store';

/** Opens values of an earlier scheme; the desktop app supplies safeStorage's. */
export interface LegacyTokenReader {
  scheme: string;
  decrypt(stored: string): Promise<string>;
}

const LEGACY_KEY_FILE = 'token.key';

interface SealedColumn {
  table: 'social_accounts' | 'oauth_apps';
  key: 'id' | 'platform';
  column: 'access_token_enc' | 'refresh_token_enc' | 'client_secret_enc';
}

const SEALED_COLUMNS: readonly SealedColumn[] = [
  { table: 'social_accounts', key: 'id', column: 'access_token_enc' },
  { table: 'social_accounts', key: 'id', column: 'refresh_token_enc' },
  { table: 'oauth_apps', key: 'platform', column: 'client_secret_enc' },
];

export interface LegacyMigration {
  moved: number;
  /** Values whose scheme no reader here can open. */
  waiting: number;
}

export async function migrateLegacyTokens(options: {
  dataDir: string;
  sql: SyncSql;
  writes: WriteBatcher;
  cipher: TokenCipher;
  readers: readonly LegacyTokenReader[];
  log: Logger;
}): Promise<LegacyMigration> {
  const { sql, cipher, log } = options;
  const readers = new Map(options.readers.map((reader) => [reader.scheme, reader]));
  const keyFile = join(options.dataDir, LEGACY_KEY_FILE);
  if (existsSync(keyFile)) {
    const read = readKeyFile(keyFile);
    if ('key' in read) {
      const legacy = aesGcmCipher(LEGACY_KEY_FILE_SCHEME, read.key);
      readers.set(LEGACY_KEY_FILE_SCHEME, { scheme: LEGACY_KEY_FILE_SCHEME, decrypt: async (stored) => legacy.decrypt(stored) });
    }
  }

  const updates: { column: SealedColumn; id: string; value: string }[] = [];
  let waiting = 0;
  for (const column of SEALED_COLUMNS) {
    const rows = sql.sqlite
      .prepare(
        `select ${column.key} as id, ${column.column} as value from ${column.table} where ${column.column} is not null and ${column.column} not like ?`,
      )
      .all(`${cipher.scheme}$%`) as { id: string; value: string }[];
    for (const row of rows) {
      const scheme = schemeOf(row.value);
      const reader = readers.get(scheme);
      if (!reader) {
        waiting += 1;
        continue;
      }
      try {
        const plain = await reader.decrypt(row.value.slice(scheme.length + 1));
        updates.push({ column, id: row.id, value: sealToken(cipher, plain) });
      } catch (error) {
        waiting += 1;
        log.warn(`A saved ${column.column.replace('_enc', '').replaceAll('_', ' ')} (${scheme}) could not be opened to move it: ${String(error)}`);
      }
    }
  }
  if (updates.length > 0) {
    await options.writes.write(() => {
      for (const { column, id, value } of updates) {
        sql.sqlite.prepare(`update ${column.table} set ${column.column} = ? where ${column.key} = ?`).run(value, id);
      }
    });
    log.info(`Moved ${updates.length} saved token(s) into the shared credential store.`);
  }
  // Once nothing sealed with the old key file is left, the file only widens what a thief could use.
  if (existsSync(keyFile) && !stillUses(sql, LEGACY_KEY_FILE_SCHEME)) rmSync(keyFile, { force: true });
  return { moved: updates.length, waiting };
}

function stillUses(sql: SyncSql, scheme: string): boolean {
  return SEALED_COLUMNS.some(
    (column) => sql.sqlite.prepare(`select 1 from ${column.table} where ${column.column} like ? limit 1`).get(`${scheme}$%`) !== undefined,
  );
}
