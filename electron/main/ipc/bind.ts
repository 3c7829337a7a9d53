// The only code that touches ipcMain: one handler per contract channel, each checking the sender and passing the
// input to the engine's api (which validates it and never throws), and the engine's events pushed to the window.
import type { IpcMain } from 'electron';
import { CHANNEL_NAMES } from '../../../shared/contract/channels';
import type { EngineEvents, EventName } from '../../../shared/contract/events';
import type { EngineApi } from '../../engine/api/engine-api';
import type { EngineEventBus } from '../../engine/events';
import type { Logger } from '../../engine/logger';
import { isTrustedSender, type SenderCheck } from './trusted-sender';

/** The one IPC channel engine events travel on; the preload listens on the same name. */
export const ENGINE_EVENT_CHANNEL = 'engine:event';

export interface EngineEventMessage<E extends EventName = EventName> {
  event: E;
  payload: EngineEvents[E];
}

export interface BindIpcOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  api: Pick<EngineApi, 'call'>;
  events: Pick<EngineEventBus, 'onAny'>;
  sender: SenderCheck;
  log: Logger;
}

/** Binds every channel and starts forwarding events; the returned function undoes both. */
export function bindIpc(options: BindIpcOptions): () => void {
  const { ipcMain, api, events, sender, log } = options;

  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, async (event, input: unknown) => {
      if (!isTrustedSender(event, sender)) {
        log.warn(`IPC: refused ${channel} from ${event.senderFrame?.url ?? 'a frame that is gone'}`);
        throw new Error(`${channel} is only available to the app's own window.`);
      }
      return api.call(channel, input);
    });
  }

  const stopForwarding = events.onAny((event, payload) => {
    const contents = sender.contents();
    if (contents === null || contents.isDestroyed()) return;
    const message: EngineEventMessage = { event, payload };
    contents.send(ENGINE_EVENT_CHANNEL, message);
  });

  return () => {
    stopForwarding();
    for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(channel);
  };
}
