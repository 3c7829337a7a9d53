// Frozen in time: never typed with the app's Database, never edited after release.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('social_accounts')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('platform', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('external_id', 'text')
    .addColumn('access_token_enc', 'text', (col) => col.notNull())
    .addColumn('refresh_token_enc', 'text')
    .addColumn('token_expires_at', 'integer')
    .addColumn('status', 'text', (col) => col.notNull().check(sql`status in ('connected', 'needs_reconnect')`))
    .addColumn('status_message', 'text')
    .addColumn('created_at', 'integer', (col) => col.notNull())
    .addColumn('updated_at', 'integer', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('posts')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('media_urls', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('scheduled_at', 'integer')
    .addColumn('time_zone', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) =>
      col.notNull().check(sql`status in ('draft', 'scheduled', 'publishing', 'published', 'failed', 'cancelled')`),
    )
    .addColumn('created_at', 'integer', (col) => col.notNull())
    .addColumn('updated_at', 'integer', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('posts_scheduled_at').on('posts').column('scheduled_at').execute();
  await db.schema.createIndex('posts_status').on('posts').column('status').execute();

  await db.schema
    .createTable('post_platforms')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('post_id', 'text', (col) => col.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (col) => col.references('social_accounts.id').onDelete('set null'))
    .addColumn('platform', 'text', (col) => col.notNull())
    .addColumn('account_name', 'text', (col) => col.notNull())
    .addColumn('text_override', 'text')
    .addColumn('options', 'text', (col) => col.notNull().defaultTo('{}'))
    .addColumn('status', 'text', (col) =>
      col.notNull().check(sql`status in ('pending', 'publishing', 'published', 'failed', 'cancelled', 'unknown')`),
    )
    .addColumn('platform_post_id', 'text')
    .addColumn('platform_post_url', 'text')
    .addColumn('error_message', 'text')
    .addColumn('attempt_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('revision', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('due_at', 'integer')
    .addColumn('first_attempt_at', 'integer')
    .addColumn('created_at', 'integer', (col) => col.notNull())
    .addColumn('updated_at', 'integer', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('post_platforms_post_id').on('post_platforms').column('post_id').execute();
  await db.schema.createIndex('post_platforms_status').on('post_platforms').columns(['status', 'due_at']).execute();
  await db.schema.createIndex('post_platforms_account_id').on('post_platforms').column('account_id').execute();

  await db.schema
    .createTable('publish_attempts')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('target_id', 'text', (col) => col.notNull().references('post_platforms.id').onDelete('cascade'))
    .addColumn('job_id', 'text', (col) => col.notNull())
    .addColumn('started_at', 'integer', (col) => col.notNull())
    .addColumn('ended_at', 'integer')
    .addColumn('outcome', 'text')
    .addColumn('handles', 'text', (col) => col.notNull().defaultTo('{}'))
    .addColumn('platform_post_id', 'text')
    .addColumn('error_message', 'text')
    .execute();
  await db.schema.createIndex('publish_attempts_target_id').on('publish_attempts').column('target_id').execute();

  await db.schema
    .createTable('engine_state')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('value', 'text', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('engine_state').execute();
  await db.schema.dropTable('publish_attempts').execute();
  await db.schema.dropTable('post_platforms').execute();
  await db.schema.dropTable('posts').execute();
  await db.schema.dropTable('social_accounts').execute();
}
