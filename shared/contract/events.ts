// Push events from the engine to every client.
import type { PostingSchedule } from '../posting-slots';
import type { AccountView, PostView, PublishResultEvent, QueueStats, Settings, TargetView } from '../domain';
import type { UploadProgress } from '../media-item';
import type { ConnectFlowView } from '../oauth';
import type { WakeSummary } from '../wake-summary';

export interface EngineEvents {
  'post:changed': { post: PostView };
  'post:deleted': { postId: string };
  'target:changed': { target: TargetView };
  'account:changed': { account: AccountView };
  'account:removed': { accountId: string };
  'queue:changed': { stats: QueueStats };
  /** One per finished target: what a desktop notification reports. */
  'publish:result': PublishResultEvent;
  /** Overdue targets past the late tolerance, marked missed on start or wake. */
  'targets:missed': { targets: TargetView[] };
  'settings:changed': { settings: Settings };
  /** How far a publishing target has got (coalesced: a few per second at most). */
  'target:progress': { targetId: string; postId: string; progress: UploadProgress };
  /** An account's posting slots were set. */
  'slots:changed': { schedule: PostingSchedule };
  /** A sign-in flow moved on (waiting, exchanging, choosing) or ended (connected, failed, cancelled). */
  'connect:changed': { flow: ConnectFlowView };
  /** Accounts whose sign-in runs out soon and cannot be renewed by the app: remind the user (once a day). */
  'accounts:expiring': { accounts: AccountView[] };
  /** What became of the posts due while the computer slept: at the wake, and again whenever one of them changes. */
  'wake:summary': { summary: WakeSummary };
}

export type EventName = keyof EngineEvents;

/** Every event once. A record keyed by EventName, so a name missing from it or not in EngineEvents fails to compile. */
const EVENTS: Record<EventName, true> = {
  'post:changed': true,
  'post:deleted': true,
  'target:changed': true,
  'account:changed': true,
  'account:removed': true,
  'queue:changed': true,
  'publish:result': true,
  'targets:missed': true,
  'settings:changed': true,
  'target:progress': true,
  'slots:changed': true,
  'connect:changed': true,
  'accounts:expiring': true,
  'wake:summary': true,
};

export const EVENT_NAMES = Object.keys(EVENTS) as readonly EventName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}
