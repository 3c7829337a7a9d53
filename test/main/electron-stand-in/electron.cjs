// A recording stand-in for the `electron` module, so the built main process (out/main/index.js) boots under plain
// Node, where Electron's binary cannot run. It behaves as Electron documents each API (before-quit can be held with
// preventDefault, ipcMain.handle refuses a second handler, the window's page gets the preload in a context whose
// require serves only 'electron', contextBridge exposes to the page's own context, invoke carries a structured
// clone) and records every call in order. Everything behind it is real: the engine, Redis, SQLite, the IPC glue,
// the tray model, the preload bundle.
//
// What it cannot be is Chromium: the page is not rendered (its #root reports one child so the self-test's wait
// ends); the Chromium E2E tests cover the renderer, and the release workflow's self-test covers real Electron.
//
// Driven over the IPC channel of child_process.fork (see boot-harness.ts); on app.exit it writes the record to
// STAND_IN_REPORT and exits with the app's code.
'use strict';
const { EventEmitter } = require('node:events');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');

const appData = process.env.STAND_IN_APP_DATA;
if (!appData) throw new Error('STAND_IN_APP_DATA must name a temporary folder for the stand-in app.');
const appPath = process.env.STAND_IN_APP_PATH ?? process.cwd();
const manifest = JSON.parse(fs.readFileSync(path.join(appPath, 'package.json'), 'utf8'));
const productName = manifest.productName ?? manifest.name;

if (process.env.STAND_IN_ELECTRON_VERSION) {
  // As inside Electron: process.versions says which Electron and which module ABI its Node has (by default the
  // pinned Electron's, from its abi_version).
  const abi = process.env.STAND_IN_ELECTRON_ABI ?? fs.readFileSync(path.join(appPath, 'node_modules', 'electron', 'abi_version'), 'utf8').trim();
  Object.defineProperty(process.versions, 'electron', { value: process.env.STAND_IN_ELECTRON_VERSION, enumerable: true });
  Object.defineProperty(process.versions, 'modules', { value: abi, enumerable: true });
}

/** Every call, in order: `{ call, ...details }`. */
const record = [];
const note = (call, details = {}) => record.push({ call, ...details });

function preventable() {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

// --- app -------------------------------------------------------------------------------------------------------

class App extends EventEmitter {
  constructor() {
    super();
    this.isPackaged = false;
    this.name = productName;
    this.ready = false;
    this.paths = { appData, userData: path.join(appData, productName), temp: os.tmpdir(), home: os.homedir() };
    this.exiting = false;
  }
  enableSandbox() {
    note('app.enableSandbox');
  }
  getPath(name) {
    if (name === 'logs') return path.join(this.paths.userData, 'logs');
    if (!(name in this.paths)) throw new Error(`Failed to get '${name}' path`);
    return this.paths[name];
  }
  setPath(name, value) {
    if (!path.isAbsolute(value)) throw new Error(`Path must be absolute: ${value}`);
    note('app.setPath', { name, value });
    this.paths[name] = value;
  }
  getVersion() {
    return manifest.version;
  }
  getName() {
    return this.name;
  }
  getAppPath() {
    return appPath;
  }
  requestSingleInstanceLock() {
    note('app.requestSingleInstanceLock', { userData: this.paths.userData });
    return true;
  }
  whenReady() {
    note('app.whenReady');
    if (!this.readyPromise) {
      this.readyPromise = new Promise((resolve) =>
        setImmediate(() => {
          this.ready = true;
          this.emit('ready');
          resolve();
        }),
      );
    }
    return this.readyPromise;
  }
  isReady() {
    return this.ready;
  }
  setAppUserModelId(id) {
    note('app.setAppUserModelId', { id });
  }
  getLoginItemSettings() {
    return { openAtLogin: false, wasOpenedAtLogin: false };
  }
  setLoginItemSettings(settings) {
    note('app.setLoginItemSettings', { settings });
  }
  focus() {}
  /** Electron: before-quit (preventable), then will-quit (preventable), windows close, quit, exit 0. */
  quit() {
    note('app.quit');
    const beforeQuit = preventable();
    this.emit('before-quit', beforeQuit);
    note('before-quit', { prevented: beforeQuit.defaultPrevented });
    if (beforeQuit.defaultPrevented) return;
    const willQuit = preventable();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) return;
    for (const window of BrowserWindow.getAllWindows()) window.destroy();
    this.emit('quit', {}, 0);
    this.exit(0);
  }
  exit(code = 0) {
    if (this.exiting) return;
    this.exiting = true;
    note('app.exit', { code });
    if (process.env.STAND_IN_REPORT) fs.writeFileSync(process.env.STAND_IN_REPORT, JSON.stringify({ code, record }, null, 2));
    process.exit(code);
  }
}
const app = new App();

// --- ipcMain, and the renderer side of IPC ----------------------------------------------------------------------

class IpcMain extends EventEmitter {
  constructor() {
    super();
    this.handlers = new Map();
  }
  handle(channel, listener) {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    note('ipcMain.handle', { channel });
    this.handlers.set(channel, listener);
  }
  removeHandler(channel) {
    note('ipcMain.removeHandler', { channel });
    this.handlers.delete(channel);
  }
  /** What ipcRenderer.invoke does: the handler's value, a rejection without one, arguments as structured clones. */
  async invoke(sender, frameUrl, channel, args) {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
    const event = { sender, senderFrame: sender.isDestroyed() ? null : { url: frameUrl, parent: null }, processId: 1, frameId: 1 };
    try {
      return structuredClone(await handler(event, ...structuredClone(args)));
    } catch (error) {
      throw new Error(`Error invoking remote method '${channel}': ${error}`);
    }
  }
}
const ipcMain = new IpcMain();

// --- windows and their pages ----------------------------------------------------------------------------------

let nextContentsId = 1;

class WebContents extends EventEmitter {
  constructor(window) {
    super();
    this.id = nextContentsId++;
    this.window = window;
    this.url = '';
    this.loading = false;
    this.destroyed = false;
    this.rendererListeners = new Map();
    this.page = undefined;
  }
  isDestroyed() {
    return this.destroyed;
  }
  isLoading() {
    return this.loading;
  }
  getURL() {
    return this.url;
  }
  setWindowOpenHandler(handler) {
    note('webContents.setWindowOpenHandler');
    this.windowOpenHandler = handler;
  }
  reload() {
    note('webContents.reload');
  }
  send(channel, message) {
    if (this.destroyed) throw new Error('Object has been destroyed');
    const cloned = structuredClone(message);
    for (const listener of this.rendererListeners.get(channel) ?? []) listener({ sender: 'ipcRenderer' }, cloned);
  }
  /** Runs `code` in the page's own context (where contextBridge put window.api), as Electron's main world. */
  async executeJavaScript(code) {
    note('webContents.executeJavaScript');
    if (!this.page) throw new Error('The page has not loaded.');
    return structuredClone(await vm.runInContext(code, this.page));
  }
  async load(url) {
    this.url = url;
    this.loading = true;
    await new Promise((resolve) => setImmediate(resolve));
    if (this.destroyed) return;
    this.page = makePageContext();
    runPreload(this.window.options.webPreferences?.preload, this, this.page);
    this.loading = false;
    this.emit('did-finish-load');
    this.window.emit('ready-to-show');
  }
}

/**
 * The page's own JavaScript world: no Node, a window that is its global, a root the app would render into, and the
 * mark the app's page sets once its first screen is drawn (shared/first-screen.ts).
 */
function makePageContext() {
  const root = { id: 'root', childElementCount: 1 };
  const firstScreen = { name: 'publishing-engine:first-screen', startTime: 420.4, detail: { answered: true } };
  const page = {
    setTimeout,
    clearTimeout,
    console,
    document: { getElementById: (id) => (id === 'root' ? root : null) },
    performance: { getEntriesByName: (name) => (name === firstScreen.name ? [firstScreen] : []) },
  };
  page.window = page;
  return vm.createContext(page);
}

/** Evaluates the preload bundle as Electron's sandboxed preload: a separate context whose require serves only electron. */
function runPreload(file, contents, page) {
  if (!file) return;
  const source = fs.readFileSync(file, 'utf8');
  const rendererElectron = {
    contextBridge: {
      exposeInMainWorld(key, api) {
        note('contextBridge.exposeInMainWorld', { key, members: Object.keys(api) });
        Object.defineProperty(page, key, { value: api, enumerable: true });
      },
    },
    ipcRenderer: {
      invoke: (channel, ...args) => ipcMain.invoke(contents, contents.url, channel, args),
      on(channel, listener) {
        contents.rendererListeners.set(channel, [...(contents.rendererListeners.get(channel) ?? []), listener]);
        return this;
      },
    },
    // The stand-in's page has no file input or drop target, so no File in it comes from the user's disk.
    webUtils: {
      getPathForFile(file) {
        note('webUtils.getPathForFile');
        if (typeof file !== 'object' || file === null) throw new TypeError("Failed to execute 'getPathForFile': parameter 1 is not of type 'File'.");
        return '';
      },
    },
  };
  const requireOnlyElectron = (name) => {
    note('preload.require', { name });
    if (name === 'electron') return rendererElectron;
    throw new Error(`module not found: ${name}`);
  };
  const module = { exports: {} };
  const isolated = vm.createContext({ console, setTimeout, clearTimeout });
  vm.runInContext(`(function (require, module, exports) {${source}\n})`, isolated, { filename: file })(requireOnlyElectron, module, module.exports);
}

const windows = [];

class BrowserWindow extends EventEmitter {
  static getAllWindows() {
    return windows.filter((window) => !window.destroyed);
  }
  constructor(options = {}) {
    super();
    this.options = options;
    this.destroyed = false;
    this.visible = false;
    this.minimized = false;
    this.webContents = new WebContents(this);
    windows.push(this);
    let userDataEntries = [];
    try {
      userDataEntries = fs.readdirSync(app.getPath('userData')).sort();
    } catch {
      // recorded as empty
    }
    note('new BrowserWindow', { options, userDataEntries });
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url) {
    note('BrowserWindow.loadURL', { url });
    return this.webContents.load(url);
  }
  setBackgroundColor(color) {
    note('BrowserWindow.setBackgroundColor', { color });
  }
  show() {
    note('BrowserWindow.show');
    this.visible = true;
    this.minimized = false;
  }
  hide() {
    note('BrowserWindow.hide');
    this.visible = false;
  }
  minimize() {
    note('BrowserWindow.minimize');
    this.minimized = true;
  }
  restore() {
    this.minimized = false;
  }
  focus() {}
  maximize() {}
  isMaximized() {
    return false;
  }
  isMinimized() {
    return this.minimized;
  }
  isVisible() {
    return this.visible;
  }
  isDestroyed() {
    return this.destroyed;
  }
  getNormalBounds() {
    return { x: 10, y: 10, width: this.options.width ?? 800, height: this.options.height ?? 600 };
  }
  close() {
    note('BrowserWindow.close');
    const event = preventable();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
  }
  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

// --- tray, menus, images, notifications -----------------------------------------------------------------------

const trays = [];

class Tray extends EventEmitter {
  constructor(image) {
    super();
    this.image = image;
    this.destroyed = false;
    this.menu = undefined;
    this.tooltip = '';
    trays.push(this);
    note('new Tray', { image: image.path });
  }
  setContextMenu(menu) {
    this.menu = menu;
    note('Tray.setContextMenu', { labels: menu.items.map((item) => item.label ?? `(${item.type})`) });
  }
  setImage(image) {
    this.image = image;
  }
  setToolTip(tooltip) {
    this.tooltip = tooltip;
  }
  isDestroyed() {
    return this.destroyed;
  }
  destroy() {
    note('Tray.destroy');
    this.destroyed = true;
  }
}

const Menu = {
  buildFromTemplate(template) {
    return { items: template.map((item) => ({ ...item })) };
  },
};

const nativeImage = {
  createFromPath(file) {
    const exists = fs.existsSync(file);
    note('nativeImage.createFromPath', { path: file, exists });
    const representations = [];
    return {
      path: file,
      isEmpty: () => !exists,
      addRepresentation: (representation) => representations.push(representation.scaleFactor),
      representations,
    };
  },
};

class Notification extends EventEmitter {
  static isSupported() {
    return true;
  }
  constructor(options) {
    super();
    this.options = options;
  }
  show() {
    note('Notification.show', { title: this.options.title, body: this.options.body });
  }
}

// --- the rest of the main-process API the app touches ----------------------------------------------------------

const powerMonitor = new EventEmitter();

// The system's light or dark appearance; the test switches it with `setAppearance`.
const nativeTheme = Object.assign(new EventEmitter(), { shouldUseDarkColors: false });

// The system's network state as Electron's net module reports it; the test switches it with `setOnline`.
let systemOnline = true;
const net = {
  isOnline() {
    if (!app.ready) throw new Error("The 'net' module can only be used after the app is ready.");
    return systemOnline;
  },
  get online() {
    return net.isOnline();
  },
};

// Custom schemes as Electron has them: privileges only before ready, then one handler per scheme that answers a
// Request with a Response (the fetchProtocol command asks it as the window's <img> would).
const protocolHandlers = new Map();
const protocol = {
  registerSchemesAsPrivileged(schemes) {
    if (app.isReady()) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    note('protocol.registerSchemesAsPrivileged', { schemes: schemes.map((entry) => ({ ...entry })) });
  },
  handle(scheme, handler) {
    if (protocolHandlers.has(scheme)) throw new Error(`The scheme "${scheme}" is already handled.`);
    note('protocol.handle', { scheme });
    protocolHandlers.set(scheme, handler);
  },
};

const session = {
  defaultSession: {
    webRequest: {
      onHeadersReceived(listener) {
        note('session.webRequest.onHeadersReceived');
        session.headersListener = listener;
      },
    },
    setPermissionRequestHandler(handler) {
      note('session.setPermissionRequestHandler');
      session.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler) {
      note('session.setPermissionCheckHandler');
      session.permissionCheckHandler = handler;
    },
  },
};

// Linux without a keyring, as on a CI machine: the app then keeps tokens in its owner-only key file.
const safeStorage = {
  isEncryptionAvailable: () => false,
  getSelectedStorageBackend: () => 'basic_text',
  isAsyncEncryptionAvailable: async () => false,
  encryptString: () => {
    throw new Error('Encryption is not available.');
  },
  decryptString: () => {
    throw new Error('Decryption is not available.');
  },
  encryptStringAsync: async () => {
    throw new Error('Encryption is not available.');
  },
  decryptStringAsync: async () => {
    throw new Error('Decryption is not available.');
  },
};

const shell = {
  openExternal: async (url) => note('shell.openExternal', { url }),
};

// Message boxes wait for the test's answer (`answerDialog`), as a real one waits for the user; `dialogs` lists them.
const openDialogs = [];
const dialog = {
  showErrorBox(title, content) {
    note('dialog.showErrorBox', { title, content });
    process.stderr.write(`[dialog] ${title}: ${content}\n`);
  },
  showMessageBox(windowOrOptions, maybeOptions) {
    const options = maybeOptions ?? windowOrOptions;
    const parented = maybeOptions !== undefined;
    if (!app.ready) throw new Error("The 'dialog' module can only be used after the app is ready.");
    if (!Array.isArray(options.buttons) || options.buttons.length === 0) throw new Error('A message box needs its buttons.');
    const shown = { title: options.title, message: options.message, detail: options.detail, buttons: options.buttons, parented };
    shown.defaultId = options.defaultId;
    shown.cancelId = options.cancelId;
    note('dialog.showMessageBox', shown);
    return new Promise((resolve) => openDialogs.push({ shown, resolve }));
  },
};

const screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] };

const webContents = { getAllWebContents: () => windows.filter((window) => !window.destroyed).map((window) => window.webContents) };

// --- the test's remote control ---------------------------------------------------------------------------------

function mainWindow() {
  const window = BrowserWindow.getAllWindows()[0];
  if (!window) throw new Error('There is no window.');
  return window;
}

const commands = {
  record: () => record,
  invoke: ({ channel, input, frameUrl }) => {
    const contents = mainWindow().webContents;
    return ipcMain.invoke(contents, frameUrl ?? contents.url, channel, [input]);
  },
  evaluate: ({ code }) => mainWindow().webContents.executeJavaScript(code),
  window: () => {
    const window = BrowserWindow.getAllWindows()[0];
    return window ? { visible: window.visible, minimized: window.minimized, url: window.webContents.url } : null;
  },
  closeWindow: () => mainWindow().close(),
  emitWindow: ({ event, reasons }) => {
    const payload = preventable();
    payload.reasons = reasons;
    mainWindow().emit(event, payload);
    return { prevented: payload.defaultPrevented };
  },
  tray: () => {
    const currentTray = trays.at(-1);
    return (
      currentTray && {
        destroyed: currentTray.destroyed,
        tooltip: currentTray.tooltip,
        image: currentTray.image.path,
        items: currentTray.menu.items.map((item) => ({
          label: item.label,
          type: item.type,
          enabled: item.enabled,
          clickable: typeof item.click === 'function',
        })),
      }
    );
  },
  clickTray: ({ label }) => {
    const item = trays.at(-1)?.menu.items.find((candidate) => candidate.label === label);
    if (!item?.click) throw new Error(`The tray menu has no clickable "${label}".`);
    item.click();
  },
  headers: ({ url }) =>
    new Promise((resolve) =>
      session.headersListener({ url, responseHeaders: { 'Content-Type': ['text/html'] } }, (answer) => resolve(answer.responseHeaders)),
    ),
  quit: () => app.quit(),
  setAppearance: ({ dark }) => {
    nativeTheme.shouldUseDarkColors = dark;
    nativeTheme.emit('updated');
  },
  setOnline: ({ online }) => {
    note('net.online changed', { online });
    systemOnline = online;
  },
  dialogs: () => openDialogs.map((open) => open.shown),
  /** Clicks button `response` of the oldest open message box (or `cancelId` with Esc: pass `escape: true`). */
  answerDialog: ({ response, escape }) => {
    const open = openDialogs.shift();
    if (!open) throw new Error('No message box is open.');
    const chosen = escape ? (open.shown.cancelId ?? 0) : response;
    if (!Number.isInteger(chosen) || chosen < 0 || chosen >= open.shown.buttons.length) throw new Error(`The message box has no button ${chosen}.`);
    note('dialog answered', { message: open.shown.message, response: chosen });
    open.resolve({ response: chosen, checkboxChecked: false });
  },
  fetchProtocol: async ({ url, headers }) => {
    const handler = protocolHandlers.get(new URL(url).protocol.slice(0, -1));
    if (!handler) throw new Error(`No handler for ${url}.`);
    const response = await handler(new Request(url, { headers }));
    const body = Buffer.from(await response.arrayBuffer());
    return { status: response.status, headers: Object.fromEntries(response.headers), body: body.toString('base64') };
  },
  /** A powerMonitor event as the system sends it ('resume' after sleep …). */
  power: ({ event }) => {
    note(`powerMonitor ${event}`, { listeners: powerMonitor.listenerCount(event) });
    powerMonitor.emit(event);
  },
};

if (process.send) {
  process.on('message', async (message) => {
    if (!message || typeof message !== 'object' || !(message.type in commands)) return;
    try {
      const value = await commands[message.type](message);
      process.send({ id: message.id, ok: true, value: value === undefined ? null : value });
    } catch (error) {
      process.send({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  });
  // The test went away: quit cleanly, and do not outlive it for long.
  process.on('disconnect', () => {
    app.quit();
    setTimeout(() => process.exit(1), 30_000).unref();
  });
}

module.exports = {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  nativeTheme,
  net,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  Tray,
  webContents,
};
