// Fixed-window request counters as platforms keep them: a limit per window per key (endpoint + user).

export interface WindowState {
  limit: number;
  remaining: number;
  /** Epoch ms when the window resets. */
  resetAt: number;
}

export class RateLimitWindows {
  private readonly windows = new Map<string, WindowState>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Counts one request; returns the window after it, or `exceeded` when no request was left. */
  hit(key: string, limit: number, windowMs: number): { state: WindowState; exceeded: boolean } {
    let state = this.windows.get(key);
    if (!state || state.resetAt <= this.now()) {
      state = { limit, remaining: limit, resetAt: this.now() + windowMs };
      this.windows.set(key, state);
    }
    if (state.remaining <= 0) return { state, exceeded: true };
    state.remaining -= 1;
    return { state, exceeded: false };
  }

  /** Uses up the window for `key` until `resetAt`. */
  exhaust(key: string, limit: number, resetAt: number): void {
    this.windows.set(key, { limit, remaining: 0, resetAt });
  }
}
