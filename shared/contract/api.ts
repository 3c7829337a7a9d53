// The client-side API shape every transport exposes (window.api in the renderer, the CLI's socket client).
import type { Result } from '../errors';
import type { MediaItemView } from '../media-item';
import type { Channel, ChannelInput, ChannelOutput } from './channels';
import type { EngineEvents, EventName } from './events';

export interface ClientApi {
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  on<E extends EventName>(event: E, listener: (payload: EngineEvents[E]) => void): () => void;
}

/** A file the user picked or dropped, as the page holds it (a DOM `File`): shared names no DOM type. */
export interface PickedFile {
  readonly name: string;
  readonly size: number;
}

/** What the preload exposes: results stay wrapped so errors keep their shape across contextBridge. */
export interface BridgeApi {
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EngineEvents[E]) => void): () => void;
  /**
   * An address the page can load an imported media item from (thumbnails, a video's poster frame); absent, or null,
   * where the host serves none.
   */
  mediaPreviewUrl?(id: string): Promise<string | null>;
  /**
   * Imports files the user picked or dropped into the media library, in order. The desktop app hands the engine
   * their paths on disk (only files that came from the user's pick); a browser tab uploads their bytes.
   */
  importFiles(files: readonly PickedFile[]): Promise<Result<MediaItemView[]>>;
}
