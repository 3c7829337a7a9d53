// The built main process (out/main/index.js) boots under plain Node with a recording stand-in for the `electron`
// module (test/main/electron-stand-in): the real engine, Redis, SQLite, IPC glue, tray and preload behind it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../shared/contract/channels';
import type { AccountView, PostView, QueueStats, Settings } from '../../shared/domain';
import { contentSecurityPolicy } from '../../electron/main/content-security-policy';
import { controlSocketPath } from '../../electron/engine/control/socket-path';
import { WINDOW_BACKGROUND } from '../../electron/main/window-background';
import { repoRoot, requireBuild } from '../e2e/support/build-output';
import { OutageProxy } from '../fakes/shared/outage-proxy';
import { FakeTwitter } from '../fakes/twitter/fake-twitter';
import { waitFor } from '../helpers/wait-for';
import { BootedApp, indexOfCall, type Exit, type RecordedCall } from './electron-stand-in/boot-harness';

const DEV_DIR = 'Publishing Engine (development)';
const APP_PAGE = pathToFileURL(join(repoRoot, 'out', 'renderer', 'index.html')).href;

interface TrayView {
  tooltip: string;
  items: { label?: string; type?: string; enabled?: boolean; clickable: boolean }[];
}

const labels = (tray: TrayView | null) => (tray?.items ?? []).map((item) => item.label ?? '-');

/** redis-server processes started by `pid` (the engine spawns it directly). */
function redisChildren(pid: number): number[] {
  // ps exits 1 when the process has no children.
  const out = spawnSync('ps', ['-o', 'pid=,comm=', '--ppid', String(pid)], { encoding: 'utf8' }).stdout.trim();
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, command]) => command === 'redis-server')
    .map(([child]) => Number(child));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** After a clean close SQLite has checkpointed and removed the WAL; a process that died holding it leaves it. */
function walLeft(dataDir: string): string[] {
  return readdirSync(dataDir).filter((name) => name.endsWith('-wal') || name.endsWith('-shm'));
}

function socketLeft(dataDir: string): boolean {
  const socket = controlSocketPath(dataDir);
  return socket !== undefined && existsSync(socket);
}

async function expectCleanQuit(app: BootedApp, dataDir: string, quit: () => Promise<unknown>): Promise<Exit> {
  const redis = redisChildren(app.pid);
  expect(redis).toHaveLength(1);
  expect(socketLeft(dataDir)).toBe(true);
  await quit();
  const exit = await app.exited;
  expect(exit.code).toBe(0);
  const calls = exit.record.map((entry) => entry.call);
  expect(exit.record.find((entry) => entry.call === 'before-quit')).toMatchObject({ prevented: true });
  expect(calls.at(-1)).toBe('app.exit');
  // The shutdown ran in order before the exit: tray gone, every handler removed, then the engine stopped.
  expect(indexOfCall(exit.record, 'Tray.destroy')).toBeGreaterThan(indexOfCall(exit.record, 'before-quit'));
  expect(exit.record.filter((entry) => entry.call === 'ipcMain.removeHandler').map((entry) => entry.channel)).toEqual(
    expect.arrayContaining([...CHANNEL_NAMES]),
  );
  await waitFor(
    () => redis.filter(alive),
    (left) => left.length === 0,
    10_000,
    'redis-server to stop',
  );
  expect(walLeft(dataDir)).toEqual([]);
  expect(socketLeft(dataDir)).toBe(false);
  return exit;
}

beforeAll(() => requireBuild());

describe('the built main process, booted under a recording electron stand-in', () => {
  let app: BootedApp;
  let dataDir: string;
  let record: RecordedCall[];

  beforeAll(async () => {
    app = new BootedApp();
    dataDir = join(app.appData, DEV_DIR);
    await app.ready();
    record = await app.record();
  }, 60_000);

  afterAll(async () => {
    await app?.dispose();
  });

  it('starts in order: sandbox, its own development data directory, the lock, ready, the engine, IPC, tray, then the window', () => {
    const at = (call: string, where?: (entry: RecordedCall) => boolean) => {
      const index = indexOfCall(record, call, where);
      expect(index, call).toBeGreaterThanOrEqual(0);
      return index;
    };
    const contract = (entry: RecordedCall) => CHANNEL_NAMES.includes(entry.channel as never);
    const order = [
      at('app.enableSandbox'),
      at('app.setPath', (entry) => entry.name === 'userData' && entry.value === dataDir),
      at('app.requestSingleInstanceLock', (entry) => entry.userData === dataDir),
      at('app.whenReady'),
      at('session.webRequest.onHeadersReceived'),
      at('ipcMain.handle', contract),
      at('new Tray'),
      at('new BrowserWindow'),
      at('BrowserWindow.loadURL'),
      at('contextBridge.exposeInMainWorld'),
      at('BrowserWindow.show'),
    ];
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // The engine was up before any window: its database, Redis folder and log were there when the window was made.
    expect(record[at('new BrowserWindow')]?.userDataEntries).toEqual(expect.arrayContaining(['logs', 'publishing-engine.sqlite', 'redis']));
    expect(record[at('BrowserWindow.loadURL')]?.url).toBe(APP_PAGE);
  });

  it('opens the window sandboxed and isolated, without Node, with the built preload', () => {
    const options = record.find((entry) => entry.call === 'new BrowserWindow')?.options as { webPreferences: Record<string, unknown> };
    expect(options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      preload: join(repoRoot, 'out', 'preload', 'index.js'),
    });
    expect(existsSync(options.webPreferences.preload as string)).toBe(true);
  });

  it("opens the window on the page's background for the system's appearance, and follows the appearance as it changes", async () => {
    const options = record.find((entry) => entry.call === 'new BrowserWindow')?.options as { backgroundColor?: string };
    expect(options.backgroundColor).toBe(WINDOW_BACKGROUND.light);
    try {
      await app.command('setAppearance', { dark: true });
      const now = await app.record();
      expect(now.filter((entry) => entry.call === 'BrowserWindow.setBackgroundColor').map((entry) => entry.color)).toEqual([WINDOW_BACKGROUND.dark]);
    } finally {
      await app.command('setAppearance', { dark: false });
    }
  });

  it('binds exactly one ipcMain.handle per contract channel', () => {
    const contract = record
      .filter((entry) => entry.call === 'ipcMain.handle' && CHANNEL_NAMES.includes(entry.channel as never))
      .map((entry) => entry.channel);
    expect([...contract].sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('answers through the recorded handlers from the real engine, and the page gets the same through the preload', async () => {
    const settings = await app.invoke<Settings>('settings:get', {});
    expect(settings).toMatchObject({ ok: true, value: { closeToTray: true, lateToleranceMinutes: 60 } });
    const added = await app.invoke<AccountView>('accounts:add', { platform: 'linkedin', name: 'Brand page', accessToken: 'token-from-test' });
    expect(added).toMatchObject({ ok: true, value: { platform: 'linkedin', name: 'Brand page' } });
    const listed = await app.invoke<AccountView[]>('accounts:list', {});
    expect(listed.value?.map((account) => account.id)).toEqual([added.value?.id]);
    expect(JSON.stringify(listed)).not.toContain('token-from-test');

    const fromPage = await app.command('evaluate', { code: "window.api.invoke('accounts:list', {})" });
    expect(fromPage).toEqual(listed);
    const invalid = await app.command('evaluate', { code: "window.api.invoke('accounts:add', { platform: 'myspace' })" });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'validation', field: 'platform' } });
  });

  it('refuses a frame that is not the app page', async () => {
    await expect(app.invoke('accounts:list', {}, 'https://attacker.example/')).rejects.toThrow(/only available to the app's own window/);
  });

  it("sends the app's CSP header on responses", async () => {
    const headers = await app.command<Record<string, string[]>>('headers', { url: 'https://cdn.example/image.png' });
    expect(headers['Content-Security-Policy']).toEqual([contentSecurityPolicy()]);
  });

  it('serves library files to the window from pe-media: by id only, with byte ranges, registered before ready', async () => {
    const registered = indexOfCall(record, 'protocol.registerSchemesAsPrivileged');
    expect(registered).toBeGreaterThanOrEqual(0);
    expect(registered).toBeLessThan(indexOfCall(record, 'app.whenReady'));
    expect(record[registered]?.schemes).toEqual([{ scheme: 'pe-media', privileges: { standard: true, secure: true, stream: true } }]);
    expect(contentSecurityPolicy()).toMatch(/img-src [^;]*pe-media:/);

    const photo = join(repoRoot, 'test', 'fixtures', 'media', 'tiny.jpg');
    const imported = await app.invoke<Array<{ id: string }>>('media:import', { paths: [photo] });
    const id = imported.value?.[0]?.id as string;
    const url = await app.command<string>('evaluate', { code: `window.api.mediaPreviewUrl(${JSON.stringify(id)})` });
    expect(url).toBe(`pe-media://item/${id}`);
    type Answer = { status: number; headers: Record<string, string>; body: string };
    const whole = await app.command<Answer>('fetchProtocol', { url });
    const bytes = readFileSync(photo);
    expect(whole).toMatchObject({ status: 200, headers: { 'content-type': 'image/jpeg', 'content-length': String(bytes.length) } });
    expect(Buffer.from(whole.body, 'base64').equals(bytes)).toBe(true);
    const part = await app.command<Answer>('fetchProtocol', { url, headers: { range: 'bytes=2-5' } });
    expect(part).toMatchObject({ status: 206, headers: { 'content-range': `bytes 2-5/${bytes.length}` } });
    expect(Buffer.from(part.body, 'base64').equals(bytes.subarray(2, 6))).toBe(true);
    expect(await app.command<Answer>('fetchProtocol', { url, headers: { range: `bytes=${bytes.length}-` } })).toMatchObject({ status: 416 });
    // Only stored items: an unknown id, or a path in its place, finds nothing.
    for (const other of ['pe-media://item/0000', `pe-media://item/${encodeURIComponent(photo)}`, 'pe-media://file/etc/passwd']) {
      expect(await app.command<Answer>('fetchProtocol', { url: other }), other).toMatchObject({ status: 404 });
    }
  });

  it('evaluates the preload in a context whose require serves only electron, exposing only window.api', () => {
    expect(record.filter((entry) => entry.call === 'preload.require').map((entry) => entry.name)).toEqual(['electron']);
    const exposed = record.filter((entry) => entry.call === 'contextBridge.exposeInMainWorld');
    expect(exposed.map((entry) => entry.key)).toEqual(['api']);
    expect(exposed[0]?.members).toEqual(expect.arrayContaining(['invoke', 'on']));
  });

  it('shows the tray menu from the real queue, and Pause and Resume act on it', async () => {
    const images = record.filter((entry) => entry.call === 'nativeImage.createFromPath');
    expect(images.length).toBeGreaterThan(0);
    expect(images.every((entry) => entry.exists === true)).toBe(true);

    const initial = await app.command<TrayView>('tray');
    expect(labels(initial)).toEqual([
      'Nothing scheduled',
      '0 scheduled · 0 publishing',
      // The LinkedIn account added above has no member URN yet: it cannot publish until that is filled in.
      '1 account needs reconnecting or fixing',
      '-',
      'Pause publishing',
      '-',
      'Open Publishing Engine',
      'Quit',
    ]);

    await app.command('clickTray', { label: 'Pause publishing' });
    await waitFor(
      () => app.command<TrayView>('tray'),
      (tray) => labels(tray).includes('Resume publishing'),
      10_000,
      'the paused menu',
    );
    expect(labels(await app.command<TrayView>('tray'))).toContain('Publishing is paused');
    expect((await app.invoke<QueueStats>('queue:stats', {})).value?.paused).toBe(true);

    await app.command('clickTray', { label: 'Resume publishing' });
    await waitFor(
      () => app.command<TrayView>('tray'),
      (tray) => labels(tray).includes('Pause publishing'),
      10_000,
      'the running menu',
    );
    expect((await app.invoke<QueueStats>('queue:stats', {})).value?.paused).toBe(false);
  });

  it('minimises the window on close where no StatusNotifier host shows a tray icon, and keeps running', async () => {
    await app.command('closeWindow');
    expect(await app.command('window')).toMatchObject({ minimized: true, visible: true });
    expect((await app.invoke<Settings>('settings:get', {})).ok).toBe(true);
  });

  it('quits in order: the window and tray go, the engine stops Redis and closes the database, then it exits 0', async () => {
    await expectCleanQuit(app, dataDir, () => app.command('quit'));
  }, 60_000);
});

describe("the system's network signal", () => {
  it('reaches the engine: net.isOnline() says offline at once, and a wake from sleep checks what waits for the network', async () => {
    const x = await FakeTwitter.start();
    const proxy = await OutageProxy.start(x.origin);
    await proxy.set('refuse');
    const app = new BootedApp({ env: { PUBLISHING_ENGINE_TWITTER_API_ORIGIN: proxy.origin } });
    const stats = async () => (await app.invoke<QueueStats>('queue:stats', {})).value as QueueStats;
    try {
      await app.ready();
      const user = x.addUser('corner_bakery');
      const account = await app.invoke<AccountView>('accounts:add', {
        platform: 'twitter',
        name: '@corner_bakery',
        accessToken: user.accessToken,
        externalId: user.userId,
      });
      await app.command('setOnline', { online: false });
      expect((await stats()).connectivity).toMatchObject({ state: 'offline', systemOffline: true, platformsDown: [] });

      const created = await app.invoke<PostView>('posts:create', { text: 'Open from 7', targets: [{ accountId: account.value?.id }], mode: 'now' });
      await waitFor(stats, (current) => current.waiting.network.posts === 1, 20_000, 'the post to wait for the network');
      await waitFor(
        () => app.command<TrayView>('tray'),
        (tray) => labels(tray).includes('Offline — 1 post waiting'),
        10_000,
        'the tray to say so',
      );
      // Once the first probe failed the next one is seconds away: only the wake can explain an earlier publish.
      const quiet = await waitFor(
        stats,
        (current) => Date.parse(current.connectivity.nextCheckAt ?? '') - Date.now() > 2_500,
        20_000,
        'the next probe to be seconds away',
      );
      const nextProbe = Date.parse(quiet.connectivity.nextCheckAt ?? '');

      await proxy.set('up');
      await app.command('setOnline', { online: true });
      await app.command('power', { event: 'resume' });
      const published = await waitFor(
        async () => (await app.invoke<PostView>('posts:get', { id: created.value?.id })).value,
        (post) => post?.status === 'published',
        10_000,
        'the post to go out after the wake',
      );
      expect(Date.now()).toBeLessThan(nextProbe);
      expect(published?.targets[0]).toMatchObject({ status: 'published', attemptCount: 1, waiting: null });
      expect(x.tweets.map((tweet) => tweet.sentText)).toEqual(['Open from 7']);
      expect((await stats()).connectivity).toMatchObject({ state: 'online', systemOffline: false });
      expect((await app.record()).find((entry) => entry.call === 'powerMonitor resume')).toMatchObject({ listeners: 1 });
    } finally {
      await app.dispose();
      await proxy.close();
      await x.close();
    }
  }, 90_000);
});

describe('a Windows log-off or shutdown', () => {
  it('holds query-session-end and runs the same clean quit', async () => {
    const app = new BootedApp();
    try {
      await app.ready();
      await expectCleanQuit(app, join(app.appData, DEV_DIR), async () => {
        const answer = await app.command<{ prevented: boolean }>('emitWindow', { event: 'query-session-end', reasons: ['logoff'] });
        expect(answer.prevented).toBe(true);
      });
    } finally {
      await app.dispose();
    }
  }, 60_000);
});

describe('--self-test', () => {
  it('publishes through the real queue to its X stand-in, asks through the window and reads its first screen, quits cleanly, prints one JSON line and exits 0', async () => {
    const reportDir = mkdtempSync(join(tmpdir(), 'pe-self-test-report-'));
    const reportFile = join(reportDir, 'report.json');
    const app = new BootedApp({ args: ['--self-test'], env: { PUBLISHING_ENGINE_SELF_TEST_REPORT: reportFile } });
    try {
      const exit = await app.exited;
      const lines = app.stdout.join('').trim().split('\n');
      expect(lines, app.stderr.join('')).toHaveLength(1);
      expect(readFileSync(reportFile, 'utf8')).toBe(`${lines[0]}\n`);
      const report = JSON.parse(lines[0] as string) as { selfTest: string; held: Record<string, Record<string, unknown>> };
      expect(report).toMatchObject({ selfTest: 'passed', platform: process.platform, arch: process.arch });
      expect(Object.keys(report.held)).toEqual(['start', 'engine', 'publish', 'renderer', 'quit']);
      expect(report.held.publish?.url).toMatch(/^https:\/\/x\.com\/i\/web\/status\/\d+$/);
      // When the window's first screen was drawn, as the page marked it (the stand-in's page marks it at 420.4 ms).
      expect(report.held.renderer).toMatchObject({ status: 'published', firstScreenMs: 420, firstScreenAnswered: true });
      expect(exit.code).toBe(0);
      // Its data lived in a temporary directory that is gone now, never in the app's own.
      const dataDir = exit.record.find((entry) => entry.call === 'app.setPath')?.value as string;
      expect(dataDir).toMatch(/publishing-engine-self-test-/);
      expect(existsSync(dataDir)).toBe(false);
      expect(existsSync(join(app.appData, DEV_DIR))).toBe(false);
      expect(indexOfCall(exit.record, 'webContents.executeJavaScript')).toBeGreaterThan(indexOfCall(exit.record, 'BrowserWindow.loadURL'));
      expect(indexOfCall(exit.record, 'dialog.showErrorBox')).toBe(-1);
    } finally {
      await app.dispose();
      rmSync(reportDir, { recursive: true, force: true });
    }
  }, 90_000);
});

describe('a start that fails', () => {
  it('refuses an SQLite module for the wrong Electron with the fix, stops what it started, and exits 1', async () => {
    // As inside an Electron whose module ABI no build here has, so the Electron binding is refused before it loads.
    const app = new BootedApp({ env: { STAND_IN_ELECTRON_VERSION: '45.5.0', STAND_IN_ELECTRON_ABI: '999' } });
    try {
      const exit = await app.exited;
      expect(exit.code).toBe(1);
      const dialog = exit.record.find((entry) => entry.call === 'dialog.showErrorBox');
      expect(dialog?.title).toBe('Publishing Engine could not start');
      expect(dialog?.content).toMatch(/The SQLite module .*Electron 45\.5\.0.*run `npm run setup:desktop`/);
      expect(dialog?.content).not.toMatch(/\n\s+at /);
      expect(indexOfCall(exit.record, 'new BrowserWindow')).toBe(-1);
      expect(socketLeft(join(app.appData, DEV_DIR))).toBe(false);
    } finally {
      await app.dispose();
    }
  }, 60_000);
});
