// The renderer's only door to the engine: window.api, with Results unwrapped into values or thrown AppErrors.
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/contract/channels';
import type { EngineEvents, EventName } from '../../../shared/contract/events';
import { AppError } from '../../../shared/errors';
import { unwrapResult } from './result';

function bridge(): Window['api'] {
  const api = (window as Partial<Window>).api;
  if (!api) {
    throw new AppError({ code: 'engine_unavailable', message: 'The publishing engine is not connected. Restart the app.' });
  }
  return api;
}

export async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const api = bridge();
  let result: Awaited<ReturnType<typeof api.invoke<C>>>;
  try {
    result = await api.invoke(channel, input);
  } catch {
    throw new AppError({ code: 'engine_unavailable', message: 'The publishing engine did not answer. Try again in a moment.' });
  }
  return unwrapResult(result);
}

export function onEngineEvent<E extends EventName>(event: E, listener: (payload: EngineEvents[E]) => void): () => void {
  const api = (window as Partial<Window>).api;
  return api ? api.on(event, listener) : () => undefined;
}
