import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../shared/contract/channels';
import { DEFAULT_SETTINGS, type QueueStats, type Settings } from '../../shared/domain';
import { AppError, type Result } from '../../shared/errors';
import { createEngineApi, type ChannelHandlers } from '../../electron/engine/api/engine-api';
import { EngineEventBus } from '../../electron/engine/events';
import { silentLogger } from '../../electron/engine/logger';
import { bindIpc, ENGINE_EVENT_CHANNEL } from '../../electron/main/ipc/bind';
import { createBridge } from '../../electron/preload/bridge';
import { FakeIpcMain, FakeWebContents, invokeEvent } from './ipc-fakes';
import { pickedFiles } from './picked-files';

const files = pickedFiles();

const APP_URL = 'file:///opt/Publishing%20Engine/resources/app.asar/out/renderer/index.html';

const stats: QueueStats = {
  counts: { waiting: 0, delayed: 2, prioritized: 0, active: 0, completed: 5, failed: 1 },
  paused: false,
  nextPost: { id: 'post-1', text: 'Good morning', scheduledAt: '2026-12-01T08:00:00.000Z' },
  needsAttention: 1,
  posts: { upcoming: { posts: 2, targets: 2 }, publishing: { posts: 0, targets: 0 }, needsAttention: { posts: 1, targets: 1 } },
  waiting: { network: { posts: 0, targets: 0 }, platform: { posts: 0, targets: 0 } },
  connectivity: { state: 'online', offlineSince: null, systemOffline: false, platformsDown: [], nextCheckAt: null },
};

/** A few real handlers behind the real createEngineApi: validation and error mapping are the engine's own. */
function smallEngine() {
  const events = new EngineEventBus();
  let settings: Settings = { ...DEFAULT_SETTINGS };
  const handlers: Partial<ChannelHandlers> = {
    'queue:stats': async () => stats,
    'settings:get': async () => settings,
    'settings:set': async (patch) => {
      settings = { ...settings, ...patch };
      events.emit('settings:changed', { settings });
      return settings;
    },
    'posts:get': async ({ id }) => {
      throw new AppError({ code: 'not_found', message: `No post ${id}.` });
    },
  };
  const api = createEngineApi(() => handlers as ChannelHandlers);
  return { api, events };
}

describe('bindIpc', () => {
  let ipcMain: FakeIpcMain;
  let window: FakeWebContents;
  let engine: ReturnType<typeof smallEngine>;
  let unbind: () => void;

  beforeEach(() => {
    ipcMain = new FakeIpcMain();
    window = new FakeWebContents();
    engine = smallEngine();
    unbind = bindIpc({
      ipcMain,
      api: engine.api,
      events: engine.events,
      sender: { rendererUrl: APP_URL, contents: () => window.asWebContents() },
      log: silentLogger,
    });
  });

  afterEach(() => unbind());

  const fromWindow = (url = APP_URL) => invokeEvent(window, { url });

  it('registers a handler for every contract channel and nothing else', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('returns the value envelope for a good call from the app window', async () => {
    await expect(ipcMain.invoke(fromWindow(), 'queue:stats', {})).resolves.toEqual({ ok: true, value: stats });
    await expect(ipcMain.invoke(fromWindow(`${APP_URL}#/calendar?view=week`), 'settings:get', {})).resolves.toEqual({
      ok: true,
      value: DEFAULT_SETTINGS,
    });
  });

  it('returns the validation envelope with the failing field for bad input', async () => {
    const result = (await ipcMain.invoke(fromWindow(), 'settings:set', { lateToleranceMinutes: -5 })) as Result<unknown>;
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('validation');
    expect(result.error.field).toBe('lateToleranceMinutes');

    const unknownKey = (await ipcMain.invoke(fromWindow(), 'queue:stats', { sneaky: true })) as Result<unknown>;
    expect(unknownKey).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it("carries the engine's typed errors as the error envelope, never as a thrown stack", async () => {
    await expect(ipcMain.invoke(fromWindow(), 'posts:get', { id: 'missing' })).resolves.toEqual({
      ok: false,
      error: { code: 'not_found', message: 'No post missing.' },
    });
  });

  it('refuses frames that are not the main frame of our window on our page', async () => {
    const other = new FakeWebContents();
    const refusals = [
      invokeEvent(other, { url: APP_URL }),
      invokeEvent(window, { url: APP_URL, parent: {} }),
      invokeEvent(window, { url: 'https://evil.example/index.html' }),
      invokeEvent(window, { url: 'file:///home/user/Downloads/index.html' }),
      invokeEvent(window, null),
    ];
    for (const event of refusals) {
      await expect(ipcMain.invoke(event, 'settings:get', {})).rejects.toThrow(/only available to the app's own window/);
    }
  });

  it('refuses every call while there is no window', async () => {
    unbind();
    const windowless = new FakeIpcMain();
    unbind = bindIpc({
      ipcMain: windowless,
      api: engine.api,
      events: engine.events,
      sender: { rendererUrl: APP_URL, contents: () => null },
      log: silentLogger,
    });
    await expect(windowless.invoke(fromWindow(), 'settings:get', {})).rejects.toThrow(/only available/);
  });

  it("forwards the engine's events to the window as {event, payload}", async () => {
    await ipcMain.invoke(fromWindow(), 'settings:set', { notifications: false });
    expect(window.sent).toEqual([
      { channel: ENGINE_EVENT_CHANNEL, message: { event: 'settings:changed', payload: { settings: { ...DEFAULT_SETTINGS, notifications: false } } } },
    ]);
  });

  it('sends nothing to a destroyed window', () => {
    window.destroyed = true;
    engine.events.emit('queue:changed', { stats });
    expect(window.sent).toEqual([]);
  });

  it('undoes everything when unbound', () => {
    unbind();
    expect(ipcMain.handlers.size).toBe(0);
    engine.events.emit('queue:changed', { stats });
    expect(window.sent).toEqual([]);
    unbind = () => undefined;
  });

  it('works end to end with the preload bridge', async () => {
    const api = createBridge(window.rendererIpc(ipcMain, APP_URL), files.pathForFile);
    const changes: Settings[] = [];
    const stop = api.on('settings:changed', ({ settings }) => changes.push(settings));

    await expect(api.invoke('queue:stats', {})).resolves.toEqual({ ok: true, value: stats });
    const saved = await api.invoke('settings:set', { closeToTray: false });
    expect(saved).toEqual({ ok: true, value: { ...DEFAULT_SETTINGS, closeToTray: false } });
    expect(changes).toEqual([{ ...DEFAULT_SETTINGS, closeToTray: false }]);

    stop();
    await api.invoke('settings:set', { closeToTray: true });
    expect(changes).toHaveLength(1);
  });

  it('refuses the bridge when the page has navigated away from the app', async () => {
    const api = createBridge(window.rendererIpc(ipcMain, 'https://evil.example/'), files.pathForFile);
    await expect(api.invoke('queue:stats', {})).rejects.toThrow(/only available/);
  });
});
