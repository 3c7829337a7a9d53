// The listeners of each engine event, as both window.api bridges keep them (the Electron preload's and the web tab's).
import { isEventName, type EngineEvents, type EventName } from './events';

type AnyListener = (payload: unknown) => void;

export interface EventListeners {
  /** Adds a listener for a known event; returns what removes it. */
  add<E extends EventName>(event: E, listener: (payload: EngineEvents[E]) => void): () => void;
  /** Hands the payload to every listener of the event; an unknown event name is dropped. */
  dispatch(event: unknown, payload: unknown): void;
}

export function createEventListeners(): EventListeners {
  const listeners = new Map<EventName, Set<AnyListener>>();
  return {
    add(event, listener) {
      const forEvent = listeners.get(event) ?? new Set<AnyListener>();
      listeners.set(event, forEvent);
      const wrapped: AnyListener = (payload) => listener(payload as EngineEvents[typeof event]);
      forEvent.add(wrapped);
      return () => {
        forEvent.delete(wrapped);
      };
    },

    dispatch(event, payload) {
      if (!isEventName(event)) return;
      for (const listener of listeners.get(event) ?? []) {
        // One failing listener must not keep the event from the others.
        try {
          listener(payload);
        } catch (error) {
          console.error(`A listener for ${event} failed`, error);
        }
      }
    },
  };
}
