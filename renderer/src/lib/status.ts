// How each status reads and which colour family it wears; the colours themselves are CSS variables per theme.
import type { AccountStatus, JobState, PostStatus, PostView, TargetStatus, TargetView } from '../../../shared/domain';

export type Tone = 'neutral' | 'info' | 'progress' | 'success' | 'danger' | 'warning' | 'muted';

export interface StatusMeta {
  label: string;
  tone: Tone;
}

export const POST_STATUS_META: Record<PostStatus, StatusMeta> = {
  draft: { label: 'Draft', tone: 'neutral' },
  scheduled: { label: 'Scheduled', tone: 'info' },
  publishing: { label: 'Publishing', tone: 'progress' },
  published: { label: 'Published', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
  cancelled: { label: 'Cancelled', tone: 'muted' },
};

export const TARGET_STATUS_META: Record<TargetStatus, StatusMeta & { description: string }> = {
  pending: { label: 'Waiting', tone: 'info', description: 'Queued and waiting for its time.' },
  publishing: { label: 'Publishing', tone: 'progress', description: 'Being sent to the platform right now.' },
  published: { label: 'Published', tone: 'success', description: 'Live on the platform.' },
  failed: { label: 'Failed', tone: 'danger', description: 'The platform did not publish it.' },
  cancelled: { label: 'Cancelled', tone: 'muted', description: 'Will not be published.' },
  unknown: { label: 'Needs your check', tone: 'warning', description: 'The app could not confirm whether it went live.' },
};

export const ACCOUNT_STATUS_META: Record<AccountStatus, StatusMeta> = {
  connected: { label: 'Connected', tone: 'success' },
  needs_reconnect: { label: 'Needs reconnect', tone: 'danger' },
};

export const JOB_STATE_META: Record<JobState, StatusMeta & { description: string }> = {
  delayed: { label: 'Scheduled', tone: 'info', description: 'Waiting for their time' },
  waiting: { label: 'Ready', tone: 'info', description: 'Due, about to start' },
  prioritized: { label: 'Prioritised', tone: 'info', description: 'Due, ahead of the rest' },
  active: { label: 'Publishing', tone: 'progress', description: 'Being sent now' },
  completed: { label: 'Done', tone: 'success', description: 'Finished in the last day' },
  failed: { label: 'Failed', tone: 'danger', description: 'Gave up after retries' },
};

/** Job states in the order a person reads a pipeline: what waits, what runs, how it ended. */
export const JOB_STATE_ORDER: readonly JobState[] = ['delayed', 'waiting', 'prioritized', 'active', 'completed', 'failed'];

/** Posts whose time can still move by dragging them on the calendar. */
export function isReschedulable(status: PostStatus): boolean {
  return status === 'scheduled' || status === 'draft';
}

/** Posts the composer may still change: nothing of them is live or on its way. */
export function isEditable(post: Pick<PostView, 'status' | 'targets'>): boolean {
  if (post.status === 'published' || post.status === 'publishing') return false;
  return !post.targets.some((target) => target.status === 'published' || target.status === 'publishing');
}

/** Whether the post is queued for its time: editing it keeps it queued and needs a time that is still ahead. */
export function isQueued(status: PostStatus): boolean {
  return status === 'scheduled' || status === 'failed';
}

/**
 * A post's status as people read it: the stored status, "partial" for a failed post that is live somewhere, or
 * "unconfirmed" for one that did not fail anywhere but could not be confirmed somewhere (it may well be live).
 */
export type PostDisplayStatus = PostStatus | 'partial' | 'unconfirmed';

export interface PostStatusView extends StatusMeta {
  status: PostDisplayStatus;
  /** Targets that are live, and those that count (all but cancelled ones). */
  live: number;
  total: number;
}

/**
 * The stored rule makes a post `failed` when any platform failed. Shown as a plain "Failed" while it is live
 * elsewhere, that invites a duplicate repost, so such a post reads "Partly published — 1 of 2".
 */
export function postStatusView(post: Pick<PostView, 'status'> & { targets: readonly Pick<TargetView, 'status'>[] }): PostStatusView {
  const counted = post.targets.filter((target) => target.status !== 'cancelled');
  const live = counted.filter((target) => target.status === 'published').length;
  if (post.status === 'failed' && live > 0) {
    return { status: 'partial', label: `Partly published — ${live} of ${counted.length}`, tone: 'warning', live, total: counted.length };
  }
  if (post.status === 'failed' && !counted.some((target) => target.status === 'failed')) {
    return { status: 'unconfirmed', label: 'Needs your check', tone: 'warning', live, total: counted.length };
  }
  return { status: post.status, ...POST_STATUS_META[post.status], live, total: counted.length };
}

/** Targets that need the user: failed, or not confirmed either way. */
export function targetsNeedingAttention(post: Pick<PostView, 'targets'>): TargetView[] {
  return post.targets.filter((target) => target.status === 'failed' || target.status === 'unknown');
}
