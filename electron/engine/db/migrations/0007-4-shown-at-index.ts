// Frozen in time: never typed with the app's Database, never edited after release.
// The calendar and the lists ask for posts by the time they are shown at: the schedule, or the creation for a post
// without one. Written as an OR over two columns, that range read every post; on the expression itself it is one
// index seek, in the order the answer needs.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('posts_shown_at')
    .on('posts')
    .expression(sql`coalesce(scheduled_at, created_at), created_at`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('posts_shown_at').execute();
}
