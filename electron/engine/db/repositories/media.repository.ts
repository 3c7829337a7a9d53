// Reads are async over Kysely; writes are synchronous (SyncSql) so they can join a group commit (WriteBatcher).
import type { Db } from '../database';
import type { SyncSql } from '../sync-sql';
import type { MediaRow, NewMediaRow } from '../tables';

export function insertMedia(sql: SyncSql, row: NewMediaRow): void {
  sql.run(sql.db.insertInto('media').values(row));
}

export function findMediaBySha(sql: SyncSql, sha256: string): MediaRow | undefined {
  return sql.first(sql.db.selectFrom('media').selectAll().where('sha256', '=', sha256));
}

export async function findMedia(db: Db, id: string): Promise<MediaRow | undefined> {
  return db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findMediaByIds(db: Db, ids: readonly string[]): Promise<MediaRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('media').selectAll().where('id', 'in', ids).execute();
}

export async function listMedia(db: Db): Promise<MediaRow[]> {
  return db.selectFrom('media').selectAll().orderBy('created_at', 'desc').orderBy('id').execute();
}

export interface MediaUseRow {
  media_id: string;
  post_id: string;
  text: string;
  status: string;
  scheduled_at: number | null;
}

/** Which posts use the given items (all items when `ids` is omitted). */
export async function listMediaUses(db: Db, ids?: readonly string[]): Promise<MediaUseRow[]> {
  let query = db
    .selectFrom('post_media')
    .innerJoin('posts', 'posts.id', 'post_media.post_id')
    .select([
      'post_media.media_id as media_id',
      'posts.id as post_id',
      'posts.text as text',
      'posts.status as status',
      'posts.scheduled_at as scheduled_at',
    ])
    .where('post_media.media_id', 'is not', null)
    .distinct()
    .orderBy('posts.created_at', 'desc');
  if (ids !== undefined) query = query.where('post_media.media_id', 'in', ids.length > 0 ? ids : ['']);
  return (await query.execute()) as MediaUseRow[];
}

export function isMediaUsed(sql: SyncSql, id: string): boolean {
  return sql.first(sql.db.selectFrom('post_media').select('post_id').where('media_id', '=', id).limit(1)) !== undefined;
}

export function deleteMedia(sql: SyncSql, id: string): void {
  sql.run(sql.db.deleteFrom('media').where('id', '=', id));
}

/**
 * Marks items no post uses as unused from `now` (unless already marked) and clears the mark of items back in use;
 * returns the items unused since before `removeBefore`, which the caller removes.
 */
export function sweepUnusedMedia(sql: SyncSql, now: number, removeBefore: number): MediaRow[] {
  const used = sql.db.selectFrom('post_media').select('media_id').where('media_id', 'is not', null);
  sql.run(sql.db.updateTable('media').set({ unused_since: null }).where('unused_since', 'is not', null).where('id', 'in', used));
  sql.run(sql.db.updateTable('media').set({ unused_since: now }).where('unused_since', 'is', null).where('id', 'not in', used));
  return sql.all(sql.db.selectFrom('media').selectAll().where('unused_since', '<=', removeBefore));
}

export async function mediaTotalBytes(db: Db): Promise<number> {
  const row = await db
    .selectFrom('media')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('size_bytes'), eb.lit(0)).as('total'))
    .executeTakeFirst();
  return Number(row?.total ?? 0);
}
