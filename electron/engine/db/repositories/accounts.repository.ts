import type { Db } from '../database';
import type { AccountRow, AccountRowUpdate, NewAccountRow } from '../tables';

export async function insertAccount(db: Db, row: NewAccountRow): Promise<void> {
  await db.insertInto('social_accounts').values(row).execute();
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

export async function updateAccount(db: Db, id: string, changes: AccountRowUpdate): Promise<void> {
  await db.updateTable('social_accounts').set(changes).where('id', '=', id).execute();
}

export async function deleteAccount(db: Db, id: string): Promise<void> {
  await db.deleteFrom('social_accounts').where('id', '=', id).execute();
}
