// The publish-posts queue's settings. By default a job has 3 tries with backoff doubling from 5 s, and finished jobs
// are kept a day (failed ones a week) for the queue view; tests shorten them.
export const QUEUE_NAME = 'publish-posts';

export interface QueueSettings {
  /** Tries per job, the first included. */
  attempts: number;
  /** First retry delay; each next one doubles. */
  backoffMs: number;
  completedMaxAgeSeconds: number;
  completedMaxCount: number;
  failedMaxAgeSeconds: number;
  /**
   * Publishes running at once. Platform limits are kept by the publishers' own buckets, and one account's posts go
   * out one at a time (AccountTurns). A publish mostly waits (the platform, the claim's fsync), so a burst across
   * many accounts needs many at once to keep the CPU busy.
   */
  concurrency: number;
  lockDurationMs: number;
  stalledIntervalMs: number;
  /** A stalled job is re-run this many times; the ledger makes re-runs safe. */
  maxStalledCount: number;
}

export const DEFAULT_QUEUE_SETTINGS: QueueSettings = {
  attempts: 3,
  backoffMs: 5000,
  completedMaxAgeSeconds: 24 * 60 * 60,
  completedMaxCount: 1000,
  failedMaxAgeSeconds: 7 * 24 * 60 * 60,
  concurrency: 64,
  lockDurationMs: 30_000,
  stalledIntervalMs: 30_000,
  maxStalledCount: 3,
};
