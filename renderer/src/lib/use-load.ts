// Load data for a view with loading, error and reload; a newer request always wins over a slower older one.
import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import type { AppError } from '../../../shared/errors';
import { toAppError } from './result';

export type LoadStatus = 'loading' | 'ready' | 'error';

export interface Loaded<T> {
  status: LoadStatus;
  /** The last value loaded; kept while reloading so a screen does not flash empty. */
  data: T | null;
  error: AppError | null;
  reload: () => void;
  /** Change the loaded value in place (live events, the answer of an action). */
  update: (change: (current: T) => T) => void;
}

export function useLoad<T>(load: () => Promise<T>, deps: DependencyList): Loaded<T> {
  const [state, setState] = useState<{ status: LoadStatus; data: T | null; error: AppError | null }>({
    status: 'loading',
    data: null,
    error: null,
  });
  const [attempt, setAttempt] = useState(0);
  const sequence = useRef(0);
  const loader = useRef(load);
  loader.current = load;

  useEffect(() => {
    const mine = ++sequence.current;
    setState((previous) => ({ status: 'loading', data: previous.data, error: null }));
    loader.current().then(
      (data) => {
        if (mine === sequence.current) setState({ status: 'ready', data, error: null });
      },
      (error: unknown) => {
        if (mine === sequence.current) setState((previous) => ({ status: 'error', data: previous.data, error: toAppError(error) }));
      },
    );
    // `deps` stands in for what `load` reads, as with useEffect.
  }, [...deps, attempt]);

  const reload = useCallback(() => setAttempt((value) => value + 1), []);
  const update = useCallback((change: (current: T) => T) => {
    setState((previous) => (previous.data === null ? previous : { ...previous, data: change(previous.data) }));
  }, []);
  return { ...state, reload, update };
}
