// What happened to the posts that were due while the computer slept: one summary per wake, built from the stored
// targets, so it follows them as they go out late, are published now or are rescheduled.
import type { Platform } from './domain';

/**
 * A post's state in the summary, its worst target first: missed, then failed, then still going out, then moved to a
 * later time, then published.
 */
export type WakePostOutcome = 'missed' | 'failed' | 'publishing' | 'rescheduled' | 'published';

export interface WakeSummaryPost {
  postId: string;
  text: string;
  /** When it was due (its earliest target due while asleep). */
  dueAt: string;
  outcome: WakePostOutcome;
  platforms: Platform[];
}

export interface WakeSummary {
  id: string;
  /** When the computer went to sleep, when the system said so; null when only the wake was seen. */
  asleepSince: string | null;
  wokeAt: string;
  posts: WakeSummaryPost[];
  counts: { due: number; publishedLate: number; publishing: number; rescheduled: number; missed: number; failed: number };
  /** Every target the summary follows. */
  targetIds: string[];
  /** The targets that missed their time and can still be published now or rescheduled. */
  missedTargetIds: string[];
}

const posts = (count: number) => (count === 1 ? '1 post was' : `${count} posts were`);

/** "3 posts were due while this computer was asleep: 2 published late, 1 missed". */
export function wakeSummaryText(summary: Pick<WakeSummary, 'counts'>): string {
  const { due, publishedLate, publishing, rescheduled, missed, failed } = summary.counts;
  const parts = [
    publishedLate > 0 ? `${publishedLate} published late` : '',
    publishing > 0 ? `${publishing} publishing late now` : '',
    rescheduled > 0 ? `${rescheduled} rescheduled` : '',
    missed > 0 ? `${missed} missed` : '',
    failed > 0 ? `${failed} failed` : '',
  ].filter((part) => part !== '');
  return `${posts(due)} due while this computer was asleep${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`;
}

/** Whether every post has an outcome that stays until the manager acts: nothing is still going out. */
export function wakeSummarySettled(summary: Pick<WakeSummary, 'counts'>): boolean {
  return summary.counts.publishing === 0;
}
