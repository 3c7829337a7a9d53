// A desktop notification for each publish result, for missed posts, and for sign-ins about to run out, when
// settings.notifications is on. After a sleep, the posts that were due meanwhile get one notification together, once
// none of them is still going out, instead of one per post.
import { Notification } from 'electron';
import type { PublishResultEvent, TargetView } from '../../shared/domain';
import { wakeSummarySettled } from '../../shared/wake-summary';
import type { EngineEventBus } from '../engine/events';
import type { Logger } from '../engine/logger';
import { expiringAccountsText, missedTargetsText, publishResultText, wakeSummaryNotificationText, type NotificationText } from './notification-text';

export interface NotificationsOptions {
  events: Pick<EngineEventBus, 'on'>;
  /** Read at each event, so a settings change applies at once. */
  enabled: () => boolean;
  icon: string;
  onOpen: () => void;
  log: Logger;
}

export interface AppNotifications {
  /**
   * From the system's suspend until the wake has been summed up: results that arrive meanwhile (a job the queue starts
   * the moment the computer wakes) wait, and those the summary reports are not shown on their own.
   */
  holdForWake(): void;
  releaseAfterWake(): void;
  stop(): void;
}

type HeldEvent = { result: PublishResultEvent } | { missed: TargetView[] };

export function startNotifications(options: NotificationsOptions): AppNotifications {
  // A notification that is garbage-collected loses its click handler (Windows): keep each until it is done.
  const shown = new Set<Notification>();

  const notify = (text: NotificationText) => {
    if (!options.enabled() || !Notification.isSupported()) return;
    const notification = new Notification({ title: text.title, body: text.body, icon: options.icon });
    shown.add(notification);
    const forget = () => shown.delete(notification);
    notification.on('click', () => {
      forget();
      options.onOpen();
    });
    notification.on('close', forget);
    notification.on('failed', (_event, error) => {
      forget();
      options.log.warn(`A notification could not be shown: ${error}`);
    });
    notification.show();
  };

  // The targets each wake summary reports (they get no notification of their own), and the summaries already told.
  const summarised = new Map<string, ReadonlySet<string>>();
  const told = new Set<string>();
  const covered = (targetId: string) => [...summarised.values()].some((targets) => targets.has(targetId));

  let held: HeldEvent[] | undefined;
  const result = (event: PublishResultEvent) => {
    if (held) held.push({ result: event });
    else if (!covered(event.targetId)) notify(publishResultText(event));
  };
  const missed = (targets: TargetView[]) => {
    if (held) return void held.push({ missed: targets });
    const alone = targets.filter((target) => !covered(target.id));
    if (alone.length > 0) notify(missedTargetsText(alone));
  };

  const stops = [
    options.events.on('publish:result', result),
    options.events.on('targets:missed', ({ targets }) => missed(targets)),
    options.events.on('wake:summary', ({ summary }) => {
      // Its targets stay covered once told too: a result replayed after the wake belongs to the summary already shown.
      summarised.set(summary.id, new Set(summary.targetIds));
      if (told.has(summary.id) || !wakeSummarySettled(summary)) return;
      told.add(summary.id);
      if (summary.counts.due > 0) notify(wakeSummaryNotificationText(summary));
    }),
    options.events.on('accounts:expiring', ({ accounts }) => {
      if (accounts.length > 0) notify(expiringAccountsText(accounts));
    }),
  ];
  return {
    holdForWake() {
      held ??= [];
    },
    releaseAfterWake() {
      const events = held ?? [];
      held = undefined;
      for (const event of events) {
        if ('result' in event) result(event.result);
        else missed(event.missed);
      }
    },
    stop() {
      for (const stop of stops) stop();
      shown.clear();
      summarised.clear();
      held = undefined;
    },
  };
}
