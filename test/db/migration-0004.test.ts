// Migration 0004: accounts gain what OAuth tells about them; existing accounts read as pasted tokens; down undoes it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator, type Kysely } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { openDatabase } from '../../electron/engine/db/database';
import { migrationProvider } from '../../electron/engine/db/migrations';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('adds the OAuth columns and the developer-apps table, keeping existing accounts as pasted tokens', async () => {
  dir = mkdtempSync(join(tmpdir(), 'pe-db-'));
  const { db, sqlite, close } = await openDatabase(join(dir, 'test.sqlite'));
  const migrator = new Migrator({ db: db as unknown as Kysely<unknown>, provider: migrationProvider });
  expect((await migrator.migrateTo('0001-initial-schema')).error).toBeUndefined();
  sqlite
    .prepare(
      "insert into social_accounts (id, platform, name, access_token_enc, status, created_at, updated_at) values ('a', 'linkedin', 'A', 'x', 'connected', 0, 0)",
    )
    .run();

  expect((await migrator.migrateToLatest()).error).toBeUndefined();
  expect(sqlite.prepare('select connection, avatar_url, oauth_client_id, login_kind, verified_at from social_accounts').get()).toEqual({
    connection: 'token',
    avatar_url: null,
    oauth_client_id: null,
    login_kind: null,
    verified_at: null,
  });
  sqlite.prepare("insert into oauth_apps (platform, client_id, updated_at) values ('tiktok', 'key', 1)").run();

  expect((await migrator.migrateTo('0001-initial-schema')).error).toBeUndefined();
  const columns = (sqlite.prepare('pragma table_info(social_accounts)').all() as { name: string }[]).map((c) => c.name);
  expect(columns).not.toContain('connection');
  expect(sqlite.prepare("select name from sqlite_master where name = 'oauth_apps'").get()).toBeUndefined();
  expect(sqlite.prepare('select id from social_accounts').all()).toEqual([{ id: 'a' }]);
  await close();
});
