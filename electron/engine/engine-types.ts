// What a host (Electron main, the CLI's serve, the web bridge, tests) gets from createEngine.
import type { Platform, Settings } from '../../shared/domain';
import type { WakeSummary } from '../../shared/wake-summary';
import type { OAuthSettings } from './accounts/accounts-module';
import type { ConnectivitySettings } from './connectivity/reachability';
import type { EngineApi } from './api/engine-api';
import type { EngineEventBus } from './events';
import type { Logger } from './logger';
import type { MediaLibrary } from './media/media-library';
import type { PublisherConfig } from './publishers/base/publisher-config';
import type { Publisher } from './publishers/publisher';
import type { QueueSettings } from './publishing/queue-settings';
import type { Keychain } from './secrets/keychain';
import type { LegacyTokenReader } from './secrets/legacy-tokens';

export interface EngineOptions {
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  /** Electron's process.resourcesPath, where a packaged Redis binary is staged. */
  resourcesPath?: string;
  /** The app's root folder (package.json), for the Redis binary lookup. */
  appRoot?: string;
  /** Settings for the real publishers (poll intervals, chunk sizes, client ids); tests shorten timings here. */
  publisherConfig?: PublisherConfig;
  /** Replaces or adds publishers (tests use a test platform's publisher). */
  publishers?: Partial<Record<Platform, Publisher>>;
  queue?: Partial<QueueSettings>;
  /** Signing in: loopback ports, the browser opener, developer apps built into a release. */
  oauth?: OAuthSettings;
  /** Where the data key may live: default the OS keychain; null for none (the owner-only key file then). */
  keychain?: Keychain | null;
  /** Readers for tokens sealed by earlier versions (the desktop app passes safeStorage's), moved once at start. */
  legacyTokens?: readonly LegacyTokenReader[];
  log?: Logger;
  /** Injectable clock for overdue decisions; BullMQ itself always uses Date.now. */
  now?: () => number;
  /** The system's word on the network (the desktop app passes Electron's net.isOnline); absent under Node. */
  isOnline?: () => boolean;
  /** How often a platform that cannot be reached is probed while something waits for it; tests shorten it. */
  connectivity?: Partial<ConnectivitySettings>;
  /** Replaces the user's late tolerance (the missed rule) with this many milliseconds: tests only. */
  lateToleranceMs?: number;
}

export interface Engine {
  readonly dataDir: string;
  readonly events: EngineEventBus;
  readonly api: EngineApi;
  /** Opens SQLite, starts Redis, reconciles the queue, handles overdue targets, starts the worker. */
  start(): Promise<void>;
  /** Stops the worker (waiting for an active publish up to the limit), then Redis, then closes the database. */
  stop(options?: { activePublishTimeoutMs?: number }): Promise<void>;
  /**
   * After sleep: records the posts due while asleep (since `asleepSince`, when the system said when it slept), lets
   * overdue targets follow the late-tolerance rule at once, and checks what waits for the network. Answers the
   * summary of what became of them (null when none was due), built from the stored targets; it is sent again as
   * wake:summary while they go out.
   */
  wake(options?: { asleepSince?: number }): Promise<WakeSummary | null>;
  readonly isRunning: boolean;
  settings(): Promise<Settings>;
  /** The media library (throws while the engine is stopped): for the web bridge's uploads and previews. */
  media(): MediaLibrary;
}
