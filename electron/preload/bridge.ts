// window.api, built over a minimal ipcRenderer: invoke only contract channels, listen only to contract events.
// No electron import here, so it can be tested under plain Node; index.ts passes the real ipcRenderer and webUtils.
import type { BridgeApi, PickedFile } from '../../shared/contract/api';
import { createEventListeners } from '../../shared/contract/event-listeners';
import { isEventName, type EngineEvents, type EventName } from '../../shared/contract/events';
import type { Result } from '../../shared/errors';
import { mediaItemUrl } from '../../shared/media-item-url';
import { isBridgeChannel } from './contract-names';

/** Must match ENGINE_EVENT_CHANNEL in electron/main/ipc/bind.ts (a test wires the two together). */
export const ENGINE_EVENT_CHANNEL = 'engine:event';

/** The most files one pick or drop imports (the contract's limit for media:import). */
const MAX_FILES = 50;

export interface BridgeIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, message: unknown) => void): unknown;
}

/**
 * Electron's webUtils.getPathForFile: the path on disk of a File the user picked or dropped, and '' for any other
 * File (one the page made itself from bytes). It throws for anything that is not a File.
 */
export type PathForFile = (file: PickedFile) => string;

function refused(message: string, field: string): Result<never> {
  return { ok: false, error: { code: 'validation', message, field } };
}

export function createBridge(ipc: BridgeIpc, pathForFile: PathForFile): BridgeApi {
  const listeners = createEventListeners();

  // One IPC subscription for all listeners; the renderer sees only the payload, never Electron's event object.
  ipc.on(ENGINE_EVENT_CHANNEL, (_event, message) => {
    if (typeof message !== 'object' || message === null) return;
    const { event, payload } = message as { event?: unknown; payload?: unknown };
    listeners.dispatch(event, payload);
  });

  return {
    invoke(channel, input) {
      if (!isBridgeChannel(channel)) return Promise.resolve(refused(`Unknown channel "${String(channel)}".`, 'channel'));
      return ipc.invoke(channel, input) as ReturnType<BridgeApi['invoke']>;
    },

    on<E extends EventName>(event: E, listener: (payload: EngineEvents[E]) => void): () => void {
      if (!isEventName(event)) throw new Error(`Unknown event "${String(event)}".`);
      if (typeof listener !== 'function') throw new Error('The listener must be a function.');
      return listeners.add(event, listener);
    },

    // Library files show through main's pe-media: scheme, by id only.
    mediaPreviewUrl(id) {
      return Promise.resolve(typeof id === 'string' && id !== '' ? mediaItemUrl(id) : null);
    },

    // The page never names a path: it hands over File objects, and only those backed by a file the user picked or
    // dropped have one. The engine opens each path again and checks it is a regular file it can read.
    importFiles(files) {
      if (!Array.isArray(files) || files.length === 0) return Promise.resolve(refused('Choose at least one file.', 'files'));
      if (files.length > MAX_FILES) return Promise.resolve(refused(`Add at most ${MAX_FILES} files at once.`, 'files'));
      const paths: string[] = [];
      for (const [index, file] of (files as readonly unknown[]).entries()) {
        const name = typeof (file as { name?: unknown } | null)?.name === 'string' ? (file as PickedFile).name : `File ${index + 1}`;
        let path = '';
        try {
          path = pathForFile(file as PickedFile);
        } catch {
          // Not a File at all: refused below like a File without a path.
        }
        if (typeof path !== 'string' || path === '') {
          return Promise.resolve(
            refused(`${name} is not a file on this computer; choose it with Add files or drop it from a folder.`, `files.${index}`),
          );
        }
        paths.push(path);
      }
      return ipc.invoke('media:import', { paths }) as ReturnType<BridgeApi['importFiles']>;
    },
  };
}
