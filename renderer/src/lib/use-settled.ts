// Acting on what changes in bursts (a bulk import, a reorder, a stream of publishes) once, when the burst settles.
import { useCallback, useEffect, useRef } from 'react';

/** A stable function that runs the latest `run` once its calls have paused for `ms`. */
export function useSettled(run: () => void, ms: number): () => void {
  const latest = useRef(run);
  latest.current = run;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => latest.current(), ms);
  }, [ms]);
}
