// The publish ledger: one row per attempt, written before the platform is called. Handles are written
// synchronously, so one saved just before a create call is on disk even if the process dies during the call.
import type BetterSqlite3 from 'better-sqlite3';
import type { AttemptLedger } from '../publishers/publisher';
import { parseJson } from './views';

export function attemptLedger(sqlite: BetterSqlite3.Database, attemptId: number, earlier: Record<string, string>): AttemptLedger {
  const handles: Record<string, string> = { ...earlier };
  const save = sqlite.prepare('update publish_attempts set handles = json_set(handles, ?, ?) where id = ?');
  return {
    handles,
    saveHandle(name, value) {
      save.run(`$."${name.replaceAll('"', '')}"`, value, attemptId);
      handles[name] = value;
    },
  };
}

/** Handles from all attempts of a target, later ones winning. */
export function handlesOfTarget(sqlite: BetterSqlite3.Database, targetId: string): Record<string, string> {
  const rows = sqlite.prepare('select handles from publish_attempts where target_id = ? order by id').all(targetId) as { handles: string }[];
  return Object.assign({}, ...rows.map((row) => parseJson<Record<string, string>>(row.handles, {})));
}
