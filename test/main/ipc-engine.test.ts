// The IPC glue over a real engine (real redis-server, real SQLite in a temp dir): what the window and the tray
// get from the engine through bindIpc and the preload bridge.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BridgeApi } from '../../shared/contract/api';
import type { QueueStats, Settings } from '../../shared/domain';
import type { Engine } from '../../electron/engine/engine';
import { silentLogger } from '../../electron/engine/logger';
import { bindIpc } from '../../electron/main/ipc/bind';
import { trayIconVariant, trayMenuModel } from '../../electron/main/tray-model';
import { createBridge } from '../../electron/preload/bridge';
import { addAccount, makeDataDir, removeDataDir, startTestEngine } from '../helpers/test-engine';
import { waitFor } from '../helpers/wait-for';
import { repoRoot } from '../e2e/support/build-output';
import { FakeIpcMain, FakeWebContents } from './ipc-fakes';
import { pickedFiles } from './picked-files';

const files = pickedFiles();
const fixture = (name: string) => join(repoRoot, 'test', 'fixtures', 'media', name);

const APP_URL = 'file:///opt/pe/resources/app.asar/out/renderer/index.html';

describe('IPC over a real engine', () => {
  let dataDir: string;
  let engine: Engine;
  let unbind: () => void;
  let window: FakeWebContents;
  let api: BridgeApi;

  beforeAll(async () => {
    dataDir = makeDataDir();
    engine = await startTestEngine({ dataDir });
    const ipcMain = new FakeIpcMain();
    window = new FakeWebContents();
    unbind = bindIpc({
      ipcMain,
      api: engine.api,
      events: engine.events,
      sender: { rendererUrl: APP_URL, contents: () => window.asWebContents() },
      log: silentLogger,
    });
    api = createBridge(window.rendererIpc(ipcMain, APP_URL), files.pathForFile);
  });

  afterAll(async () => {
    unbind?.();
    await engine?.stop();
    if (dataDir) removeDataDir(dataDir);
  });

  it('saves settings and tells the window (main follows the same event)', async () => {
    const changes: Settings[] = [];
    const stop = api.on('settings:changed', ({ settings }) => changes.push(settings));
    const saved = await api.invoke('settings:set', { notifications: false, startAtLogin: true });
    expect(saved).toMatchObject({ ok: true, value: { notifications: false, startAtLogin: true } });
    await waitFor(
      () => changes,
      (seen) => seen.length === 1,
      10_000,
      'settings:changed',
    );
    expect(changes[0]).toMatchObject({ notifications: false, startAtLogin: true });
    await expect(engine.settings()).resolves.toMatchObject({ notifications: false, startAtLogin: true });
    stop();
  });

  it('returns the validation envelope for bad input', async () => {
    const result = await api.invoke('posts:create', { text: 'Hi', targets: [], mode: 'draft' });
    expect(result).toMatchObject({ ok: false, error: { code: 'validation', field: 'targets' } });
  });

  it('gives the tray its next post, and pause/resume through the queue channels', async () => {
    const account = await addAccount(engine, 'twitter');
    const due = new Date(Date.now() + 3 * 24 * 60 * 60 * 1000).toISOString();
    const created = await api.invoke('posts:create', {
      text: 'Launch day is coming',
      targets: [{ accountId: account.id }],
      mode: 'schedule',
      scheduledAt: due,
    });
    expect(created.ok).toBe(true);

    const stats = await api.invoke('queue:stats', {});
    if (!stats.ok) throw new Error(stats.error.message);
    expect(stats.value.nextPost?.text).toBe('Launch day is coming');
    const menu = trayMenuModel(stats.value, { locale: 'en-GB', timeZone: 'UTC' });
    expect(menu[0]).toMatchObject({ kind: 'item', enabled: false });
    expect(menu[0]?.kind === 'item' && menu[0].label).toMatch(/^Next: .+ — Launch day is coming$/);
    expect(trayIconVariant(stats.value)).toBe('normal');

    const queueEvents: QueueStats[] = [];
    const stop = api.on('queue:changed', ({ stats: next }) => queueEvents.push(next));
    const paused = await api.invoke('queue:pause', {});
    expect(paused).toMatchObject({ ok: true, value: { paused: true } });
    if (paused.ok) expect(trayMenuModel(paused.value).some((item) => item.kind === 'item' && item.action === 'resume')).toBe(true);
    const resumed = await api.invoke('queue:resume', {});
    expect(resumed).toMatchObject({ ok: true, value: { paused: false } });
    await waitFor(
      () => queueEvents,
      (seen) => seen.length > 0,
      10_000,
      'queue:changed',
    );
    stop();
  });

  it('catches up after sleep without failing, with no summary when nothing was due', async () => {
    await expect(engine.wake()).resolves.toBeNull();
  });

  it('imports the files the user picked through the engine, which checks each again and stores nothing of a bad batch', async () => {
    const folder = await api.importFiles([files.pick(fixture('tiny.jpg')), files.pick(join(repoRoot, 'test', 'fixtures', 'media'))]);
    expect(folder).toMatchObject({ ok: false, error: { code: 'validation', field: 'paths.1', message: 'media is a folder, not a file.' } });
    await expect(api.invoke('media:list', {})).resolves.toMatchObject({ ok: true, value: { items: [], totalBytes: 0 } });

    const imported = await api.importFiles([files.pick(fixture('tiny.jpg')), files.pick(fixture('tiny.mp4'))]);
    expect(imported).toMatchObject({
      ok: true,
      value: [
        { name: 'tiny.jpg', kind: 'image', mimeType: 'image/jpeg', width: 64, height: 48 },
        { name: 'tiny.mp4', kind: 'video', mimeType: 'video/mp4', width: 160, height: 90, durationMs: 1000 },
      ],
    });
  });
});
