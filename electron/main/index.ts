// App lifecycle: one instance; the engine started before any window; IPC, tray, notifications and the login item
// as thin glue over it; and a quit that lets an active publish finish before the app exits.
import { app, dialog, ipcMain, powerMonitor, safeStorage, session, shell, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import appIcon from '../../resources/icon.png?asset';
import type { Settings } from '../../shared/domain';
import { startControlServer, type ControlServer } from '../engine/control/control-server';
import { createEngine } from '../engine/engine';
import type { Logger } from '../engine/logger';
import { installProcessGuard } from '../engine/security/process-guard';
import { contentSecurityPolicy } from './content-security-policy';
import { bindIpc } from './ipc/bind';
import { createAppLogger } from './logger';
import { applyStartAtLogin, launchPath, startsHidden } from './login-item';
import { startNotifications } from './notifications';
import { createQuitSequence } from './quit-sequence';
import { safeStorageCipher } from './secrets';
import { secureSession } from './session-security';
import { createAppTray, type AppTray } from './tray';
import { guardWebContents } from './web-contents-guards';
import { createMainWindow, persistWindowState } from './window';
import { windowCloseAction } from './window-close';

const APP_ID = 'com.publishingengine.app';
const ACTIVE_PUBLISH_TIMEOUT_MS = 15_000;
const SHUTDOWN_DEADLINE_MS = 30_000;

app.enableSandbox();

if (app.requestSingleInstanceLock()) {
  void run();
} else {
  // The first instance gets 'second-instance' and shows its window.
  app.quit();
}

async function run(): Promise<void> {
  // A second launch may arrive while the engine is still starting: it is remembered and honoured once ready.
  const secondLaunch = { seen: false, open: undefined as (() => void) | undefined };
  app.on('second-instance', () => {
    secondLaunch.seen = true;
    secondLaunch.open?.();
  });

  await app.whenReady();
  const development = !app.isPackaged;
  const dataDir = app.getPath('userData');
  const log = createAppLogger(dataDir, development);
  log.info(`Publishing Engine ${app.getVersion()} starting; data in ${dataDir}`);
  // An error no handler caught is logged, not shown in a dialog that stops the tray app; a fault loop quits in order.
  installProcessGuard({ log, onFatal: () => app.quit() });
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, (url) => shell.openExternal(url), log));

  const engine = createEngine({
    dataDir,
    log,
    tokenCipher: safeStorageCipher(safeStorage, process.platform, log),
    appRoot: app.getAppPath(),
    ...(app.isPackaged ? { resourcesPath: process.resourcesPath } : {}),
  });

  // The control socket doubles as the lock on the data directory: a headless engine already serving it makes
  // this fail before a second engine touches the same database and Redis.
  let control: ControlServer;
  try {
    control = await startControlServer({ dataDir, api: engine.api, events: engine.events, log });
  } catch (error) {
    return failToStart(error, log);
  }
  let settings: Settings;
  try {
    await engine.start();
    settings = await engine.settings();
  } catch (error) {
    await engine.stop().catch((stopError: unknown) => log.warn('Stopping the half-started engine failed', stopError));
    await control.close();
    return failToStart(error, log);
  }

  const applyLoginItem = () => {
    if (!app.isPackaged) return log.info('Start at login applies to the installed app only.');
    try {
      applyStartAtLogin({
        app,
        enabled: settings.startAtLogin,
        platform: process.platform,
        path: launchPath(process.execPath, process.env),
        env: process.env,
      });
    } catch (error) {
      log.warn('Could not update the start-at-login entry', error);
    }
  };
  applyLoginItem();
  engine.events.on('settings:changed', ({ settings: next }) => {
    const loginItemChanged = next.startAtLogin !== settings.startAtLogin;
    settings = next;
    if (loginItemChanged) applyLoginItem();
  });

  const devServer = development ? process.env.ELECTRON_RENDERER_URL : undefined;
  const rendererUrl = devServer ?? pathToFileURL(join(__dirname, '../renderer/index.html')).href;
  secureSession(session.defaultSession, contentSecurityPolicy(devServer ? { devServerOrigin: new URL(devServer).origin } : {}));

  let window: BrowserWindow | null = null;
  let tray: AppTray | null = null;
  const windowStateFile = join(dataDir, 'window-state.json');

  const unbindIpc = bindIpc({
    ipcMain,
    api: engine.api,
    events: engine.events,
    sender: { rendererUrl, contents: () => (window && !window.isDestroyed() ? window.webContents : null) },
    log,
  });

  const quit = createQuitSequence({
    steps: [
      {
        name: 'hide the window',
        run: () => {
          if (!window || window.isDestroyed()) return;
          persistWindowState(window, windowStateFile, log);
          window.hide();
        },
      },
      { name: 'remove the tray icon', run: () => tray?.destroy() },
      { name: 'stop notifications', run: () => stopNotifications() },
      { name: 'unbind IPC', run: () => unbindIpc() },
      { name: 'stop the engine', run: () => engine.stop({ activePublishTimeoutMs: ACTIVE_PUBLISH_TIMEOUT_MS }) },
      { name: 'close the control socket', run: () => control.close() },
    ],
    exit: () => app.exit(0),
    log,
    deadlineMs: SHUTDOWN_DEADLINE_MS,
  });
  app.on('before-quit', (event) => quit.onBeforeQuit(event));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => app.quit());

  const openWindow = () => {
    if (window && !window.isDestroyed()) {
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
      return;
    }
    window = createMainWindow({
      stateFile: windowStateFile,
      preload: join(__dirname, '../preload/index.js'),
      rendererUrl,
      icon: appIcon,
      log,
      onClose: (event, closing) => {
        const action = windowCloseAction({ quitting: quit.quitting, closeToTray: settings.closeToTray, trayShown: tray !== null });
        if (action === 'hide') {
          event.preventDefault();
          closing.hide();
        } else if (!quit.quitting) {
          app.quit();
        }
      },
    });
    window.on('closed', () => {
      window = null;
    });
  };

  try {
    tray = createAppTray({ api: engine.api, events: engine.events, onOpen: openWindow, onQuit: () => app.quit(), log });
  } catch (error) {
    log.warn('No tray icon on this system; closing the window quits the app.', error);
  }
  const stopNotifications = startNotifications({
    events: engine.events,
    enabled: () => settings.notifications,
    icon: appIcon,
    onOpen: openWindow,
    log,
  });

  powerMonitor.on('resume', () => {
    engine.wake().catch((error: unknown) => log.warn('Catching up after sleep failed', error));
  });
  // Shut down cleanly with the system, so no publish is cut off halfway. Electron passes an event whose
  // preventDefault delays the shutdown until we quit; its typings leave the parameter out.
  powerMonitor.on('shutdown', (event?: Electron.Event) => {
    event?.preventDefault();
    app.quit();
  });
  app.on('activate', openWindow);

  const openedAtLogin = process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin;
  secondLaunch.open = openWindow;
  if (secondLaunch.seen || !startsHidden(process.argv, openedAtLogin) || tray === null) openWindow();
  log.info('Publishing Engine is ready.');
}

function failToStart(error: unknown, log: Logger): void {
  log.error('The engine could not start', error);
  const message = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox('Publishing Engine could not start', `${message}\n\nThe log is in ${join(app.getPath('userData'), 'logs')}.`);
  app.exit(1);
}
