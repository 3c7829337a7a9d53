// App lifecycle: one instance; the engine started before any window; IPC, tray, notifications and the login item
// as thin glue over it; and a quit that lets an active publish finish before the app exits. A start that fails
// shows why and quits, never leaving a process without a window that holds the instance lock.
import { app, dialog, ipcMain, net, powerMonitor, protocol, safeStorage, session, shell, type BrowserWindow, type MessageBoxOptions } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import appIcon from '../../resources/icon.png?asset';
import type { Settings } from '../../shared/domain';
import { startControlServer } from '../engine/control/control-server';
import { releaseClients } from '../engine/accounts/oauth/release-clients';
import { createEngine } from '../engine/engine';
import type { Logger } from '../engine/logger';
import { installProcessGuard } from '../engine/security/process-guard';
import { contentSecurityPolicy } from './content-security-policy';
import { userDataDir } from './data-dir';
import { bindIpc } from './ipc/bind';
import { createAppLogger } from './logger';
import { handleMediaProtocol, MEDIA_SCHEME_PRIVILEGES } from './media-protocol';
import { applyStartAtLogin, launchPath, startsHidden } from './login-item';
import { startNotifications } from './notifications';
import { createQuitGuard, postsDueSoon, type QuitGuard } from './quit-guard';
import { createQuitSequence } from './quit-sequence';
import { safeStorageReaders } from './secrets';
import { SELF_TEST_ARG, SelfTest } from './self-test/self-test';
import { askStartAtLoginOnce } from './start-at-login-prompt';
import { secureSession } from './session-security';
import { quitWithTheSession } from './session-end';
import { hasStatusNotifierHost } from './status-notifier-host';
import { createAppTray, type AppTray } from './tray';
import { guardWebContents } from './web-contents-guards';
import { createMainWindow, persistWindowState } from './window';
import { windowCloseAction } from './window-close';

const APP_ID = 'com.publishingengine.app';
const ACTIVE_PUBLISH_TIMEOUT_MS = 15_000;
const SHUTDOWN_DEADLINE_MS = 30_000;

app.enableSandbox();
// Only possible before the app is ready: the window's thumbnails of library files (see media-protocol).
protocol.registerSchemesAsPrivileged([MEDIA_SCHEME_PRIVILEGES]);

const selfTest = process.argv.includes(SELF_TEST_ARG) ? new SelfTest({ app: app.getVersion(), electron: process.versions.electron }) : undefined;
// Before the instance lock, which lives in userData too.
const dataDirOverride = userDataDir({ packaged: app.isPackaged, appData: app.getPath('appData'), env: process.env, selfTestDir: selfTest?.dataDir });
if (dataDirOverride) app.setPath('userData', dataDirOverride);

let log: Logger = consoleLogger();
/** Stops what has started so far (engine, control socket); replaced as start-up goes on. */
let stopStarted: () => Promise<void> = async () => undefined;
/** Asks before a quit the manager made while posts are due soon; set once the engine runs. */
let quitGuard: QuitGuard | undefined;

/** A quit the system or the app itself asks for (shutdown, logout, a signal, a fault, the self-test): never asked about. */
function quitNow(): void {
  quitGuard?.allow();
  app.quit();
}

if (app.requestSingleInstanceLock()) {
  if (selfTest) selfTest.onTimeout = () => void failToStart(new Error('the app did not finish starting'));
  run().catch((error: unknown) => failToStart(error));
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
  log = createAppLogger(dataDir, { development, console: selfTest === undefined });
  log.info(`Publishing Engine ${app.getVersion()} starting; data in ${dataDir}`);
  // An error no handler caught is logged, not shown in a dialog that stops the tray app; a fault loop quits in order.
  installProcessGuard({ log, onFatal: () => quitNow() });
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, (url) => shell.openExternal(url), log));

  const engine = createEngine({
    dataDir,
    log,
    env: selfTest ? await selfTest.engineEnv(process.env) : process.env,
    // The self-test keeps its throwaway data key out of the system's keychain; the app moves tokens its earlier
    // versions sealed with safeStorage into the shared credential store.
    ...(selfTest ? { keychain: null } : { legacyTokens: await safeStorageReaders(safeStorage, log) }),
    // Sign-ins open in the system browser (RFC 8252), never in a window of the app.
    oauth: { openExternal: (url) => shell.openExternal(url), builtInClients: releaseClients() },
    appRoot: app.getAppPath(),
    ...(app.isPackaged ? { resourcesPath: process.resourcesPath } : {}),
    // The system's word on the network: "offline" shows at once, before any post is due.
    isOnline: () => net.isOnline(),
  });

  // The control socket doubles as the lock on the data directory: a headless engine already serving it makes
  // this fail before a second engine touches the same database and Redis.
  const control = await startControlServer({ dataDir, api: engine.api, events: engine.events, log });
  stopStarted = async () => {
    await engine.stop().catch((error: unknown) => log.warn('Stopping the half-started engine failed', error));
    await control.close();
  };
  // Whether a tray icon can be seen decides if closing the window may hide the app (Linux desktops without a
  // StatusNotifier host show none); asked while the engine starts.
  const trayCheck = process.platform === 'linux' ? hasStatusNotifierHost() : Promise.resolve(true);
  await engine.start();
  let settings: Settings = await engine.settings();
  const trayUsable = await trayCheck;

  const applyLoginItem = () => {
    if (!app.isPackaged || selfTest) return log.info('Start at login applies to the installed app only.');
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
  handleMediaProtocol(protocol, () => engine.media());

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
      { name: 'stop notifications', run: () => notifications.stop() },
      { name: 'unbind IPC', run: () => unbindIpc() },
      { name: 'stop the engine', run: () => engine.stop({ activePublishTimeoutMs: ACTIVE_PUBLISH_TIMEOUT_MS }) },
      { name: 'close the control socket', run: () => control.close() },
    ],
    exit: (outcome) => app.exit(selfTest ? selfTest.finish(outcome) : 0),
    log,
    deadlineMs: SHUTDOWN_DEADLINE_MS,
  });
  // A message box sits on the window when there is one to sit on (`shown`: only while it is on screen, not when the
  // app is in the tray).
  const showMessageBox = (options: MessageBoxOptions, on: 'window' | 'shown window' = 'shown window') =>
    window && !window.isDestroyed() && (on === 'window' || window.isVisible())
      ? dialog.showMessageBox(window, options)
      : dialog.showMessageBox(options);
  const guard = createQuitGuard({
    countDueSoon: () => postsDueSoon(engine.api, Date.now()),
    ask: (question) => showMessageBox(question),
    trayUsable: () => trayUsable && tray !== null,
    keepRunning: () => {
      if (!window || window.isDestroyed()) return;
      if (trayUsable && tray !== null) window.hide();
      else window.minimize();
    },
    quit: () => app.quit(),
    log,
  });
  if (selfTest) guard.allow();
  quitGuard = guard;
  app.on('before-quit', (event) => {
    if (!guard.holds(event)) quit.onBeforeQuit(event);
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => quitNow());
  stopStarted = async () => {
    await engine.stop({ activePublishTimeoutMs: ACTIVE_PUBLISH_TIMEOUT_MS }).catch((error: unknown) => log.warn('Stopping the engine failed', error));
    await control.close();
  };

  const openWindow = (options: { minimized?: boolean } = {}) => {
    if (window && !window.isDestroyed()) {
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
      return;
    }
    const opened = createMainWindow({
      stateFile: windowStateFile,
      preload: join(__dirname, '../preload/index.js'),
      rendererUrl,
      icon: appIcon,
      log,
      ...(options.minimized ? { startMinimized: true } : {}),
      onClose: (event, closing) => {
        const action = windowCloseAction({ quitting: quit.quitting, closeToTray: settings.closeToTray, trayUsable: trayUsable && tray !== null });
        if (action === 'quit') {
          // The window stays until the quit goes ahead: the manager may choose to keep the app running instead.
          if (!quit.quitting) {
            event.preventDefault();
            app.quit();
          }
          return;
        }
        event.preventDefault();
        if (action === 'hide') closing.hide();
        else closing.minimize();
      },
    });
    quitWithTheSession(opened, () => quitNow());
    opened.on('closed', () => {
      window = null;
    });
    window = opened;
  };

  try {
    tray = createAppTray({ api: engine.api, events: engine.events, onOpen: () => openWindow(), onQuit: () => app.quit(), log });
  } catch (error) {
    log.warn('No tray icon on this system; closing the window quits the app.', error);
  }
  if (!trayUsable) log.info('No StatusNotifier host on this desktop: closing the window minimises it instead of hiding it in the tray.');
  const notifications = startNotifications({
    events: engine.events,
    enabled: () => settings.notifications,
    icon: appIcon,
    onOpen: () => openWindow(),
    log,
  });

  // Waking from sleep: the posts due meanwhile are summed up once, overdue posts follow the late tolerance, and what
  // waits for the network is checked at once (Wi-Fi often reconnects just after). The window's online event does the
  // same through queue:checkNetwork.
  let asleepSince: number | undefined;
  powerMonitor.on('suspend', () => {
    asleepSince = Date.now();
    notifications.holdForWake();
  });
  powerMonitor.on('resume', () => {
    const since = asleepSince;
    asleepSince = undefined;
    engine
      .wake(since === undefined ? {} : { asleepSince: since })
      .catch((error: unknown) => log.warn('Catching up after sleep failed', error))
      .finally(() => notifications.releaseAfterWake());
  });
  // Shut down cleanly with the system (macOS, Linux), so no publish is cut off halfway. Electron passes an event
  // whose preventDefault delays the shutdown until we quit; its typings leave the parameter out.
  powerMonitor.on('shutdown', (event?: Electron.Event) => {
    event?.preventDefault();
    quitNow();
  });
  app.on('activate', () => openWindow());

  const openedAtLogin = process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin;
  secondLaunch.open = () => openWindow();
  const hidden = !secondLaunch.seen && startsHidden(process.argv, openedAtLogin);
  // Hidden at login only where the tray can bring the window back; elsewhere it waits minimised.
  if (!hidden) openWindow();
  else if (tray === null || !trayUsable) openWindow({ minimized: true });
  log.info('Publishing Engine is ready.');

  if (!selfTest) {
    // At the first run the window is opening (it shows once its page is ready): the question goes on it.
    askStartAtLoginOnce({ settings, show: (question) => showMessageBox(question, 'window'), api: engine.api, log }).catch((error: unknown) =>
      log.warn('Asking about start at login failed', error),
    );
  }

  if (selfTest) {
    selfTest.onTimeout = () => quitNow();
    void selfTest.run({ api: engine.api, events: engine.events, window: () => window, quit: () => quitNow() });
  }
}

/** The start failed: say why (a dialog, or the self-test's report), stop whatever had started, and exit. */
async function failToStart(error: unknown): Promise<void> {
  log.error('Publishing Engine could not start', error);
  const message = error instanceof Error ? error.message : String(error);
  if (!selfTest) dialog.showErrorBox('Publishing Engine could not start', `${message}\n\nThe log is in ${join(app.getPath('userData'), 'logs')}.`);
  await stopStarted().catch((stopError: unknown) => log.warn('Stopping after the failed start failed', stopError));
  app.exit(selfTest ? selfTest.failedToStart(error) : 1);
}

/** Until the log file is set up (after app ready), messages go to the console. */
function consoleLogger(): Logger {
  return {
    debug: () => undefined,
    info: (message) => console.info(message),
    warn: (message, ...details) => console.warn(message, ...details),
    error: (message, ...details) => console.error(message, ...details),
  };
}
