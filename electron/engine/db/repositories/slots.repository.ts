// Posting slots: reads are async over Kysely; the one write (an account's whole schedule) is synchronous (SyncSql)
// so it runs inside the write batcher's transaction.
import type { Db } from '../database';
import type { SyncSql } from '../sync-sql';
import type { PostingScheduleRow, PostingSlotRow } from '../tables';

export interface StoredSchedule {
  schedule: PostingScheduleRow;
  slots: PostingSlotRow[];
}

export async function findSchedules(db: Db, accountIds?: readonly string[]): Promise<StoredSchedule[]> {
  let schedules = db.selectFrom('posting_schedules').selectAll();
  let slots = db.selectFrom('posting_slots').selectAll().orderBy('weekday').orderBy('minute');
  if (accountIds) {
    if (accountIds.length === 0) return [];
    schedules = schedules.where('account_id', 'in', accountIds);
    slots = slots.where('account_id', 'in', accountIds);
  }
  const [scheduleRows, slotRows] = await Promise.all([schedules.execute(), slots.execute()]);
  return scheduleRows.map((schedule) => ({ schedule, slots: slotRows.filter((slot) => slot.account_id === schedule.account_id) }));
}

/** Replaces an account's schedule: its zone and every slot. */
export function replaceSchedule(sql: SyncSql, schedule: PostingScheduleRow, slots: readonly PostingSlotRow[]): void {
  sql.run(sql.db.deleteFrom('posting_slots').where('account_id', '=', schedule.account_id));
  sql.run(
    sql.db
      .insertInto('posting_schedules')
      .values(schedule)
      .onConflict((oc) => oc.column('account_id').doUpdateSet({ time_zone: schedule.time_zone, updated_at: schedule.updated_at })),
  );
  for (const slot of slots) sql.run(sql.db.insertInto('posting_slots').values(slot));
}

/**
 * The times in [from, to) at which each of these accounts already has a post: a slot holding one is taken. A post
 * counts unless it is a draft or cancelled, or its target on that account was cancelled.
 */
export async function findTakenTimes(
  db: Db,
  accountIds: readonly string[],
  from: number,
  to: number,
  exceptPostIds: readonly string[] = [],
): Promise<{ account_id: string; scheduled_at: number }[]> {
  if (accountIds.length === 0) return [];
  let query = db
    .selectFrom('post_platforms')
    .innerJoin('posts', 'posts.id', 'post_platforms.post_id')
    .select(['post_platforms.account_id as account_id', 'posts.scheduled_at as scheduled_at'])
    .where('post_platforms.account_id', 'in', accountIds)
    .where('post_platforms.status', '!=', 'cancelled')
    .where('posts.status', 'not in', ['draft', 'cancelled'])
    .where('posts.scheduled_at', '>=', from)
    .where('posts.scheduled_at', '<', to);
  if (exceptPostIds.length > 0) query = query.where('posts.id', 'not in', exceptPostIds);
  const rows = await query.execute();
  return rows.flatMap((row) =>
    row.account_id !== null && row.scheduled_at !== null ? [{ account_id: row.account_id, scheduled_at: row.scheduled_at }] : [],
  );
}

/** Whether a post other than `exceptPostId` sits on this account at this instant (the rule of findTakenTimes). */
export function isSlotTaken(sql: SyncSql, accountId: string, at: number, exceptPostId?: string): boolean {
  let query = sql.db
    .selectFrom('post_platforms')
    .innerJoin('posts', 'posts.id', 'post_platforms.post_id')
    .select('posts.id')
    .where('post_platforms.account_id', '=', accountId)
    .where('post_platforms.status', '!=', 'cancelled')
    .where('posts.status', 'not in', ['draft', 'cancelled'])
    .where('posts.scheduled_at', '=', at);
  if (exceptPostId !== undefined) query = query.where('posts.id', '!=', exceptPostId);
  return sql.first(query.limit(1)) !== undefined;
}
