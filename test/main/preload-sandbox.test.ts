// The built preload (out/preload/index.js) evaluated as Electron's sandboxed preload runs it: in a context of its own
// with no Node globals, where require serves only 'electron'. It must load there, expose window.api and nothing
// else, and speak only contract channels and events.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../shared/contract/channels';
import type { BridgeApi } from '../../shared/contract/api';
import { ENGINE_EVENT_CHANNEL } from '../../electron/main/ipc/bind';
import { isBridgeChannel } from '../../electron/preload/contract-names';
import { repoRoot, requireBuild } from '../e2e/support/build-output';
import { pickedFiles } from './picked-files';

const preloadBundle = join(repoRoot, 'out', 'preload', 'index.js');

describe('the built preload in a sandboxed context', () => {
  const required: string[] = [];
  const exposed: Record<string, unknown> = {};
  const invoked: unknown[][] = [];
  const listeners = new Map<string, (event: unknown, message: unknown) => void>();
  const files = pickedFiles();
  let api: BridgeApi;

  beforeAll(() => {
    requireBuild();
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
      ipcRenderer: {
        invoke: async (...args: unknown[]) => {
          invoked.push(args);
          return { ok: true, value: 'from main' };
        },
        on: (channel: string, listener: (event: unknown, message: unknown) => void) => listeners.set(channel, listener),
      },
      webUtils: { getPathForFile: files.pathForFile },
    };
    const requireOnlyElectron = (name: string) => {
      required.push(name);
      if (name === 'electron') return electron;
      throw new Error(`module not found: ${name}`);
    };
    const module = { exports: {} };
    // No process, Buffer, console or timers: the bundle must not need them to load.
    const context = vm.createContext({});
    const wrapper = vm.runInContext(`(function (require, module, exports) {${readFileSync(preloadBundle, 'utf8')}\n})`, context, {
      filename: preloadBundle,
    }) as (require: (name: string) => unknown, module: { exports: object }, exports: object) => void;
    wrapper(requireOnlyElectron, module, module.exports);
    api = exposed.api as BridgeApi;
  });

  it("requires only 'electron' and exposes only window.api, with invoke, on, importFiles and mediaPreviewUrl", () => {
    expect(required).toEqual(['electron']);
    expect(Object.keys(exposed)).toEqual(['api']);
    expect(Object.keys(api).sort()).toEqual(['importFiles', 'invoke', 'mediaPreviewUrl', 'on']);
    expect(Object.values(api).every((member) => typeof member === 'function')).toBe(true);
    expect([...listeners.keys()]).toEqual([ENGINE_EVENT_CHANNEL]);
  });

  it('forwards the contract channels the page may name to ipcRenderer.invoke, and refuses anything else without asking main', async () => {
    const open = CHANNEL_NAMES.filter((channel) => isBridgeChannel(channel));
    expect(open.length).toBeGreaterThan(0);
    for (const channel of open) await expect(api.invoke(channel, {} as never)).resolves.toEqual({ ok: true, value: 'from main' });
    expect(invoked.map(([channel]) => channel)).toEqual(open);
    invoked.length = 0;
    await expect(api.invoke('shell:openExternal' as never, {} as never)).resolves.toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'channel' },
    });
    expect(invoked).toEqual([]);
  });

  it('hands contract events to their listeners, payload only, and refuses unknown event names', () => {
    const seen: unknown[] = [];
    const stop = api.on('post:deleted', (payload) => seen.push(payload));
    const fromMain = listeners.get(ENGINE_EVENT_CHANNEL) as (event: unknown, message: unknown) => void;
    fromMain({ sender: 'main' }, { event: 'post:deleted', payload: { postId: 'p1' } });
    fromMain({ sender: 'main' }, { event: 'not:an-event', payload: {} });
    stop();
    fromMain({ sender: 'main' }, { event: 'post:deleted', payload: { postId: 'p2' } });
    expect(seen).toEqual([{ postId: 'p1' }]);
    expect(() => api.on('window:open' as never, () => undefined)).toThrow(/Unknown event/);
  });

  it('imports picked files by their path through webUtils, and refuses a File without one before asking main', async () => {
    invoked.length = 0;
    await expect(api.importFiles([files.pick('/home/ana/launch.jpg')])).resolves.toEqual({ ok: true, value: 'from main' });
    expect(invoked).toEqual([['media:import', { paths: ['/home/ana/launch.jpg'] }]]);
    invoked.length = 0;
    await expect(api.importFiles([files.made('pasted.png')])).resolves.toMatchObject({ ok: false, error: { field: 'files.0' } });
    expect(invoked).toEqual([]);
  });
});
