import { sql } from 'kysely';
import type { Db } from '../database';
import type { NewTargetRow, TargetRow, TargetRowUpdate } from '../tables';
import type { TargetStatus } from '../../../../shared/domain';

export async function insertTargets(db: Db, rows: NewTargetRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('post_platforms').values(rows).execute();
}

export async function findTarget(db: Db, id: string): Promise<TargetRow | undefined> {
  return db.selectFrom('post_platforms').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listTargetsOfPost(db: Db, postId: string): Promise<TargetRow[]> {
  return db.selectFrom('post_platforms').selectAll().where('post_id', '=', postId).orderBy(sql`rowid`).execute();
}

export async function listTargetsOfPosts(db: Db, postIds: readonly string[]): Promise<TargetRow[]> {
  if (postIds.length === 0) return [];
  const rows: TargetRow[] = [];
  // SQLite limits bound parameters; page through large sets. rowid keeps the order the user chose the accounts in.
  for (let i = 0; i < postIds.length; i += 500) {
    const page = postIds.slice(i, i + 500);
    rows.push(...(await db.selectFrom('post_platforms').selectAll().where('post_id', 'in', page).orderBy(sql`rowid`).execute()));
  }
  return rows;
}

export async function listTargetsByStatus(db: Db, statuses: readonly TargetStatus[]): Promise<TargetRow[]> {
  return db.selectFrom('post_platforms').selectAll().where('status', 'in', statuses).execute();
}

export async function updateTarget(db: Db, id: string, changes: TargetRowUpdate): Promise<void> {
  await db.updateTable('post_platforms').set(changes).where('id', '=', id).execute();
}

/** Moves a target between statuses only if it is still in the expected one; false when someone else moved it first. */
export async function transitionTarget(db: Db, id: string, from: TargetStatus, changes: TargetRowUpdate): Promise<boolean> {
  const result = await db.updateTable('post_platforms').set(changes).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function deleteTargets(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('post_platforms').where('id', 'in', ids).execute();
}

export async function countTargetsByStatus(db: Db, statuses: readonly TargetStatus[]): Promise<number> {
  const row = await db
    .selectFrom('post_platforms')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('status', 'in', statuses)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function countOpenTargetsOfAccount(db: Db, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('post_platforms')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('account_id', '=', accountId)
    .where('status', 'in', ['pending', 'publishing'])
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
