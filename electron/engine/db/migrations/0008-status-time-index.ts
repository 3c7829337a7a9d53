// Frozen in time: never typed with the app's Database, never edited after release.
// The next scheduled post (the queue's and the tray's "next") is read on every queue change: with the index on status
// alone, SQLite read every scheduled post and sorted them by time (10 ms with 10,000 scheduled, four times a second
// during a bulk import). On (status, scheduled_at) it is one seek; the status-only index is its prefix, so it goes.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('posts_status_scheduled_at').on('posts').columns(['status', 'scheduled_at']).execute();
  await db.schema.dropIndex('posts_status').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('posts_status').on('posts').column('status').execute();
  await db.schema.dropIndex('posts_status_scheduled_at').execute();
}
