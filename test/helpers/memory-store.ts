// The real SQLite target store on an in-memory database (every migration applied), for unit tests of the store,
// the processor, reconcile and the service without a file or Redis.
import { randomUUID } from 'node:crypto';
import type { Platform } from '../../shared/domain';
import { openDatabase, type OpenedDatabase } from '../../electron/engine/db/database';
import { insertAccount } from '../../electron/engine/db/repositories/accounts.repository';
import { SyncSql } from '../../electron/engine/db/sync-sql';
import type { AccountRow, TargetRow } from '../../electron/engine/db/tables';
import { IN_MEMORY, WriteBatcher } from '../../electron/engine/db/write-batcher';
import { SqliteTargetStore } from '../../electron/engine/publishing/store/sqlite-target-store';
import type { StoredPost } from '../../electron/engine/publishing/store/target-store';

export interface MemoryStore {
  opened: OpenedDatabase;
  sql: SyncSql;
  writes: WriteBatcher;
  store: SqliteTargetStore;
  close(): Promise<void>;
}

export async function openMemoryStore(): Promise<MemoryStore> {
  const opened = await openDatabase(':memory:');
  const sql = new SyncSql(opened.sqlite, opened.db);
  const writes = new WriteBatcher(opened.sqlite, IN_MEMORY);
  return { opened, sql, writes, store: new SqliteTargetStore(opened.db, sql, writes), close: () => opened.close() };
}

/** An account row with a token sealed by whatever the caller's cipher made of it. */
export async function storeAccount(
  memory: MemoryStore,
  platform: Platform,
  accessTokenEnc = 'token',
  name = `${platform} account`,
): Promise<AccountRow> {
  const now = Date.now();
  const row: AccountRow = {
    id: randomUUID(),
    platform,
    name,
    external_id: null,
    access_token_enc: accessTokenEnc,
    refresh_token_enc: null,
    token_expires_at: null,
    status: 'connected',
    status_message: null,
    created_at: now,
    updated_at: now,
    avatar_url: null,
    oauth_client_id: null,
    login_kind: null,
    scopes: null,
    refresh_expires_at: null,
    token_issued_at: now,
    verified_at: now,
    reminded_at: null,
    connection: 'token',
  };
  await memory.writes.write(() => insertAccount(memory.sql, row));
  return row;
}

/** A scheduled post with one waiting target per account, due at `dueAt`. */
export async function storePost(memory: MemoryStore, accounts: readonly AccountRow[], dueAt: number, text = 'Hello'): Promise<StoredPost> {
  const now = Date.now();
  const postId = randomUUID();
  const created = await memory.store.createPost(
    { id: postId, text, media_urls: '[]', scheduled_at: dueAt, time_zone: 'UTC', status: 'scheduled', created_at: now, updated_at: now },
    accounts.map((account): TargetRow => ({
      id: randomUUID(),
      post_id: postId,
      account_id: account.id,
      platform: account.platform,
      account_name: account.name,
      text_override: null,
      options: '{}',
      status: 'pending',
      platform_post_id: null,
      platform_post_url: null,
      error_message: null,
      attempt_count: 0,
      revision: 1,
      due_at: dueAt,
      came_due_at: null,
      first_attempt_at: null,
      waiting_for: null,
      waiting_since: null,
      created_at: now,
      updated_at: now,
    })),
  );
  if (!created.created) throw new Error('A post without an idempotency key is always created.');
  return created;
}
