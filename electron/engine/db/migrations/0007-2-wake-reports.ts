// Frozen in time: never typed with the app's Database, never edited after release.
// Wake reports (issue 13): the posts that were due while the computer slept, recorded at the wake so one summary can
// say what became of them until the manager dismisses it. A target removed with its post leaves the report.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('wake_reports')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('asleep_since', 'integer')
    .addColumn('woke_at', 'integer', (col) => col.notNull())
    .addColumn('dismissed_at', 'integer')
    .execute();

  await db.schema
    .createTable('wake_report_targets')
    .addColumn('report_id', 'text', (col) => col.notNull().references('wake_reports.id').onDelete('cascade'))
    .addColumn('target_id', 'text', (col) => col.notNull().references('post_platforms.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('wake_report_targets_pk', ['report_id', 'target_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('wake_report_targets').execute();
  await db.schema.dropTable('wake_reports').execute();
}
