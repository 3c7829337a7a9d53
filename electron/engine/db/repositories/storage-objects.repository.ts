// Files in the user's media storage: written before each upload, removed after the object is deleted.
import type { Db } from '../database';
import type { SyncSql } from '../sync-sql';
import type { StorageObjectRow } from '../tables';

/** Notes an object about to be uploaded; the same key again (a retry uploading the same file) is one row. */
export function noteStorageObject(sql: SyncSql, row: StorageObjectRow): void {
  sql.run(
    sql.db
      .insertInto('storage_objects')
      .values(row)
      .onConflict((oc) => oc.column('key').doNothing()),
  );
}

export function forgetStorageObject(sql: SyncSql, key: string): void {
  sql.run(sql.db.deleteFrom('storage_objects').where('key', '=', key));
}

/** Read for every target that settles, most of which have none: a prepared statement, not a built query. */
export function storageObjectsOfTarget(sql: SyncSql, targetId: string): StorageObjectRow[] {
  return sql.statement('select * from storage_objects where target_id = ?').all(targetId) as StorageObjectRow[];
}

/**
 * Objects nobody needs any more: their target is gone, live, failed or cancelled, or they were uploaded before
 * `olderThan` (the platform has long fetched them, or will never use them: its containers expire within a day).
 */
export async function settledStorageObjects(db: Db, olderThan: number): Promise<StorageObjectRow[]> {
  return db
    .selectFrom('storage_objects')
    .leftJoin('post_platforms', 'post_platforms.id', 'storage_objects.target_id')
    .selectAll('storage_objects')
    .where((eb) =>
      eb.or([
        eb('post_platforms.id', 'is', null),
        eb('post_platforms.status', 'in', ['published', 'failed', 'cancelled']),
        eb('storage_objects.created_at', '<', olderThan),
      ]),
    )
    .execute();
}
