// Stand-ins for Electron's own objects (ipcMain, ipcRenderer, webContents, frames), which cannot load under plain
// Node. Our code under test is real; only Electron's side of the wire is simulated.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { BridgeIpc } from '../../electron/preload/bridge';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

export class FakeIpcMain implements Pick<IpcMain, 'handle' | 'removeHandler'> {
  readonly handlers = new Map<string, Handler>();

  handle(channel: string, listener: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** What Electron does for ipcRenderer.invoke: the handler's value, or a rejection when none is registered. */
  async invoke(event: IpcMainInvokeEvent, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  }
}

export class FakeWebContents {
  readonly sent: Array<{ channel: string; message: unknown }> = [];
  destroyed = false;
  private readonly listeners = new Map<string, Array<(event: unknown, message: unknown) => void>>();

  send(channel: string, message: unknown): void {
    // Electron serialises with the structured clone algorithm: a payload must survive it.
    const cloned = structuredClone(message);
    this.sent.push({ channel, message: cloned });
    for (const listener of this.listeners.get(channel) ?? []) listener({ sender: 'ipc-renderer-event' }, cloned);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** The renderer side of this contents: an ipcRenderer whose invoke goes to `ipcMain` from `frameUrl`. */
  rendererIpc(ipcMain: FakeIpcMain, frameUrl: string): BridgeIpc {
    return {
      invoke: (channel, ...args) => ipcMain.invoke(invokeEvent(this, { url: frameUrl }), channel, ...structuredClone(args)),
      on: (channel, listener) => {
        this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
      },
    };
  }

  asWebContents(): WebContents {
    return this as unknown as WebContents;
  }
}

export interface FakeFrame {
  url: string;
  /** Null for a main frame; any object for an iframe. */
  parent?: object | null;
}

export function invokeEvent(sender: FakeWebContents, frame: FakeFrame | null): IpcMainInvokeEvent {
  const senderFrame = frame === null ? null : { url: frame.url, parent: frame.parent ?? null };
  return { sender: sender.asWebContents(), senderFrame } as unknown as IpcMainInvokeEvent;
}
