// The ledger's rows. Synchronous writes (SyncSql), so an attempt commits before the platform is called.
import type { Updateable } from 'kysely';
import type { SyncSql } from '../sync-sql';
import type { AttemptRow, NewAttemptRow, PublishAttemptsTable } from '../tables';

export function insertAttempt(sql: SyncSql, row: NewAttemptRow): number {
  return Number(sql.run(sql.db.insertInto('publish_attempts').values(row)).lastInsertRowid);
}

export function updateAttempt(sql: SyncSql, id: number, changes: Updateable<PublishAttemptsTable>): void {
  sql.run(sql.db.updateTable('publish_attempts').set(changes).where('id', '=', id));
}

/** Closes an attempt that nothing closed yet (e.g. one cut off by a crash). */
export function endOpenAttempt(sql: SyncSql, id: number, changes: Updateable<PublishAttemptsTable>): void {
  sql.run(sql.db.updateTable('publish_attempts').set(changes).where('id', '=', id).where('outcome', 'is', null));
}

export function findLatestAttemptSync(sql: SyncSql, targetId: string): AttemptRow | undefined {
  return sql.first(sql.db.selectFrom('publish_attempts').selectAll().where('target_id', '=', targetId).orderBy('id', 'desc').limit(1));
}
