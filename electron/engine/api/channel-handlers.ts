// Binds every contract channel to the engine's services.
import type { AccountChannel } from '../accounts/accounts-module';
import type { CalendarPosts } from '../calendar/calendar-posts';
import type { MediaLibrary } from '../media/media-library';
import type { MediaStorage } from '../media/storage/media-storage';
import type { PublishingContext } from '../publishing/context';
import type { PublishingService } from '../publishing/publishing-service';
import { failedJobs, queueStats } from '../publishing/queue-info';
import { parseJobId } from '../publishing/job-id';
import type { SettingsService } from '../settings/settings-service';
import type { SlotService } from '../slots/slot-service';
import type { WakeReports } from '../wake/wake-reports';
import type { WakeSummary } from '../../../shared/wake-summary';
import { AppError } from '../../../shared/errors';
import type { ChannelHandlers } from './engine-api';

export interface HandlerServices {
  publishing: PublishingService;
  /** The account, sign-in, developer-app and credential-store channels (engine/accounts). */
  accounts: Pick<ChannelHandlers, AccountChannel>;
  settings: SettingsService;
  /** posts:calendar and posts:calendarDays, the calendar's light listings. */
  calendar: CalendarPosts;
  context: PublishingContext;
  media: MediaLibrary;
  slots: SlotService;
  storage: MediaStorage;
  wake: WakeReports;
  /** Catches up after a sleep (engine.wake). */
  wakeUp(asleepSince: number | null): Promise<WakeSummary | null>;
  onSettingsChanged(): void;
}

export function channelHandlers(services: HandlerServices): ChannelHandlers {
  const { publishing, accounts, settings, context, media, slots, storage } = services;
  return {
    'posts:create': (input) => publishing.save(input),
    'posts:save': (input) => publishing.save(input),
    'posts:delete': async ({ id }) => {
      await publishing.deletePost(id);
      return { id };
    },
    'posts:get': ({ id }) => publishing.getPost(id),
    'posts:list': (input) => publishing.listPosts(input),
    'posts:calendar': async (input) => services.calendar.list(input),
    'posts:calendarDays': async (input) => services.calendar.days(input),
    'posts:queue': (input) => publishing.addToQueue(input),
    'posts:reorder': ({ postIds }) => publishing.reorderQueue(postIds),

    'publishing:publishNow': ({ id }) => publishing.publishNow(id),
    'publishing:cancel': ({ id }) => publishing.cancelScheduledPost(id),
    'publishing:reschedule': ({ id, scheduledAt, timeZone }) => publishing.reschedulePost(id, scheduledAt, timeZone),
    'publishing:retry': ({ id, targetId }) => publishing.retryFailed(id, targetId),
    'publishing:resolveUnknown': (input) => publishing.resolveUnknown(input),

    ...accounts,

    'slots:get': ({ accountId }) => slots.get(accountId),
    'slots:set': (input) => slots.set(input),
    'slots:list': () => slots.list(),
    'slots:open': (input) => slots.open(input),

    'queue:stats': () => queueStats(context),
    'queue:failed': ({ limit }) => failedJobs(context, limit ?? 100),
    'queue:retry': async ({ jobId }) => {
      const parsed = parseJobId(jobId);
      const target = parsed && (await context.store.target(parsed.targetId));
      if (!target) throw new AppError({ code: 'not_found', field: 'jobId', message: `jobId: no publish job ${jobId}.` });
      return publishing.retryFailed(target.post_id, target.id);
    },
    'queue:pause': async () => {
      await context.queue.pause();
      context.queueChanged();
      return queueStats(context);
    },
    'queue:resume': async () => {
      await context.queue.resume();
      context.queueChanged();
      return queueStats(context);
    },
    'queue:checkNetwork': async () => {
      await context.connectivity.check();
      return queueStats(context);
    },

    'wake:check': ({ asleepSince }) => services.wakeUp(asleepSince === undefined ? null : Date.parse(asleepSince)),
    'wake:summary': () => services.wake.open(),
    'wake:publishNow': ({ id }) => services.wake.publishNow(id),
    'wake:reschedule': ({ id }) => services.wake.reschedule(id),
    'wake:dismiss': ({ id }) => services.wake.dismiss(id),

    'settings:get': () => settings.get(),
    'settings:set': async (patch) => {
      if (patch.defaultAccountIds) await requireAccounts(context, patch.defaultAccountIds, 'defaultAccountIds');
      const next = await settings.set(patch);
      services.onSettingsChanged();
      return next;
    },

    'media:import': ({ paths }) => media.importPicked(paths),
    'media:list': () => media.list(),
    'media:get': ({ id }) => media.get(id),
    'media:remove': async ({ id }) => {
      await media.remove(id);
      return { id };
    },

    'storage:get': () => storage.settings.state(),
    'storage:set': (input) => storage.settings.save(input),
    'storage:remove': () => storage.settings.remove(),
    'storage:test': (input) => storage.test(input),
  };
}

/** Every id names an account; else a validation error naming the first that does not. */
async function requireAccounts(context: HandlerServices['context'], ids: readonly string[], field: string): Promise<void> {
  const found = new Set((await context.store.accounts(ids)).map((account) => account.id));
  const missing = ids.findIndex((id) => !found.has(id));
  if (missing !== -1) {
    throw new AppError({ code: 'validation', field: `${field}.${missing}`, message: `${field}.${missing}: no account with id ${ids[missing]}.` });
  }
}
