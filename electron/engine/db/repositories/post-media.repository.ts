// A post's media in order (post_media), read with each library item's facts. Written only inside the store's
// transaction that writes the post, so a post and its media are always stored together.
import type { SyncSql } from '../sync-sql';
import type { MediaRow, PostMediaRow } from '../tables';

/** A post_media row with its library item, when it is one. */
export interface PostMediaEntryRow extends PostMediaRow {
  item: MediaRow | undefined;
}

export function postMediaOf(sql: SyncSql, postIds: readonly string[]): Map<string, PostMediaEntryRow[]> {
  const byPost = new Map<string, PostMediaEntryRow[]>();
  if (postIds.length === 0) return byPost;
  // One post is read on every save and every publish (most have no entries): a prepared statement, not a built query.
  const rows =
    postIds.length === 1
      ? (sql.statement('select * from post_media where post_id = ? order by position').all(postIds[0]) as PostMediaRow[])
      : sql.all(
          sql.db
            .selectFrom('post_media')
            .selectAll()
            .where('post_id', 'in', [...new Set(postIds)])
            .orderBy('post_id')
            .orderBy('position'),
        );
  const ids = [...new Set(rows.flatMap((row) => (row.media_id === null ? [] : [row.media_id])))];
  const items = ids.length === 0 ? [] : sql.all(sql.db.selectFrom('media').selectAll().where('id', 'in', ids));
  const itemById = new Map(items.map((item) => [item.id, item]));
  for (const row of rows) {
    const list = byPost.get(row.post_id) ?? [];
    list.push({ ...row, item: row.media_id === null ? undefined : itemById.get(row.media_id) });
    byPost.set(row.post_id, list);
  }
  return byPost;
}

/** Replaces a post's media with `rows` (in their order). Runs inside the caller's transaction. */
export function replacePostMedia(sql: SyncSql, postId: string, rows: readonly Omit<PostMediaRow, 'post_id'>[]): void {
  sql.run(sql.db.deleteFrom('post_media').where('post_id', '=', postId));
  if (rows.length > 0) sql.run(sql.db.insertInto('post_media').values(rows.map((row) => ({ ...row, post_id: postId }))));
}
