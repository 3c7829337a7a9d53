// The publish ledger as a publisher sees it. A handle is written at once, in autocommit, so one saved just before
// a create call is on disk even if the process dies during the call.
import type { AttemptLedger } from '../publishers/publisher';
import type { SyncSql } from '../db/sync-sql';
import { parseJson } from './views';

export function attemptLedger(sql: SyncSql, attemptId: number, earlier: Record<string, string>): AttemptLedger {
  const handles: Record<string, string> = { ...earlier };
  return {
    handles,
    saveHandle(name, value) {
      sql.run(
        sql.db
          .updateTable('publish_attempts')
          .set((eb) => ({ handles: eb.fn('json_set', ['handles', eb.val(`$."${name.replaceAll('"', '')}"`), eb.val(value)]) }))
          .where('id', '=', attemptId),
      );
      handles[name] = value;
    },
  };
}

/** Handles from all attempts of a target, later ones winning. */
export function handlesOfTarget(sql: SyncSql, targetId: string): Record<string, string> {
  const rows = sql.all(sql.db.selectFrom('publish_attempts').select('handles').where('target_id', '=', targetId).orderBy('id'));
  return Object.assign({}, ...rows.map((row) => parseJson<Record<string, string>>(row.handles, {})));
}
