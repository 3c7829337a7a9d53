// After a sleep: which posts were due while the computer slept, and what became of them, as one summary. The wake
// records the targets (before the missed rule settles them); every answer after that is built from what is stored
// about them now, so the summary follows them as they go out late, are published now or rescheduled, and is sent
// again (wake:summary) whenever one of them changes, until the manager dismisses it.
import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns';
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { WakePostOutcome, WakeSummary, WakeSummaryPost } from '../../../shared/wake-summary';
import type { Db } from '../db/database';
import {
  dismissWakeReports,
  findDueWhileAsleep,
  findOpenWakeReport,
  findReportedTargets,
  findWakeReport,
  insertWakeReport,
  type ReportedTarget,
} from '../db/repositories/wake-reports.repository';
import type { SyncSql } from '../db/sync-sql';
import type { WakeReportRow } from '../db/tables';
import type { WriteBatcher } from '../db/write-batcher';
import type { EngineEventBus } from '../events';
import type { Logger } from '../logger';
import type { PublishingService } from '../publishing/publishing-service';

/**
 * Without the time the computer went to sleep, a target that never started and is overdue by more than this counts
 * as due while asleep: the due timer fires within milliseconds while the app runs, so only one the worker is
 * taking right now is younger.
 */
export const OVERDUE_SLACK_MS = 2_000;

const OUTCOME_ORDER: readonly WakePostOutcome[] = ['missed', 'failed', 'publishing', 'rescheduled', 'published'];

export interface WakeReportsDeps {
  db: Db;
  sql: SyncSql;
  writes: WriteBatcher;
  events: EngineEventBus;
  publishing: Pick<PublishingService, 'requeueFailed'>;
  now: () => number;
  log: Logger;
}

export class WakeReports {
  /** The open report's targets, so a change to one of them sends the summary again. */
  private followed: { reportId: string; targetIds: ReadonlySet<string> } | undefined;
  private announcing = false;
  private readonly stops: Array<() => void>;

  constructor(private readonly deps: WakeReportsDeps) {
    const changed = (targetId: string) => {
      if (this.followed?.targetIds.has(targetId)) this.announceSoon();
    };
    this.stops = [
      deps.events.on('target:changed', ({ target }) => changed(target.id)),
      deps.events.on('post:deleted', () => {
        if (this.followed) this.announceSoon();
      }),
    ];
  }

  /** Follows the report left open by an earlier run. */
  async start(): Promise<void> {
    const open = await findOpenWakeReport(this.deps.db);
    if (open) await this.follow(open.id);
  }

  stop(): void {
    for (const stop of this.stops) stop();
    this.followed = undefined;
  }

  /** At a wake, before overdue targets are settled: records those due while asleep. Answers the report's id, if any. */
  async record(asleepSince: number | null): Promise<string | undefined> {
    const wokeAt = this.deps.now();
    const dueBy = asleepSince === null ? wokeAt - OVERDUE_SLACK_MS : wokeAt;
    const targetIds = await findDueWhileAsleep(this.deps.db, { asleepSince, dueBy });
    if (targetIds.length === 0) return undefined;
    const report: WakeReportRow = { id: randomUUID(), asleep_since: asleepSince, woke_at: wokeAt, dismissed_at: null };
    await this.deps.writes.write(() => insertWakeReport(this.deps.sql, report, targetIds));
    this.followed = { reportId: report.id, targetIds: new Set(targetIds) };
    this.deps.log.info(`Woke up: ${targetIds.length} target(s) were due while this computer was asleep.`);
    // Sent before any of them is settled, so a client knows which results the summary will report.
    await this.announce(report.id);
    return report.id;
  }

  /** The latest summary not dismissed, or null. */
  async open(): Promise<WakeSummary | null> {
    const report = await findOpenWakeReport(this.deps.db);
    return report ? this.build(report) : null;
  }

  async summary(id: string): Promise<WakeSummary> {
    return this.build(await this.report(id));
  }

  /** Sends the summary to every client now. */
  async announce(id: string): Promise<WakeSummary> {
    const summary = await this.summary(id);
    this.deps.events.emit('wake:summary', { summary });
    return summary;
  }

  /** "Publish now": every target of the summary that missed its time goes out now. */
  publishNow(id: string): Promise<WakeSummary> {
    return this.requeueMissed(id, () => null);
  }

  /** "Reschedule": each post that missed its time goes to the next time its clock shows that hour again (tomorrow's 09:00). */
  reschedule(id: string): Promise<WakeSummary> {
    const now = this.deps.now();
    return this.requeueMissed(id, (targets) => nextSameTime(targets, now));
  }

  async dismiss(id: string): Promise<{ id: string }> {
    const report = await this.report(id);
    await this.deps.writes.write(() => dismissWakeReports(this.deps.sql, report, this.deps.now()));
    if (this.followed?.reportId === id) this.followed = undefined;
    return { id };
  }

  private async requeueMissed(id: string, when: (targets: readonly ReportedTarget[]) => number | null): Promise<WakeSummary> {
    const report = await this.report(id);
    const now = this.deps.now();
    const missed = (await findReportedTargets(this.deps.db, report.id)).filter((reported) => targetOutcome(reported, now) === 'missed');
    if (missed.length === 0)
      throw new AppError({ code: 'conflict', message: 'No post of this summary is waiting: none missed its time, or all were sent again.' });
    const byPost = groupByPost(missed);
    const refused: AppError[] = [];
    for (const [postId, targets] of byPost) {
      try {
        await this.deps.publishing.requeueFailed(
          postId,
          targets.map((reported) => reported.target.id),
          when(targets),
        );
      } catch (error) {
        // One post moved meanwhile (retried, deleted) or its account needs reconnecting: the others still go.
        if (!(error instanceof AppError)) throw error;
        refused.push(error);
      }
    }
    if (refused.length === byPost.size) throw refused[0] as AppError;
    return this.announce(report.id);
  }

  private async report(id: string): Promise<WakeReportRow> {
    const report = await findWakeReport(this.deps.db, id);
    if (!report) throw new AppError({ code: 'not_found', field: 'id', message: `id: no wake summary ${id}.` });
    return report;
  }

  private async follow(reportId: string): Promise<void> {
    const targets = await findReportedTargets(this.deps.db, reportId);
    this.followed = { reportId, targetIds: new Set(targets.map((reported) => reported.target.id)) };
  }

  /** Coalesces a burst of target changes (a wake settles many at once) into one summary. */
  private announceSoon(): void {
    if (this.announcing) return;
    this.announcing = true;
    setImmediate(() => {
      this.announcing = false;
      const reportId = this.followed?.reportId;
      if (!reportId) return;
      this.announce(reportId).catch((error: unknown) => this.deps.log.warn('Could not send the wake summary.', error));
    });
  }

  private async build(report: WakeReportRow): Promise<WakeSummary> {
    const reported = await findReportedTargets(this.deps.db, report.id);
    const now = this.deps.now();
    const outcomeOf = (entry: ReportedTarget) => targetOutcome(entry, now);
    const posts: WakeSummaryPost[] = [];
    for (const targets of groupByPost(reported).values()) {
      const outcomes = targets.map(outcomeOf).filter((outcome): outcome is WakePostOutcome => outcome !== null);
      // A post cancelled since, every platform of it, is no longer the summary's business.
      const outcome = OUTCOME_ORDER.find((candidate) => outcomes.includes(candidate));
      const first = targets[0];
      if (!outcome || !first) continue;
      posts.push({
        postId: first.target.post_id,
        text: first.text,
        dueAt: new Date(first.scheduled_at ?? first.target.due_at ?? report.woke_at).toISOString(),
        outcome,
        platforms: [...new Set(targets.map((reported) => reported.target.platform))],
      });
    }
    const count = (outcome: WakePostOutcome) => posts.filter((post) => post.outcome === outcome).length;
    return {
      id: report.id,
      asleepSince: report.asleep_since === null ? null : new Date(report.asleep_since).toISOString(),
      wokeAt: new Date(report.woke_at).toISOString(),
      posts,
      counts: {
        due: posts.length,
        publishedLate: count('published'),
        publishing: count('publishing'),
        rescheduled: count('rescheduled'),
        missed: count('missed'),
        failed: count('failed'),
      },
      targetIds: reported.map((reported) => reported.target.id),
      missedTargetIds: reported.filter((entry) => outcomeOf(entry) === 'missed').map((entry) => entry.target.id),
    };
  }
}

/** What became of one target, as stored; null for a cancelled one. */
function targetOutcome(reported: ReportedTarget, now: number): WakePostOutcome | null {
  switch (reported.target.status) {
    case 'published':
      return 'published';
    case 'pending':
      // Rescheduled when the post's own time moved ahead. A later due time alone is a try waiting for its platform
      // (a rate limit's reset): that post is still going out.
      return reported.scheduled_at !== null && reported.scheduled_at > now ? 'rescheduled' : 'publishing';
    case 'publishing':
      return 'publishing';
    case 'failed':
      return reported.lastOutcome === 'missed' ? 'missed' : 'failed';
    case 'unknown':
      return 'failed';
    case 'cancelled':
      return null;
  }
}

function groupByPost(reported: readonly ReportedTarget[]): Map<string, ReportedTarget[]> {
  const byPost = new Map<string, ReportedTarget[]>();
  for (const entry of reported) {
    const list = byPost.get(entry.target.post_id);
    if (list) list.push(entry);
    else byPost.set(entry.target.post_id, [entry]);
  }
  return byPost;
}

/** The first instant after `now` at which the post's own clock (its zone) shows the time it was due at again. */
export function nextSameTime(targets: readonly ReportedTarget[], now: number): number {
  const first = targets[0];
  const dueAt = first?.scheduled_at ?? first?.target.due_at;
  if (!first || dueAt === null || dueAt === undefined) return now;
  let next = new TZDate(dueAt, first.time_zone);
  // Whole days in the post's zone keep its wall time across a DST change.
  while (next.getTime() <= now) next = addDays(next, 1);
  return next.getTime();
}
