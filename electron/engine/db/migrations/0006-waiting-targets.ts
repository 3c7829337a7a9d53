// Frozen in time: never typed with the app's Database, never edited after release.
// A target can wait for the network or for its platform (issue 15): a reason on `pending` (or on `publishing` while it
// waits to ask whether its post went live), with since when. Both are set together or not at all, and only on a
// target that is still on its way; the partial index serves "what waits for this platform" and the queue's counts.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('post_platforms')
    .addColumn('waiting_for', 'text', (col) => col.check(sql`waiting_for in ('network', 'platform')`))
    .execute();
  await db.schema
    .alterTable('post_platforms')
    .addColumn('waiting_since', 'integer', (col) =>
      col.check(sql`(waiting_since is null) = (waiting_for is null) and (waiting_since is null or status in ('pending', 'publishing'))`),
    )
    .execute();
  await db.schema
    .createIndex('post_platforms_waiting')
    .on('post_platforms')
    .columns(['platform', 'due_at'])
    .where(sql.ref('waiting_since'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('post_platforms_waiting').execute();
  await db.schema.alterTable('post_platforms').dropColumn('waiting_since').execute();
  await db.schema.alterTable('post_platforms').dropColumn('waiting_for').execute();
}
