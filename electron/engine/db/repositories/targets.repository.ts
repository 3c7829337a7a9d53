// Reads are async over Kysely; writes are synchronous (SyncSql) so they can join a group commit (WriteBatcher).
import { sql as rawSql } from 'kysely';
import type { Db } from '../database';
import type { SyncSql } from '../sync-sql';
import type { NewTargetRow, TargetRow, TargetRowUpdate } from '../tables';
import type { PostCount, TargetStatus } from '../../../../shared/domain';

export function insertTargets(sql: SyncSql, rows: NewTargetRow[]): void {
  if (rows.length > 0) sql.run(sql.db.insertInto('post_platforms').values(rows));
}

export function updateTarget(sql: SyncSql, id: string, changes: TargetRowUpdate): void {
  sql.run(sql.db.updateTable('post_platforms').set(changes).where('id', '=', id));
}

/** Moves a target between statuses only if it is still in the expected one; false when someone else moved it first. */
export function transitionTarget(sql: SyncSql, id: string, from: TargetStatus, changes: TargetRowUpdate): boolean {
  return sql.run(sql.db.updateTable('post_platforms').set(changes).where('id', '=', id).where('status', '=', from)).changes === 1;
}

export function deleteTargets(sql: SyncSql, ids: readonly string[]): void {
  if (ids.length > 0) sql.run(sql.db.deleteFrom('post_platforms').where('id', 'in', ids));
}

export function findTargetSync(sql: SyncSql, id: string): TargetRow | undefined {
  return sql.first(sql.db.selectFrom('post_platforms').selectAll().where('id', '=', id));
}

export async function findTarget(db: Db, id: string): Promise<TargetRow | undefined> {
  return db.selectFrom('post_platforms').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listTargetsOfPost(db: Db, postId: string): Promise<TargetRow[]> {
  return db
    .selectFrom('post_platforms')
    .selectAll()
    .where('post_id', '=', postId)
    .orderBy(rawSql`rowid`)
    .execute();
}

export async function listTargetsOfPosts(db: Db, postIds: readonly string[]): Promise<TargetRow[]> {
  if (postIds.length === 0) return [];
  const rows: TargetRow[] = [];
  // SQLite limits bound parameters; page through large sets.
  for (let i = 0; i < postIds.length; i += 500) {
    const page = postIds.slice(i, i + 500);
    rows.push(
      ...(await db
        .selectFrom('post_platforms')
        .selectAll()
        .where('post_id', 'in', page)
        .orderBy(rawSql`rowid`)
        .execute()),
    );
  }
  return rows;
}

export async function countTargetsByStatus(db: Db, statuses: readonly TargetStatus[]): Promise<number> {
  const row = await db
    .selectFrom('post_platforms')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('status', 'in', statuses)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Posts and their targets that wait for their time, are publishing, or need the user; one pass over the status index. */
export async function countPostsAndTargets(db: Db): Promise<Record<'upcoming' | 'publishing' | 'needsAttention', PostCount>> {
  const upcoming = rawSql`status = 'pending' and due_at is not null`;
  const publishing = rawSql`status = 'publishing'`;
  const attention = rawSql`status in ('failed', 'unknown')`;
  const row = await db
    .selectFrom('post_platforms')
    .select([
      rawSql<number>`count(case when ${upcoming} then 1 end)`.as('upcomingTargets'),
      rawSql<number>`count(distinct case when ${upcoming} then post_id end)`.as('upcomingPosts'),
      rawSql<number>`count(case when ${publishing} then 1 end)`.as('publishingTargets'),
      rawSql<number>`count(distinct case when ${publishing} then post_id end)`.as('publishingPosts'),
      rawSql<number>`count(case when ${attention} then 1 end)`.as('attentionTargets'),
      rawSql<number>`count(distinct case when ${attention} then post_id end)`.as('attentionPosts'),
    ])
    .where('status', 'in', ['pending', 'publishing', 'failed', 'unknown'])
    .executeTakeFirstOrThrow();
  return {
    upcoming: { posts: Number(row.upcomingPosts), targets: Number(row.upcomingTargets) },
    publishing: { posts: Number(row.publishingPosts), targets: Number(row.publishingTargets) },
    needsAttention: { posts: Number(row.attentionPosts), targets: Number(row.attentionTargets) },
  };
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
