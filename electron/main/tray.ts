// The tray icon and its menu, following the queue: next post, counts, uploads going on, pause/resume, open, quit.
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import { readFileSync } from 'node:fs';
import trayAttention16 from '../../resources/tray/tray-attention-16.png?asset';
import trayAttention32 from '../../resources/tray/tray-attention-32.png?asset';
import tray16 from '../../resources/tray/tray-16.png?asset';
import tray32 from '../../resources/tray/tray-32.png?asset';
import { needsAttention } from '../../shared/account-attention';
import type { AccountView, QueueStats, Settings } from '../../shared/domain';
import type { UploadProgress } from '../../shared/media-item';
import type { EngineApi } from '../engine/api/engine-api';
import type { EngineEventBus } from '../engine/events';
import type { Logger } from '../engine/logger';
import { trayIconVariant, trayMenuModel, trayTooltip, type TrayAction, type TrayIconVariant } from './tray-model';

export interface AppTrayOptions {
  api: Pick<EngineApi, 'call'>;
  events: Pick<EngineEventBus, 'on'>;
  onOpen: () => void;
  onQuit: () => void;
  log: Logger;
}

export interface AppTray {
  destroy(): void;
}

// "today 09:00" becomes "tomorrow" at midnight without any queue change: refresh the labels now and then.
const RELABEL_INTERVAL_MS = 60_000;
// Upload progress arrives a few times a second per target; the menu is rebuilt for it at most once a second.
const PROGRESS_RENDER_MS = 1_000;

export function createAppTray(options: AppTrayOptions): AppTray {
  const icons: Record<TrayIconVariant, NativeImage> = {
    normal: trayImage(tray16, tray32),
    attention: trayImage(trayAttention16, trayAttention32),
  };
  const tray = new Tray(icons.normal);
  let stats: QueueStats | null = null;
  let accounts = 0;
  // Until settings:get answers, no warning: the default is on.
  let startsAtLogin = true;
  /** The latest progress of each target publishing now. */
  const uploads = new Map<string, UploadProgress>();
  let progressRender: NodeJS.Timeout | undefined;

  const render = () => {
    if (tray.isDestroyed()) return;
    const progress = [...uploads.values()];
    const template = trayMenuModel(stats, {}, accounts, startsAtLogin, progress).map((item): MenuItemConstructorOptions => {
      if (item.kind === 'separator') return { type: 'separator' };
      const action = item.action;
      return { label: item.label, enabled: item.enabled, ...(action ? { click: () => run(action) } : {}) };
    });
    tray.setContextMenu(Menu.buildFromTemplate(template));
    tray.setImage(icons[trayIconVariant(stats, accounts, startsAtLogin)]);
    tray.setToolTip(trayTooltip(stats, {}, accounts, startsAtLogin, progress));
  };

  const refresh = async (channel: 'queue:stats' | 'queue:pause' | 'queue:resume') => {
    const result = await options.api.call(channel, {});
    if (result.ok) stats = result.value as QueueStats;
    else options.log.warn(`Tray: ${channel} failed: ${result.error.message}`);
    render();
  };

  // Accounts that want the user (a problem, or a sign-in running out within a week) are counted from the list.
  const countAccounts = async () => {
    const result = await options.api.call('accounts:list', {});
    if (!result.ok) return;
    const now = Date.now();
    accounts = (result.value as AccountView[]).filter((account) => needsAttention(account, now)).length;
    render();
  };

  const readSettings = async () => {
    const result = await options.api.call('settings:get', {});
    if (!result.ok) return;
    startsAtLogin = (result.value as Settings).startAtLogin;
    render();
  };

  const turnOnStartAtLogin = async () => {
    // The answer comes back as settings:changed, which re-renders the menu.
    const result = await options.api.call('settings:set', { startAtLogin: true });
    if (!result.ok) options.log.warn(`Tray: turning on start at login failed: ${result.error.message}`);
  };

  const run = (action: TrayAction) => {
    switch (action) {
      case 'open':
        return options.onOpen();
      case 'quit':
        return options.onQuit();
      case 'pause':
        return void refresh('queue:pause');
      case 'resume':
        return void refresh('queue:resume');
      case 'start-at-login':
        return void turnOnStartAtLogin();
    }
  };

  // On Windows and Linux a click opens the window and the menu is on right-click; on macOS a click shows the menu.
  if (process.platform !== 'darwin') tray.on('click', () => options.onOpen());
  const stopFollowing = options.events.on('queue:changed', ({ stats: next }) => {
    stats = next;
    render();
  });
  const stopListening = [
    options.events.on('account:changed', () => void countAccounts()),
    options.events.on('account:removed', () => void countAccounts()),
    options.events.on('accounts:expiring', () => void countAccounts()),
    options.events.on('settings:changed', ({ settings }) => {
      startsAtLogin = settings.startAtLogin;
      render();
    }),
    options.events.on('target:progress', ({ targetId, progress }) => {
      uploads.set(targetId, progress);
      progressRender ??= setTimeout(() => {
        progressRender = undefined;
        render();
      }, PROGRESS_RENDER_MS);
    }),
    options.events.on('target:changed', ({ target }) => {
      if (target.status !== 'publishing' && uploads.delete(target.id)) render();
    }),
  ];
  const relabel = setInterval(render, RELABEL_INTERVAL_MS);
  render();
  void refresh('queue:stats');
  void countAccounts();
  void readSettings();

  return {
    destroy() {
      clearInterval(relabel);
      clearTimeout(progressRender);
      stopFollowing();
      for (const stop of stopListening) stop();
      if (!tray.isDestroyed()) tray.destroy();
    },
  };
}

function trayImage(path16: string, path32: string): NativeImage {
  // Linux panels scale the icon themselves and look best from the larger image.
  if (process.platform === 'linux') return nativeImage.createFromPath(path32);
  const image = nativeImage.createFromPath(path16);
  image.addRepresentation({ scaleFactor: 2, buffer: readFileSync(path32) });
  return image;
}
