// Frozen in time: never typed with the app's Database, never edited after release.
// Posting slots (issue 13): an account's weekly queue times and the zone they are read in. Removing the account
// removes its queue.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('posting_schedules')
    .addColumn('account_id', 'text', (col) => col.primaryKey().references('social_accounts.id').onDelete('cascade'))
    .addColumn('time_zone', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'integer', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('posting_slots')
    .addColumn('account_id', 'text', (col) => col.notNull().references('posting_schedules.account_id').onDelete('cascade'))
    // ISO weekday: 1 = Monday … 7 = Sunday.
    .addColumn('weekday', 'integer', (col) => col.notNull().check(sql`weekday between 1 and 7`))
    // Minutes after midnight, wall time in the schedule's zone.
    .addColumn('minute', 'integer', (col) => col.notNull().check(sql`minute between 0 and 1439`))
    .addPrimaryKeyConstraint('posting_slots_pk', ['account_id', 'weekday', 'minute'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('posting_slots').execute();
  await db.schema.dropTable('posting_schedules').execute();
}
