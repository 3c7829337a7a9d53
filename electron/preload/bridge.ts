// window.api, built over a minimal ipcRenderer: invoke only contract channels, listen only to contract events.
// No electron import here, so it can be tested under plain Node; index.ts passes the real ipcRenderer.
import type { BridgeApi } from '../../shared/contract/api';
import { createEventListeners } from '../../shared/contract/event-listeners';
import { isEventName, type EngineEvents, type EventName } from '../../shared/contract/events';
import type { Result } from '../../shared/errors';
import { isBridgeChannel } from './contract-names';

/** Must match ENGINE_EVENT_CHANNEL in electron/main/ipc/bind.ts (a test wires the two together). */
export const ENGINE_EVENT_CHANNEL = 'engine:event';

export interface BridgeIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, message: unknown) => void): unknown;
}

export function createBridge(ipc: BridgeIpc): BridgeApi {
  const listeners = createEventListeners();

  // One IPC subscription for all listeners; the renderer sees only the payload, never Electron's event object.
  ipc.on(ENGINE_EVENT_CHANNEL, (_event, message) => {
    if (typeof message !== 'object' || message === null) return;
    const { event, payload } = message as { event?: unknown; payload?: unknown };
    listeners.dispatch(event, payload);
  });

  return {
    invoke(channel, input) {
      if (!isBridgeChannel(channel)) {
        const refused: Result<never> = {
          ok: false,
          error: { code: 'validation', message: `Unknown channel "${String(channel)}".`, field: 'channel' },
        };
        return Promise.resolve(refused);
      }
      return ipc.invoke(channel, input) as ReturnType<BridgeApi['invoke']>;
    },

    on<E extends EventName>(event: E, listener: (payload: EngineEvents[E]) => void): () => void {
      if (!isEventName(event)) throw new Error(`Unknown event "${String(event)}".`);
      if (typeof listener !== 'function') throw new Error('The listener must be a function.');
      return listeners.add(event, listener);
    },
  };
}
