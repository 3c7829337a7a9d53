import type { Db } from '../database';
import type { AttemptRow, NewAttemptRow, PublishAttemptsTable } from '../tables';
import type { Updateable } from 'kysely';

export async function insertAttempt(db: Db, row: NewAttemptRow): Promise<number> {
  const result = await db.insertInto('publish_attempts').values(row).executeTakeFirstOrThrow();
  return Number(result.insertId);
}

export async function updateAttempt(db: Db, id: number, changes: Updateable<PublishAttemptsTable>): Promise<void> {
  await db.updateTable('publish_attempts').set(changes).where('id', '=', id).execute();
}

export async function listAttemptsOfTarget(db: Db, targetId: string): Promise<AttemptRow[]> {
  return db.selectFrom('publish_attempts').selectAll().where('target_id', '=', targetId).orderBy('id').execute();
}

export async function findLatestAttempt(db: Db, targetId: string): Promise<AttemptRow | undefined> {
  return db.selectFrom('publish_attempts').selectAll().where('target_id', '=', targetId).orderBy('id', 'desc').limit(1).executeTakeFirst();
}
