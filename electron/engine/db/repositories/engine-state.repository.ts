import type { Db } from '../database';
import type { SyncSql } from '../sync-sql';

export async function readState<T>(db: Db, key: string): Promise<T | undefined> {
  const row = await db.selectFrom('engine_state').select('value').where('key', '=', key).executeTakeFirst();
  return row ? (JSON.parse(row.value) as T) : undefined;
}

export function writeState(sql: SyncSql, key: string, value: unknown): void {
  const json = JSON.stringify(value);
  sql.run(
    sql.db
      .insertInto('engine_state')
      .values({ key, value: json })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: json })),
  );
}
