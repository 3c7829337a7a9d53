// App-wide data several screens share (accounts, queue stats): loaded once on first use, then kept current by events.
import { useSyncExternalStore } from 'react';
import type { AppError } from '../../../shared/errors';
import { toAppError } from './result';
import type { LoadStatus } from './use-load';

export interface LiveState<T> {
  status: LoadStatus;
  data: T | null;
  error: AppError | null;
}

export interface LiveResource<T> {
  useLive: () => LiveState<T>;
  /** Loads it now, before any screen asks (as the first use would); once. */
  start: () => void;
  reload: () => void;
  /** Change the current value (the answer of an action); ignored before the first load. */
  update: (change: (current: T) => T) => void;
  set: (value: T) => void;
  /**
   * Shows an answer (a reading, or what an action returned) unless an engine event changed the value while it was
   * asked: the engine sends an event after every change, so the event is never older than the state it follows, while
   * the answer may be. Resolves with the answer once it is in; rejects as it does.
   */
  setUnlessPushed: (answer: Promise<T>) => Promise<T>;
  /** Settles once the first load has answered or failed (a start-up waits for it before drawing). */
  firstLoad: Promise<void>;
}

export function createLiveResource<T>(load: () => Promise<T>, connect: (resource: Pick<LiveResource<T>, 'update' | 'set'>) => void): LiveResource<T> {
  let state: LiveState<T> = { status: 'loading', data: null, error: null };
  let started = false;
  let sequence = 0;
  /** How many changes the engine's events have made. */
  let pushed = 0;
  const listeners = new Set<() => void>();
  let settleFirst = (): void => undefined;
  const firstLoad = new Promise<void>((resolve) => {
    settleFirst = resolve;
  });

  const emit = (next: LiveState<T>): void => {
    state = next;
    for (const listener of listeners) listener();
  };
  const update = (change: (current: T) => T): void => {
    if (state.data !== null) emit({ ...state, data: change(state.data) });
  };
  const set = (value: T): void => emit({ status: 'ready', data: value, error: null });
  const reload = (): void => {
    const mine = ++sequence;
    if (state.status !== 'loading') emit({ ...state, status: 'loading', error: null });
    load().then(
      (data) => {
        if (mine === sequence) set(data);
        settleFirst();
      },
      (error: unknown) => {
        if (mine === sequence) emit({ status: 'error', data: state.data, error: toAppError(error) });
        settleFirst();
      },
    );
  };
  const start = (): void => {
    if (started) return;
    started = true;
    connect({
      update: (change) => {
        pushed += 1;
        update(change);
      },
      set: (value) => {
        pushed += 1;
        set(value);
      },
    });
    reload();
  };
  const setUnlessPushed = async (answer: Promise<T>): Promise<T> => {
    const before = pushed;
    const value = await answer;
    if (pushed === before) set(value);
    return value;
  };
  const subscribe = (listener: () => void): (() => void) => {
    listeners.add(listener);
    start();
    return () => listeners.delete(listener);
  };
  const snapshot = (): LiveState<T> => state;

  return {
    useLive: () => useSyncExternalStore(subscribe, snapshot),
    start,
    reload,
    update,
    set,
    setUnlessPushed,
    firstLoad,
  };
}
