// The IPC binding over a real engine, fed what a compromised or buggy renderer could send through ipcRenderer.invoke:
// any structured-cloneable value on any channel, from the app's frame or from frames that must be refused. Every
// call settles (an answer, or a refusal for a foreign frame), nothing escapes to the process, and nothing changes.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, type Channel, type ChannelInput, type ChannelOutput } from '../../shared/contract/channels';
import type { Engine } from '../../electron/engine/engine';
import { silentLogger } from '../../electron/engine/logger';
import { bindIpc } from '../../electron/main/ipc/bind';
import { accepted, engineState } from '../helpers/fuzz';
import { addAccount, makeDataDir, removeDataDir, startTestEngine } from '../helpers/test-engine';
import { FakeIpcMain, FakeWebContents, invokeEvent, type FakeFrame } from './ipc-fakes';

const APP_URL = 'file:///opt/pe/resources/app.asar/out/renderer/index.html';

let dataDir: string;
let engine: Engine;
let ipcMain: FakeIpcMain;
let window: FakeWebContents;
let unbind: () => void;
let before: unknown;

const invoke = <C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> => engine.api.invoke(channel, input);

beforeAll(async () => {
  dataDir = makeDataDir();
  engine = await startTestEngine({ dataDir });
  ipcMain = new FakeIpcMain();
  window = new FakeWebContents();
  unbind = bindIpc({
    ipcMain,
    api: engine.api,
    events: engine.events,
    sender: { rendererUrl: APP_URL, contents: () => window.asWebContents() },
    log: silentLogger,
  });
  const account = await addAccount(engine, 'twitter');
  await invoke('posts:create', { text: 'Kept as it is', mode: 'draft', targets: [{ accountId: account.id }] });
  before = await engineState(invoke);
});

afterAll(async () => {
  unbind?.();
  await engine?.stop();
  if (dataDir) removeDataDir(dataDir);
});

/** What the renderer could hand to ipcRenderer.invoke: anything the structured clone algorithm carries. */
const cloneable = fc.anything({
  maxDepth: 4,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withSparseArray: true,
  withNullPrototype: true,
  withBoxedValues: true,
});

describe('IPC fuzzing', () => {
  it('answers any refused input from the app frame with a validation error, and changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CHANNEL_NAMES), cloneable, fc.array(cloneable, { maxLength: 2 }), async (channel, input, extra) => {
        const cloned = structuredClone(input);
        fc.pre(!accepted(channel, cloned));
        const answer = await ipcMain.invoke(invokeEvent(window, { url: APP_URL }), channel, cloned, ...structuredClone(extra));
        expect(answer).toMatchObject({ ok: false, error: { code: 'validation', message: expect.any(String) } });
        // Every answer crosses back through structured clone too.
        expect(() => structuredClone(answer)).not.toThrow();
      }),
      { numRuns: 400 },
    );
    expect(await engineState(invoke)).toEqual(before);
  });

  it('refuses every call from a frame that is not the app, whatever it sends', async () => {
    const foreign = fc.constantFrom<FakeFrame | null>(
      null,
      { url: 'https://evil.example/' },
      { url: APP_URL, parent: {} },
      { url: 'file:///tmp/index.html' },
      { url: 'not a url' },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CHANNEL_NAMES), cloneable, foreign, async (channel, input, frame) => {
        await expect(ipcMain.invoke(invokeEvent(window, frame), channel, structuredClone(input))).rejects.toThrow(/only available/);
        const stranger = new FakeWebContents();
        await expect(ipcMain.invoke(invokeEvent(stranger, { url: APP_URL }), channel, structuredClone(input))).rejects.toThrow(/only available/);
      }),
      { numRuns: 200 },
    );
    expect(await engineState(invoke)).toEqual(before);
  });
});
