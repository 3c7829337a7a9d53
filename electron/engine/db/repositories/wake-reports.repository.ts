// Wake reports: which targets were due while the computer slept, and what is stored about them now. Reads are async
// over Kysely; the writes are synchronous (SyncSql) so they run inside the write batcher's transaction.
import type { Db } from '../database';
import type { SyncSql } from '../sync-sql';
import type { AttemptOutcome, TargetRow, WakeReportRow } from '../tables';

/** Targets still meant to go out (not drafts, not cancelled) that fell due in the window. */
const LIVE_TARGET_STATUSES = ['pending', 'publishing', 'published', 'failed', 'unknown'] as const;

export interface DueWhileAsleepQuery {
  /**
   * Due after this instant (as stored now, or when its job was taken up); without it, only targets that never started
   * and are overdue now count.
   */
  asleepSince: number | null;
  /** Due at or before this instant. */
  dueBy: number;
}

export async function findDueWhileAsleep(db: Db, query: DueWhileAsleepQuery): Promise<string[]> {
  const select = db
    .selectFrom('post_platforms')
    .innerJoin('posts', 'posts.id', 'post_platforms.post_id')
    .select('post_platforms.id as id')
    .where('posts.status', '!=', 'draft');
  const { asleepSince, dueBy } = query;
  if (asleepSince !== null) {
    // The engine runs again before the system says it woke, so it may have sent or given up a target already: that
    // one's due_at is cleared (or moved, for a retry), and the time its job came due says it was due while asleep.
    const rows = await select
      .where('post_platforms.status', 'in', LIVE_TARGET_STATUSES)
      .where((eb) =>
        eb.or([
          eb.and([eb('post_platforms.due_at', '>', asleepSince), eb('post_platforms.due_at', '<=', dueBy)]),
          eb.and([eb('post_platforms.came_due_at', '>', asleepSince), eb('post_platforms.came_due_at', '<=', dueBy)]),
        ]),
      )
      .execute();
    return rows.map((row) => row.id);
  }
  // A target waiting for the network or its platform was held back for that, not for the sleep.
  const rows = await select
    .where('post_platforms.due_at', '<=', dueBy)
    .where('post_platforms.status', '=', 'pending')
    .where('post_platforms.attempt_count', '=', 0)
    .where('post_platforms.waiting_since', 'is', null)
    .execute();
  return rows.map((row) => row.id);
}

export function insertWakeReport(sql: SyncSql, report: WakeReportRow, targetIds: readonly string[]): void {
  sql.run(sql.db.insertInto('wake_reports').values(report));
  for (const targetId of targetIds) sql.run(sql.db.insertInto('wake_report_targets').values({ report_id: report.id, target_id: targetId }));
}

/** The latest report the manager has not dismissed. */
export async function findOpenWakeReport(db: Db): Promise<WakeReportRow | undefined> {
  return db.selectFrom('wake_reports').selectAll().where('dismissed_at', 'is', null).orderBy('woke_at', 'desc').limit(1).executeTakeFirst();
}

export async function findWakeReport(db: Db, id: string): Promise<WakeReportRow | undefined> {
  return db.selectFrom('wake_reports').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface ReportedTarget {
  target: Pick<TargetRow, 'id' | 'post_id' | 'platform' | 'status' | 'due_at'>;
  text: string;
  time_zone: string;
  /** The post's time (a target's due time moves when it is settled or sent again). */
  scheduled_at: number | null;
  /** The outcome of its latest attempt: 'missed' when it was given up for lateness. */
  lastOutcome: AttemptOutcome | null;
}

export async function findReportedTargets(db: Db, reportId: string): Promise<ReportedTarget[]> {
  const rows = await db
    .selectFrom('wake_report_targets')
    .innerJoin('post_platforms', 'post_platforms.id', 'wake_report_targets.target_id')
    .innerJoin('posts', 'posts.id', 'post_platforms.post_id')
    .select((eb) => [
      'post_platforms.id as id',
      'post_platforms.post_id as post_id',
      'post_platforms.platform as platform',
      'post_platforms.status as status',
      'post_platforms.due_at as due_at',
      'posts.text as text',
      'posts.time_zone as time_zone',
      'posts.scheduled_at as scheduled_at',
      eb
        .selectFrom('publish_attempts')
        .select('publish_attempts.outcome')
        .whereRef('publish_attempts.target_id', '=', 'post_platforms.id')
        .orderBy('publish_attempts.id', 'desc')
        .limit(1)
        .as('last_outcome'),
    ])
    .where('wake_report_targets.report_id', '=', reportId)
    .orderBy('posts.scheduled_at')
    .orderBy('post_platforms.id')
    .execute();
  return rows.map(({ text, time_zone, scheduled_at, last_outcome, ...target }) => ({
    target,
    text,
    time_zone,
    scheduled_at,
    lastOutcome: last_outcome ?? null,
  }));
}

/** Dismisses this report and any older one still open. */
export function dismissWakeReports(sql: SyncSql, upTo: WakeReportRow, now: number): void {
  sql.run(sql.db.updateTable('wake_reports').set({ dismissed_at: now }).where('dismissed_at', 'is', null).where('woke_at', '<=', upTo.woke_at));
}
