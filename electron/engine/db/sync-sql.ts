// Runs Kysely-built queries synchronously on better-sqlite3, with prepared statements cached by SQL text.
// The publish hot path uses it: a publish is a handful of writes that must commit before the platform call,
// and Kysely's async driver (a mutex and a prepare per query) costs more than the writes themselves.
import type BetterSqlite3 from 'better-sqlite3';
import type { CompiledQuery, Kysely } from 'kysely';
import type { Database } from './tables';

interface Compilable<R> {
  compile(): CompiledQuery<R>;
}

export class SyncSql {
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  private readonly rawStatements = new Map<string, BetterSqlite3.Statement>();

  /** `db` only builds queries here; this class runs them. */
  constructor(
    readonly sqlite: BetterSqlite3.Database,
    readonly db: Kysely<Database>,
  ) {}

  run(query: Compilable<unknown>): BetterSqlite3.RunResult {
    const { sql, parameters } = query.compile();
    return this.statement(sql).run(...(parameters as unknown[]));
  }

  all<R>(query: Compilable<R>): R[] {
    const { sql, parameters } = query.compile();
    return this.statement(sql).all(...(parameters as unknown[])) as R[];
  }

  first<R>(query: Compilable<R>): R | undefined {
    const { sql, parameters } = query.compile();
    return this.statement(sql).get(...(parameters as unknown[])) as R | undefined;
  }

  /**
   * Rows as arrays of their columns, in the select's order (the caller names them with a tuple type): for thousands
   * of rows, a third cheaper than objects. Their statements are kept apart, since raw mode sticks to a statement.
   */
  rows<R extends readonly unknown[]>(query: Compilable<unknown>): R[] {
    const { sql, parameters } = query.compile();
    return this.prepared(this.rawStatements, sql, true).all(...(parameters as unknown[])) as R[];
  }

  /** A statement written as SQL, for the hottest reads, where building and compiling the query costs more than running it. */
  statement(sql: string): BetterSqlite3.Statement {
    return this.prepared(this.statements, sql, false);
  }

  private prepared(kept: Map<string, BetterSqlite3.Statement>, sql: string, raw: boolean): BetterSqlite3.Statement {
    let statement = kept.get(sql);
    if (!statement) {
      statement = raw ? this.sqlite.prepare(sql).raw(true) : this.sqlite.prepare(sql);
      kept.set(sql, statement);
    }
    return statement;
  }
}
