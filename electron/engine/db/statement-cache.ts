// Kysely's SQLite driver prepares every query it runs, and preparing costs more than running most of ours (a lookup
// by id, a count over an index): with thousands of posts created or published, half the time of each async query went
// to `prepare`. This hands Kysely the database with its statements cached by SQL text.
import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Distinct SQL texts kept; `in (?, ?, …)` lists of every length would otherwise grow the cache without end. */
const CACHED_STATEMENTS = 256;

export function withStatementCache(sqlite: BetterSqlite3.Database, limit = CACHED_STATEMENTS): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    prepare(sql: string): SqliteStatement {
      const cached = statements.get(sql);
      // A statement still being iterated (a streamed query) cannot run again until it is done: prepare another.
      if (cached && !cached.busy) {
        // Least recently used goes first: a Map iterates in insertion order, so a hit moves to the end.
        statements.delete(sql);
        statements.set(sql, cached);
        return cached as SqliteStatement;
      }
      const statement = sqlite.prepare(sql);
      if (cached) return statement as SqliteStatement;
      statements.set(sql, statement);
      if (statements.size > limit) statements.delete(statements.keys().next().value as string);
      return statement as SqliteStatement;
    },
    close(): void {
      statements.clear();
      sqlite.close();
    },
  };
}
