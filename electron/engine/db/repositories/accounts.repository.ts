// Reads are async over Kysely; writes are synchronous (SyncSql) so they can join a group commit (WriteBatcher).
import type { Db } from '../database';
import type { SyncSql } from '../sync-sql';
import type { AccountRow, AccountRowUpdate, NewAccountRow } from '../tables';

export function insertAccount(sql: SyncSql, row: NewAccountRow): void {
  sql.run(sql.db.insertInto('social_accounts').values(row));
}

export function updateAccount(sql: SyncSql, id: string, changes: AccountRowUpdate): void {
  sql.run(sql.db.updateTable('social_accounts').set(changes).where('id', '=', id));
}

export function deleteAccount(sql: SyncSql, id: string): void {
  sql.run(sql.db.deleteFrom('social_accounts').where('id', '=', id));
}

export async function findAccount(db: Db, id: string): Promise<AccountRow | undefined> {
  return db.selectFrom('social_accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findAccounts(db: Db, ids: readonly string[]): Promise<AccountRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('social_accounts').selectAll().where('id', 'in', ids).execute();
}

export async function listAccounts(db: Db): Promise<AccountRow[]> {
  return db.selectFrom('social_accounts').selectAll().orderBy('platform').orderBy('name').execute();
}
