// Subscribe a component to one engine event for as long as it is mounted; the latest listener always runs.
import { useEffect, useRef } from 'react';
import type { EngineEvents, EventName } from '../../../shared/contract/events';
import { onEngineEvent } from './api';

export function useEngineEvent<E extends EventName>(event: E, listener: (payload: EngineEvents[E]) => void): void {
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => onEngineEvent(event, (payload) => latest.current(payload)), [event]);
}
