// The SQLite store: pragmas, migrations up and down, and refusing a database from a newer version.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Migrator, NO_MIGRATIONS, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseFromFutureError, openDatabase } from '../../electron/engine/db/database';
import { migrationProvider, migrations } from '../../electron/engine/db/migrations';

let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pe-db-'));
  file = join(dir, 'test.sqlite');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('database', () => {
  it('opens with WAL and foreign keys, migrated to the latest schema', async () => {
    const { db, sqlite, close } = await openDatabase(file);
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = (await db.introspection.getTables()).map((t) => t.name).sort();
    expect(tables).toEqual(
      expect.arrayContaining(['engine_state', 'media', 'oauth_apps', 'post_media', 'post_platforms', 'posts', 'publish_attempts', 'social_accounts']),
    );
    await close();
  });

  it('runs every migration down and up again', async () => {
    const { db, close } = await openDatabase(file);
    const tables = (await db.introspection.getTables()).length;
    const migrator = new Migrator({ db: db as unknown as Kysely<unknown>, provider: migrationProvider });
    const down = await migrator.migrateTo(NO_MIGRATIONS);
    expect(down.error).toBeUndefined();
    expect((await db.introspection.getTables()).map((t) => t.name)).toEqual([]);
    const up = await migrator.migrateToLatest();
    expect(up.error).toBeUndefined();
    expect((await db.introspection.getTables()).length).toBe(tables);
    await close();
  });

  it('cascades a post delete to its targets and their attempts', async () => {
    const { db, close } = await openDatabase(file);
    const now = Date.now();
    await db
      .insertInto('social_accounts')
      .values({
        id: 'a',
        platform: 'twitter',
        name: 'A',
        external_id: null,
        access_token_enc: 'x',
        refresh_token_enc: null,
        token_expires_at: null,
        status: 'connected',
        status_message: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('posts')
      .values({ id: 'p', text: 't', media_urls: '[]', scheduled_at: null, time_zone: 'UTC', status: 'draft', created_at: now, updated_at: now })
      .execute();
    await db
      .insertInto('post_platforms')
      .values({
        id: 't',
        post_id: 'p',
        account_id: 'a',
        platform: 'twitter',
        account_name: 'A',
        text_override: null,
        options: '{}',
        status: 'pending',
        platform_post_id: null,
        platform_post_url: null,
        error_message: null,
        attempt_count: 0,
        revision: 1,
        due_at: null,
        first_attempt_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db.insertInto('publish_attempts').values({ target_id: 't', job_id: 'j', started_at: now, handles: '{}' }).execute();
    await db.deleteFrom('posts').where('id', '=', 'p').execute();
    expect(await db.selectFrom('post_platforms').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('publish_attempts').selectAll().execute()).toEqual([]);
    await close();
  });

  it('refuses a database written by a newer version, and changes nothing', async () => {
    const first = await openDatabase(file);
    await first.close();
    const raw = new BetterSqlite3(file);
    raw.prepare('insert into kysely_migration (name, timestamp) values (?, ?)').run('9999-from-the-future', new Date().toISOString());
    raw.close();

    await expect(openDatabase(file)).rejects.toBeInstanceOf(DatabaseFromFutureError);
    await expect(openDatabase(file)).rejects.toThrow(/newer version of Publishing Engine.*9999-from-the-future/);
    const check = new BetterSqlite3(file);
    expect(check.prepare('select count(*) as n from kysely_migration').get()).toEqual({ n: Object.keys(migrations).length + 1 });
    check.close();
  });

  it('rejects rows that break the status rules', async () => {
    const { db, close } = await openDatabase(file);
    const now = Date.now();
    await expect(
      db
        .insertInto('posts')
        .values({
          id: 'p',
          text: 't',
          media_urls: '[]',
          scheduled_at: null,
          time_zone: 'UTC',
          status: 'lost' as never,
          created_at: now,
          updated_at: now,
        })
        .execute(),
    ).rejects.toThrow(/CHECK constraint/);
    await close();
  });
});
