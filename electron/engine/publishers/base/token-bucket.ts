// The app's own posting limit per platform and account, so a burst of scheduled posts never trips the platform's
// spam limits. An empty bucket says when to come back instead of holding a worker for minutes.
import { RateLimitedError } from '../errors';
import type { PostingLimit } from './publisher-config';
import { sleep } from './sleep';

interface BucketState {
  tokens: number;
  updatedAt: number;
}

export interface TokenBucketOptions extends PostingLimit {
  now?: () => number;
  /** Waits up to this long for a token instead of throwing; default 2 s. */
  maxWaitMs?: number;
}

/** One token bucket per key (platform + account). */
export class TokenBuckets {
  private readonly buckets = new Map<string, BucketState>();
  private readonly now: () => number;
  private readonly maxWaitMs: number;

  constructor(private readonly options: TokenBucketOptions) {
    this.now = options.now ?? Date.now;
    this.maxWaitMs = options.maxWaitMs ?? 2_000;
  }

  /** Takes a token for `key`: at once, after a short wait, or throws RateLimitedError with the time one is due. */
  async take(key: string, label: string, signal?: AbortSignal): Promise<void> {
    const state = this.refill(key);
    if (state.tokens >= 1) {
      state.tokens -= 1;
      return;
    }
    const waitMs = Math.ceil((1 - state.tokens) * this.options.refillEveryMs);
    if (waitMs > this.maxWaitMs) {
      throw new RateLimitedError(
        `${label}: this account reached the app's posting limit (${this.options.capacity} posts in a row); it will post again shortly.`,
        this.now() + waitMs,
      );
    }
    await sleep(waitMs, signal);
    await this.take(key, label, signal);
  }

  /** Returns a token taken for a try that reached nothing (no network): no post came of it. */
  giveBack(key: string): void {
    const state = this.refill(key);
    state.tokens = Math.min(this.options.capacity, state.tokens + 1);
  }

  private refill(key: string): BucketState {
    const now = this.now();
    const state = this.buckets.get(key) ?? { tokens: this.options.capacity, updatedAt: now };
    const gained = (now - state.updatedAt) / this.options.refillEveryMs;
    state.tokens = Math.min(this.options.capacity, state.tokens + Math.max(0, gained));
    state.updatedAt = now;
    this.buckets.set(key, state);
    return state;
  }
}
