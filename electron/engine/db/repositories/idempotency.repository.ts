// Idempotency keys, read and written inside the transaction of the create they belong to.
import type { SyncSql } from '../sync-sql';
import type { IdempotencyKeyRow } from '../tables';

export function findIdempotencyKey(sql: SyncSql, key: string): IdempotencyKeyRow | undefined {
  return sql.first(sql.db.selectFrom('idempotency_keys').selectAll().where('key', '=', key));
}

export function insertIdempotencyKey(sql: SyncSql, row: IdempotencyKeyRow): void {
  sql.run(sql.db.insertInto('idempotency_keys').values(row));
}
