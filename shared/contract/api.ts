// The client-side API shape every transport exposes (window.api in the renderer, the CLI's socket client).
import type { Channel, ChannelInput, ChannelOutput } from './channels';
import type { EngineEvents, EventName } from './events';

export interface ClientApi {
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  on<E extends EventName>(event: E, listener: (payload: EngineEvents[E]) => void): () => void;
}

/** What the preload exposes: results stay wrapped so errors keep their shape across contextBridge. */
export interface BridgeApi {
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<import('../errors').Result<ChannelOutput<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EngineEvents[E]) => void): () => void;
  /**
   * An address the page can load an imported media item from (thumbnails, a video's poster frame); absent, or null,
   * where the host serves none.
   */
  mediaPreviewUrl?(id: string): Promise<string | null>;
}
