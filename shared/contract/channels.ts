// The contract: every channel any client can call, with its input schema and output type.
import type { z } from 'zod';
import type { CalendarDay } from '../calendar-days';
import type { AccountView, FailedJobView, PostView, QueueStats, Settings } from '../domain';
import type { MediaItemView, MediaLibraryView } from '../media-item';
import type { MediaStorageState, MediaStorageTestResult } from '../media-storage';
import type { OpenSlot, PostingSchedule } from '../posting-slots';
import type { PostSummary } from '../post-summary';
import type { WakeSummary } from '../wake-summary';
import type { AccountRemovalImpact, ConnectFlowView, CredentialStoreView, OAuthAppTestResult, OAuthAppView } from '../oauth';
import * as a from './account-schemas';
import * as s from './schemas';

/** A type-only marker for a channel's output. */
function returns<T>(): T {
  return undefined as T;
}

export const channels = {
  'posts:create': { input: s.postCreate, output: returns<PostView>() },
  'posts:save': { input: s.postSave, output: returns<PostView>() },
  'posts:delete': { input: s.byId, output: returns<{ id: string }>() },
  'posts:get': { input: s.byId, output: returns<PostView>() },
  'posts:list': { input: s.postList, output: returns<PostView[]>() },
  /** The posts of a calendar range as the calendar draws them (see post-summary.ts), oldest first. */
  'posts:calendar': { input: s.postCalendar, output: returns<PostSummary[]>() },
  /** The month view's days of a range in a zone: each day's count and first posts (see calendar-days.ts), in day order. */
  'posts:calendarDays': { input: s.postCalendarDays, output: returns<CalendarDay[]>() },
  /** "Add to queue": the posts it made or moved, earliest first. */
  'posts:queue': { input: s.postQueue, output: returns<PostView[]>() },
  /** Moves queued posts between their slots; answers them in the order given. */
  'posts:reorder': { input: s.postReorder, output: returns<PostView[]>() },

  'publishing:publishNow': { input: s.byId, output: returns<PostView>() },
  'publishing:cancel': { input: s.byId, output: returns<PostView>() },
  'publishing:reschedule': { input: s.publishingReschedule, output: returns<PostView>() },
  'publishing:retry': { input: s.publishingRetry, output: returns<PostView>() },
  'publishing:resolveUnknown': { input: s.publishingResolveUnknown, output: returns<PostView>() },

  'accounts:add': { input: s.accountAdd, output: returns<AccountView>() },
  'accounts:list': { input: s.empty, output: returns<AccountView[]>() },
  'accounts:update': { input: s.accountUpdate, output: returns<AccountView>() },
  'accounts:remove': { input: a.accountRemove, output: returns<{ id: string }>() },
  'accounts:removalImpact': { input: s.byId, output: returns<AccountRemovalImpact>() },
  'accounts:verify': { input: s.byId, output: returns<AccountView>() },
  'accounts:connect': { input: a.accountConnect, output: returns<ConnectFlowView>() },
  'accounts:connectGet': { input: a.connectRef, output: returns<ConnectFlowView>() },
  'accounts:connectChoose': { input: a.connectChoose, output: returns<ConnectFlowView>() },
  'accounts:connectCancel': { input: a.connectRef, output: returns<ConnectFlowView>() },

  'oauthApps:list': { input: s.empty, output: returns<OAuthAppView[]>() },
  'oauthApps:set': { input: a.oauthAppSet, output: returns<OAuthAppView>() },
  'oauthApps:clear': { input: a.platformRef, output: returns<OAuthAppView>() },
  'oauthApps:test': { input: a.platformRef, output: returns<OAuthAppTestResult>() },

  'credentials:status': { input: s.empty, output: returns<CredentialStoreView>() },

  'slots:get': { input: s.slotsOfAccount, output: returns<PostingSchedule>() },
  'slots:set': { input: s.slotsSet, output: returns<PostingSchedule>() },
  'slots:list': { input: s.empty, output: returns<PostingSchedule[]>() },
  'slots:open': { input: s.slotsOpen, output: returns<OpenSlot[]>() },

  'queue:stats': { input: s.empty, output: returns<QueueStats>() },
  'queue:failed': { input: s.queueFailed, output: returns<FailedJobView[]>() },
  'queue:retry': { input: s.queueRetry, output: returns<PostView>() },
  'queue:pause': { input: s.empty, output: returns<QueueStats>() },
  'queue:resume': { input: s.empty, output: returns<QueueStats>() },
  /** Checks now whether what waits for the network or a platform can go out (the system's network signal, "Check now"). */
  'queue:checkNetwork': { input: s.empty, output: returns<QueueStats>() },

  /**
   * The computer woke from sleep (since `asleepSince`, when known): catch up now and answer the summary. The desktop
   * app calls the engine itself on the system's resume; this is for hosts without power events (a sleep hook).
   */
  'wake:check': { input: s.wakeCheck, output: returns<WakeSummary | null>() },
  /** The latest summary of posts due while the computer slept that the manager has not dismissed, or null. */
  'wake:summary': { input: s.empty, output: returns<WakeSummary | null>() },
  /** Publishes now every post of the summary that missed its time. */
  'wake:publishNow': { input: s.byId, output: returns<WakeSummary>() },
  /** Moves every post of the summary that missed its time to the next time its clock shows its hour again. */
  'wake:reschedule': { input: s.byId, output: returns<WakeSummary>() },
  'wake:dismiss': { input: s.byId, output: returns<{ id: string }>() },

  'settings:get': { input: s.empty, output: returns<Settings>() },
  'settings:set': { input: s.settingsPatch, output: returns<Settings>() },

  'media:import': { input: s.mediaImport, output: returns<MediaItemView[]>() },
  'media:list': { input: s.empty, output: returns<MediaLibraryView>() },
  'media:get': { input: s.byId, output: returns<MediaItemView>() },
  'media:remove': { input: s.byId, output: returns<{ id: string }>() },

  'storage:get': { input: s.empty, output: returns<MediaStorageState>() },
  'storage:set': { input: s.storageSettings, output: returns<MediaStorageState>() },
  'storage:remove': { input: s.empty, output: returns<MediaStorageState>() },
  'storage:test': { input: s.storageSettings, output: returns<MediaStorageTestResult>() },
} as const;

/**
 * Channels that read files by their path on this machine. The CLI may call them (its user named the file); the
 * renderer may not (the preload sends only paths of files the user picked, and a browser tab uploads bytes instead).
 */
export const LOCAL_PATH_CHANNELS: readonly Channel[] = ['media:import'];

export type Channels = typeof channels;
export type Channel = keyof Channels;
/** What a client may send (defaults not yet applied). */
export type ChannelInput<C extends Channel> = z.input<Channels[C]['input']>;
/** What a handler receives after parsing. */
export type ParsedInput<C extends Channel> = z.output<Channels[C]['input']>;
export type ChannelOutput<C extends Channel> = Channels[C]['output'];

export const CHANNEL_NAMES = Object.keys(channels) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}
