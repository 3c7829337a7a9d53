// Reads are async over Kysely; writes are synchronous (SyncSql) so they can join a group commit (WriteBatcher).
import type { Db } from '../database';
import type { SyncSql } from '../sync-sql';
import type { NewPostRow, PostRow, PostRowUpdate } from '../tables';
import type { PostStatus } from '../../../../shared/domain';

export function insertPost(sql: SyncSql, row: NewPostRow): void {
  sql.run(sql.db.insertInto('posts').values(row));
}

export function updatePost(sql: SyncSql, id: string, changes: PostRowUpdate): void {
  sql.run(sql.db.updateTable('posts').set(changes).where('id', '=', id));
}

export function deletePost(sql: SyncSql, id: string): void {
  sql.run(sql.db.deleteFrom('posts').where('id', '=', id));
}

export async function findPost(db: Db, id: string): Promise<PostRow | undefined> {
  return db.selectFrom('posts').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface PostQuery {
  from?: number;
  to?: number;
  statuses?: readonly PostStatus[];
  limit?: number;
}

/** Posts in a time range: scheduled ones by their time, unscheduled (drafts, publish-now) by creation time. */
export async function listPosts(db: Db, query: PostQuery): Promise<PostRow[]> {
  let select = db.selectFrom('posts').selectAll();
  if (query.from !== undefined) {
    const from = query.from;
    select = select.where((eb) => eb.or([eb('scheduled_at', '>=', from), eb.and([eb('scheduled_at', 'is', null), eb('created_at', '>=', from)])]));
  }
  if (query.to !== undefined) {
    const to = query.to;
    select = select.where((eb) => eb.or([eb('scheduled_at', '<', to), eb.and([eb('scheduled_at', 'is', null), eb('created_at', '<', to)])]));
  }
  if (query.statuses && query.statuses.length > 0) select = select.where('status', 'in', query.statuses);
  return select
    .orderBy('scheduled_at')
    .orderBy('created_at')
    .limit(query.limit ?? 5000)
    .execute();
}

export async function findNextScheduledPost(db: Db, now: number): Promise<PostRow | undefined> {
  return db
    .selectFrom('posts')
    .selectAll()
    .where('status', '=', 'scheduled')
    .where('scheduled_at', '>=', now)
    .orderBy('scheduled_at')
    .limit(1)
    .executeTakeFirst();
}
