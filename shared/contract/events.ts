// Push events from the engine to every client.
import type { AccountView, PostView, PublishResultEvent, QueueStats, Settings, TargetView } from '../domain';

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
];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}
