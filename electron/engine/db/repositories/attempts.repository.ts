// The ledger's reads. Its writes are the target store's: an attempt row is written and closed in the same
// transaction as the transition that starts or ends it.
import type { Db } from '../database';
import type { AttemptRow } from '../tables';

export async function findLatestAttempt(db: Db, targetId: string): Promise<AttemptRow | undefined> {
  return db.selectFrom('publish_attempts').selectAll().where('target_id', '=', targetId).orderBy('id', 'desc').limit(1).executeTakeFirst();
}

/** The handles column of every attempt of a target, oldest first. */
export async function listHandles(db: Db, targetId: string): Promise<string[]> {
  const rows = await db.selectFrom('publish_attempts').select('handles').where('target_id', '=', targetId).orderBy('id').execute();
  return rows.map((row) => row.handles);
}
