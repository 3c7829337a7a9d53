// Frozen in time: never typed with the app's Database, never edited after release.
// Idempotency keys: a create sent again with the key of an earlier one answers with what that one made.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('key', 'text', (col) => col.primaryKey())
    // What the key made: 'post' (posts:create, posts:save) or 'account' (accounts:add).
    .addColumn('kind', 'text', (col) => col.notNull())
    // A digest of the request without its secrets: the same key with another request is refused.
    .addColumn('request_digest', 'text', (col) => col.notNull())
    .addColumn('result_id', 'text', (col) => col.notNull())
    .addColumn('created_at', 'integer', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('idempotency_keys').execute();
}
