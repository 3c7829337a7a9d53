// The main window: sandboxed, isolated, no Node; placed where the user left it.
import { BrowserWindow, nativeTheme, screen } from 'electron';
import type { Logger } from '../engine/logger';
import { windowBackground } from './window-background';
import { fitToDisplays, loadWindowState, MIN_WINDOW_SIZE, saveWindowState, type WindowState } from './window-state';

const RELOAD_GUARD_MS = 30_000;

export interface MainWindowOptions {
  stateFile: string;
  preload: string;
  /** The dev server URL, or the built index.html as a file: URL. */
  rendererUrl: string;
  icon: string;
  /** Open minimised (a hidden start where no tray icon can bring the window back). */
  startMinimized?: boolean;
  /** Decides what a close does (hide to the tray or quit); called after the window's state is saved. */
  onClose: (event: Electron.Event, window: BrowserWindow) => void;
  log: Logger;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const saved = fitToDisplays(
    loadWindowState(options.stateFile),
    screen.getAllDisplays().map((display) => display.workArea),
  );
  const window = new BrowserWindow({
    ...(saved.x !== undefined && saved.y !== undefined ? { x: saved.x, y: saved.y } : {}),
    width: saved.width,
    height: saved.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    backgroundColor: windowBackground(nativeTheme.shouldUseDarkColors),
    title: 'Publishing Engine',
    icon: options.icon,
    webPreferences: {
      preload: options.preload,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: true,
    },
  });
  if (saved.maximized) window.maximize();
  // The page follows the system's appearance as it changes; so does the window's background.
  const followAppearance = (): void => window.setBackgroundColor(windowBackground(nativeTheme.shouldUseDarkColors));
  nativeTheme.on('updated', followAppearance);
  window.once('closed', () => nativeTheme.off('updated', followAppearance));

  window.once('ready-to-show', () => (options.startMinimized ? window.minimize() : window.show()));
  window.on('close', (event) => {
    persistWindowState(window, options.stateFile, options.log);
    options.onClose(event, window);
  });
  let lastReload = 0;
  window.webContents.on('render-process-gone', (_event, details) => {
    options.log.error(`The window's renderer is gone (${details.reason}).`);
    // Reload after a crash, but not in a loop: a page that keeps crashing stays blank until reopened.
    if (details.reason === 'clean-exit' || window.isDestroyed() || Date.now() - lastReload < RELOAD_GUARD_MS) return;
    lastReload = Date.now();
    window.webContents.reload();
  });

  void window.loadURL(options.rendererUrl).catch((error: unknown) => options.log.error('Loading the window failed', error));
  return window;
}

export function persistWindowState(window: BrowserWindow, file: string, log: Logger): void {
  if (window.isDestroyed()) return;
  const bounds = window.getNormalBounds();
  const state: WindowState = { ...bounds, maximized: window.isMaximized() };
  try {
    saveWindowState(file, state);
  } catch (error) {
    log.warn('Saving the window position failed', error);
  }
}
