// Waiting for a platform to finish processing media: ask, wait, ask again, give up after a while.
import { RetryableError, type PublishError } from '../errors';
import { sleep } from './sleep';

export interface PollOptions<T> {
  /** Pause before the next check; may depend on the last state (X's `check_after_secs`). */
  intervalMs: number | ((state: T) => number);
  timeoutMs: number;
  signal?: AbortSignal;
  now?: () => number;
  /** The error when time runs out; default a RetryableError saying `what` took too long. */
  onTimeout?: (last: T) => PublishError;
  /** What is being waited for, for the default timeout message: "X is still processing the video". */
  what?: string;
}

/** Calls `check` until `isDone` holds for its result, then returns that result. `check` may throw to stop early. */
export async function pollUntil<T>(check: () => Promise<T>, isDone: (state: T) => boolean, options: PollOptions<T>): Promise<T> {
  const now = options.now ?? Date.now;
  const deadline = now() + options.timeoutMs;
  for (;;) {
    const state = await check();
    if (isDone(state)) return state;
    const wait = typeof options.intervalMs === 'function' ? options.intervalMs(state) : options.intervalMs;
    if (now() + wait > deadline) {
      throw (
        options.onTimeout?.(state) ??
        new RetryableError(`${options.what ?? 'Processing'} took longer than ${Math.round(options.timeoutMs / 1000)} s.`)
      );
    }
    await sleep(wait, options.signal);
  }
}
