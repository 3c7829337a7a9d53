// A desktop notification for each publish result, for missed posts, and for sign-ins about to run out, when
// settings.notifications is on.
import { Notification } from 'electron';
import type { EngineEventBus } from '../engine/events';
import type { Logger } from '../engine/logger';
import { expiringAccountsText, missedTargetsText, publishResultText, type NotificationText } from './notification-text';

export interface NotificationsOptions {
  events: Pick<EngineEventBus, 'on'>;
  /** Read at each event, so a settings change applies at once. */
  enabled: () => boolean;
  icon: string;
  onOpen: () => void;
  log: Logger;
}

/** Starts notifying; the returned function stops it. */
export function startNotifications(options: NotificationsOptions): () => void {
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

  const stops = [
    options.events.on('publish:result', (result) => notify(publishResultText(result))),
    options.events.on('targets:missed', ({ targets }) => {
      if (targets.length > 0) notify(missedTargetsText(targets));
    }),
    options.events.on('accounts:expiring', ({ accounts }) => {
      if (accounts.length > 0) notify(expiringAccountsText(accounts));
    }),
  ];
  return () => {
    for (const stop of stops) stop();
    shown.clear();
  };
}
