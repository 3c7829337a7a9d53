// How a publisher is set up: where it sends requests and how long it waits.
import type { Platform } from '../../../../shared/domain';

export interface PublisherConfig {
  /** Replaces the platform's origin for every API request (paths unchanged); wins over the environment variable. */
  apiOrigin?: string;
  /** Where `PUBLISHING_ENGINE_<PLATFORM>_API_ORIGIN` is read; default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Clock in epoch ms; default `Date.now`. */
  now?: () => number;
  /** Per-request timeout; default 30 s. Uploads of large chunks use a longer one of their own. */
  requestTimeoutMs?: number;
  /** Pause between two status checks while media is processed; default 5 s. */
  pollIntervalMs?: number;
  /** How long media processing may take before the attempt gives up (retryable); default 10 min. */
  pollTimeoutMs?: number;
  /** The local posting limit per account; default is the platform's own. */
  postingLimit?: PostingLimit;
  /**
   * Lets media links reach loopback and private addresses. Only tests set it, for media servers on 127.0.0.1; the app
   * never does, so a link can never make the engine fetch from inside the user's machine or network.
   */
  allowPrivateMediaAddresses?: boolean;
  /** Where downloaded media links are kept while they upload (owner-only); default a folder in the temp directory. */
  mediaTempDir?: string;
}

/** A token bucket: `capacity` posts at once, one more every `refillEveryMs`. */
export interface PostingLimit {
  capacity: number;
  refillEveryMs: number;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
export const DEFAULT_POLL_INTERVAL_MS = 5_000;
export const DEFAULT_POLL_TIMEOUT_MS = 10 * 60_000;

export function envPrefix(platform: Platform): string {
  return `PUBLISHING_ENGINE_${platform.toUpperCase()}`;
}

/** The origin override for a platform (config first, then `PUBLISHING_ENGINE_<PLATFORM>_API_ORIGIN`), or undefined. */
export function resolveApiOrigin(platform: Platform, config: PublisherConfig): string | undefined {
  const env = config.env ?? process.env;
  const origin = config.apiOrigin ?? env[`${envPrefix(platform)}_API_ORIGIN`];
  return origin === undefined || origin === '' ? undefined : origin.replace(/\/+$/, '');
}
