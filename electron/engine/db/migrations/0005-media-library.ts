// Frozen in time: never typed with the app's Database, never edited after release.
// The media library: one row per imported file (stored under its SHA-256), and the ordered media of each post —
// library items and links side by side — so a file is never removed while a post uses it.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('media')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('sha256', 'text', (col) => col.notNull().unique())
    .addColumn('original_name', 'text', (col) => col.notNull())
    .addColumn('stored_name', 'text', (col) => col.notNull())
    .addColumn('mime_type', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('image', 'video', 'document')`))
    .addColumn('size_bytes', 'integer', (col) => col.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('duration_ms', 'integer')
    .addColumn('video_codec', 'text')
    .addColumn('audio_codec', 'text')
    .addColumn('frame_rate', 'real')
    .addColumn('created_at', 'integer', (col) => col.notNull())
    .addColumn('unused_since', 'integer')
    .execute();
  await db.schema.createIndex('media_unused_since').on('media').column('unused_since').execute();

  await db.schema
    .createTable('post_media')
    .addColumn('post_id', 'text', (col) => col.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('media_id', 'text', (col) => col.references('media.id').onDelete('restrict'))
    .addColumn('url', 'text')
    .addColumn('alt_text', 'text')
    .addPrimaryKeyConstraint('post_media_pk', ['post_id', 'position'])
    .addCheckConstraint('post_media_item_or_link', sql`(media_id is null) <> (url is null)`)
    .execute();
  await db.schema.createIndex('post_media_media_id').on('post_media').column('media_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('post_media').execute();
  await db.schema.dropTable('media').execute();
}
