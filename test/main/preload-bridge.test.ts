import { describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, LOCAL_PATH_CHANNELS } from '../../shared/contract/channels';
import { EVENT_NAMES } from '../../shared/contract/events';
import type { QueueStats } from '../../shared/domain';
import { createBridge, ENGINE_EVENT_CHANNEL, type BridgeIpc } from '../../electron/preload/bridge';
import { isBridgeChannel } from '../../electron/preload/contract-names';
import { pickedFiles } from './picked-files';

const noPaths = pickedFiles().pathForFile;

/** Records what the bridge asks of ipcRenderer and lets the test push messages from main. */
function recordingIpc() {
  const invoked: Array<{ channel: string; args: unknown[] }> = [];
  const listeners = new Map<string, Array<(event: unknown, message: unknown) => void>>();
  const ipc: BridgeIpc = {
    invoke: async (channel, ...args) => {
      invoked.push({ channel, args });
      return { ok: true, value: `answer from ${channel}` };
    },
    on: (channel, listener) => {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
    },
  };
  const push = (message: unknown) => {
    for (const listener of listeners.get(ENGINE_EVENT_CHANNEL) ?? []) listener({ senderId: 0 }, message);
  };
  return { ipc, invoked, listeners, push };
}

const stats: QueueStats = {
  counts: { waiting: 0, delayed: 1, prioritized: 0, active: 0, completed: 0, failed: 0 },
  paused: false,
  nextPost: null,
  needsAttention: 0,
  posts: { upcoming: { posts: 1, targets: 1 }, publishing: { posts: 0, targets: 0 }, needsAttention: { posts: 0, targets: 0 } },
  waiting: { network: { posts: 0, targets: 0 }, platform: { posts: 0, targets: 0 } },
  connectivity: { state: 'online', offlineSince: null, systemOffline: false, platformsDown: [], nextCheckAt: null },
};

describe('contract channel names in the preload', () => {
  it('match the contract exactly, leaving out the channels that take paths on this machine', () => {
    for (const channel of CHANNEL_NAMES) expect(isBridgeChannel(channel)).toBe(!LOCAL_PATH_CHANNELS.includes(channel));
    for (const name of ['engine:event', 'posts:drop', '__proto__', 'toString', 'constructor', '', 42, null]) {
      expect(isBridgeChannel(name)).toBe(false);
    }
  });
});

describe('createBridge', () => {
  it('invokes contract channels with the input and returns the envelope unchanged', async () => {
    const { ipc, invoked } = recordingIpc();
    const api = createBridge(ipc, noPaths);
    await expect(api.invoke('posts:get', { id: 'p1' })).resolves.toEqual({ ok: true, value: 'answer from posts:get' });
    expect(invoked).toEqual([{ channel: 'posts:get', args: [{ id: 'p1' }] }]);
  });

  it('answers a non-contract channel with a validation envelope and never sends it', async () => {
    const { ipc, invoked } = recordingIpc();
    const api = createBridge(ipc, noPaths);
    const invokeAny = api.invoke as (channel: string, input: unknown) => Promise<unknown>;
    await expect(invokeAny('engine:event', {})).resolves.toEqual({
      ok: false,
      error: { code: 'validation', message: 'Unknown channel "engine:event".', field: 'channel' },
    });
    await expect(invokeAny('__proto__', {})).resolves.toMatchObject({ ok: false });
    expect(invoked).toEqual([]);
  });

  it('listens on one IPC channel however many listeners there are', () => {
    const { ipc, listeners } = recordingIpc();
    const api = createBridge(ipc, noPaths);
    for (const event of EVENT_NAMES) api.on(event, () => undefined);
    expect([...listeners.keys()]).toEqual([ENGINE_EVENT_CHANNEL]);
    expect(listeners.get(ENGINE_EVENT_CHANNEL)).toHaveLength(1);
  });

  it("delivers only the payload, only to that event's listeners, until unsubscribed", () => {
    const { ipc, push } = recordingIpc();
    const api = createBridge(ipc, noPaths);
    const seen: unknown[][] = [];
    const stop = api.on('queue:changed', (...args: unknown[]) => seen.push(args));
    api.on('post:deleted', () => seen.push(['wrong listener']));

    push({ event: 'queue:changed', payload: { stats } });
    expect(seen).toEqual([[{ stats }]]);

    stop();
    push({ event: 'queue:changed', payload: { stats } });
    expect(seen).toHaveLength(1);
  });

  it('gives the same listener added twice two independent subscriptions', () => {
    const { ipc, push } = recordingIpc();
    const api = createBridge(ipc, noPaths);
    let calls = 0;
    const listener = () => calls++;
    const first = api.on('post:deleted', listener);
    api.on('post:deleted', listener);
    first();
    push({ event: 'post:deleted', payload: { postId: 'p1' } });
    expect(calls).toBe(1);
  });

  it('ignores malformed messages and unknown events', () => {
    const { ipc, push } = recordingIpc();
    const api = createBridge(ipc, noPaths);
    const seen: unknown[] = [];
    api.on('post:deleted', (payload) => seen.push(payload));
    for (const message of [null, 'post:deleted', 42, {}, { event: 'post:exploded', payload: {} }, { event: ['post:deleted'] }]) push(message);
    expect(seen).toEqual([]);
  });

  it('keeps delivering to the other listeners when one throws', () => {
    const { ipc, push } = recordingIpc();
    const api = createBridge(ipc, noPaths);
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const seen: string[] = [];
    api.on('post:deleted', () => {
      throw new Error('listener bug');
    });
    api.on('post:deleted', ({ postId }) => seen.push(postId));
    push({ event: 'post:deleted', payload: { postId: 'p9' } });
    expect(seen).toEqual(['p9']);
    expect(consoleError).toHaveBeenCalledOnce();
    consoleError.mockRestore();
  });

  it('refuses to subscribe to a non-contract event or without a function', () => {
    const { ipc } = recordingIpc();
    const api = createBridge(ipc, noPaths);
    const onAny = api.on as (event: string, listener: unknown) => () => void;
    expect(() => onAny('engine:event', () => undefined)).toThrow(/Unknown event/);
    expect(() => onAny('post:deleted', 'not a function')).toThrow(/must be a function/);
  });
});

describe('importFiles', () => {
  it('sends media:import with the paths of the files the user picked, in order', async () => {
    const { ipc, invoked } = recordingIpc();
    const files = pickedFiles();
    const api = createBridge(ipc, files.pathForFile);
    const result = await api.importFiles([files.pick('/home/ana/Pictures/launch.jpg'), files.pick('/home/ana/Videos/teaser.mp4')]);
    expect(result).toEqual({ ok: true, value: 'answer from media:import' });
    expect(invoked).toEqual([{ channel: 'media:import', args: [{ paths: ['/home/ana/Pictures/launch.jpg', '/home/ana/Videos/teaser.mp4'] }] }]);
  });

  it('refuses a File the page made itself, or anything that is not a File, and asks main nothing', async () => {
    const { ipc, invoked } = recordingIpc();
    const files = pickedFiles();
    const api = createBridge(ipc, files.pathForFile);
    await expect(api.importFiles([files.pick('/home/ana/a.jpg'), files.made('b.jpg')])).resolves.toEqual({
      ok: false,
      error: { code: 'validation', field: 'files.1', message: expect.stringMatching(/^b\.jpg is not a file on this computer/) },
    });
    const importAny = api.importFiles as (files: unknown) => ReturnType<typeof api.importFiles>;
    await expect(importAny(['/home/ana/.ssh/id_ed25519'])).resolves.toMatchObject({ ok: false, error: { field: 'files.0' } });
    await expect(importAny([{ name: 'x.jpg', size: 1, path: '/etc/shadow' }])).resolves.toMatchObject({ ok: false, error: { field: 'files.0' } });
    await expect(importAny('/etc/passwd')).resolves.toMatchObject({ ok: false, error: { field: 'files' } });
    await expect(importAny([])).resolves.toMatchObject({ ok: false, error: { field: 'files' } });
    const many = Array.from({ length: 51 }, (_, index) => files.pick(`/home/ana/${index}.jpg`));
    await expect(api.importFiles(many)).resolves.toMatchObject({ ok: false, error: { field: 'files', message: 'Add at most 50 files at once.' } });
    expect(invoked).toEqual([]);
  });
});
