// Kysely over cached statements: the same SQL runs on one prepared statement, a statement still being iterated gets
// another for the same SQL, the least recently used goes past the limit, and results are those of fresh statements.
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type Generated } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { withStatementCache } from '../../electron/engine/db/statement-cache';

interface Tables {
  note: { id: Generated<number>; text: string };
}

let sqlite: BetterSqlite3.Database;
let prepared: string[];

beforeEach(() => {
  sqlite = new BetterSqlite3(':memory:');
  sqlite.exec("create table note (id integer primary key, text text not null); insert into note (text) values ('a'), ('b'), ('c')");
  prepared = [];
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((sql: string) => {
    prepared.push(sql);
    return prepare(sql);
  }) as typeof sqlite.prepare;
});

afterEach(() => {
  if (sqlite.open) sqlite.close();
});

it('prepares each SQL text once, and answers as a fresh statement would', async () => {
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  const byId = (id: number) => db.selectFrom('note').select('text').where('id', '=', id).executeTakeFirst();
  expect(await byId(1)).toEqual({ text: 'a' });
  expect(await byId(3)).toEqual({ text: 'c' });
  await db.insertInto('note').values({ text: 'd' }).execute();
  await db.insertInto('note').values({ text: 'e' }).execute();
  expect(
    await db
      .selectFrom('note')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst(),
  ).toEqual({ n: 5 });
  expect(prepared.filter((sql) => sql.startsWith('select "text"'))).toHaveLength(1);
  expect(prepared.filter((sql) => sql.startsWith('insert'))).toHaveLength(1);
  await db.destroy();
  expect(sqlite.open).toBe(false);
});

it('gives a statement still being iterated (a streamed query) a fresh one for the same SQL', () => {
  const cache = withStatementCache(sqlite);
  const sql = 'select text from note order by id';
  const outer = cache.prepare(sql) as unknown as BetterSqlite3.Statement<[], { text: string }>;
  const seen: string[] = [];
  for (const row of outer.iterate()) {
    // Reusing the outer statement here would throw "This statement is busy executing a query".
    const inner = cache.prepare(sql) as unknown as BetterSqlite3.Statement<[], { text: string }>;
    expect(inner).not.toBe(outer);
    seen.push(`${row.text}:${inner.all().length}`);
  }
  expect(seen).toEqual(['a:3', 'b:3', 'c:3']);
  expect(cache.prepare(sql)).toBe(outer);
});

it('keeps at most the limit, dropping the least recently used', () => {
  const cache = withStatementCache(sqlite, 2);
  cache.prepare('select 1');
  cache.prepare('select 2');
  cache.prepare('select 1');
  cache.prepare('select 3');
  prepared = [];
  cache.prepare('select 1');
  cache.prepare('select 3');
  expect(prepared).toEqual([]);
  cache.prepare('select 2');
  expect(prepared).toEqual(['select 2']);
});
