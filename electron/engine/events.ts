// The engine's typed event bus: the UI (over IPC or the web bridge) and the CLI (over the control socket) follow it.
import { EventEmitter } from 'node:events';
import type { EngineEvents, EventName } from '../../shared/contract/events';

export type AnyEventListener = <E extends EventName>(event: E, payload: EngineEvents[E]) => void;

export class EngineEventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every connected client subscribes once; dozens of clients are normal.
    this.emitter.setMaxListeners(0);
  }

  emit<E extends EventName>(event: E, payload: EngineEvents[E]): void {
    this.emitter.emit(event, payload);
    this.emitter.emit('*', event, payload);
  }

  on<E extends EventName>(event: E, listener: (payload: EngineEvents[E]) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  /** Every event, for transports that forward all of them. */
  onAny(listener: AnyEventListener): () => void {
    this.emitter.on('*', listener);
    return () => this.emitter.off('*', listener);
  }
}
