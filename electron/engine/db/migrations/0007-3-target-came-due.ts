// Frozen in time: never typed with the app's Database, never edited after release.
// When a target's latest job came due (issue 13's wake summary). `due_at` is cleared when a target settles and moves
// when it is tried again, so once the engine had caught up after a sleep (posts missed or sent late before the
// system's resume event arrived) nothing said any more that they had been due while the computer slept.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('post_platforms').addColumn('came_due_at', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('post_platforms').dropColumn('came_due_at').execute();
}
