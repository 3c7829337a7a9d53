// Frozen in time: never typed with the app's Database, never edited after release.
// Files the engine put in the user's media storage for a platform to fetch (Instagram), written before each upload
// so that none is forgotten in the bucket, even after a crash: each is deleted once its target is live or failed,
// and within a day whatever happened. No foreign key: a deleted post's objects must still be found and deleted.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('storage_objects')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('endpoint', 'text', (col) => col.notNull())
    .addColumn('bucket', 'text', (col) => col.notNull())
    .addColumn('target_id', 'text', (col) => col.notNull())
    .addColumn('created_at', 'integer', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('storage_objects_target_id').on('storage_objects').column('target_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('storage_objects').execute();
}
