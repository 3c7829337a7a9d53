// Push events from the engine to every client.
import type { PostingSchedule } from '../posting-slots';
import type { AccountView, PostView, PublishResultEvent, QueueStats, Settings, TargetView } from '../domain';
import type { UploadProgress } from '../media-item';

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
}

export type EventName = keyof EngineEvents;

export const EVENT_NAMES: readonly EventName[] = [
  'post:changed',
  'post:deleted',
  'target:changed',
  'account:changed',
  'account:removed',
  'queue:changed',
  'publish:result',
  'targets:missed',
  'settings:changed',
  'target:progress',
  'slots:changed',
];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}
