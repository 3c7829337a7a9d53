// What the publishing parts share. Every read and write of posts, targets and the ledger goes through the store;
// the queue only holds jobs that point at its rows.
import type { Connectivity, Platform, Settings, WaitReason } from '../../../shared/domain';
import type { EngineEventBus } from '../events';
import type { Logger } from '../logger';
import type { PostMediaSource } from '../media/post-media';
import type { UnreachableError } from '../publishers/errors';
import type { PublicMediaLinks, PublisherRegistry, TokenSource } from '../publishers/publisher';
import type { TokenCipher } from '../secrets/token-cipher';
import type { PublishQueue } from './publish-queue';
import type { QueueSettings } from './queue-settings';
import type { TargetStore } from './store/target-store';

export interface PublishingContext {
  store: TargetStore;
  queue: PublishQueue;
  /** The engine's clock (injectable in tests); BullMQ itself always uses Date.now. */
  now(): number;
  events: EngineEventBus;
  cipher: TokenCipher;
  publishers: PublisherRegistry;
  /** Keeps an account's token fresh during a publish (engine/accounts/token-keeper). */
  tokens(accountId: string): TokenSource;
  queueSettings: QueueSettings;
  log: Logger;
  userSettings(): Promise<Settings>;
  /** The user's late tolerance (the missed rule), or the engine option that replaces it in tests. */
  lateToleranceMs(): Promise<number>;
  /** Asks for a fresh queue:changed event soon (coalesced). */
  queueChanged(): void;
  /** A target's due time was set, moved or cleared: the due timer reads the next one again (coalesced). */
  dueChanged(): void;
  /** Public links to library files for one target's publish (the user's media storage); absent in some tests. */
  publicLinks?: (targetId: string) => PublicMediaLinks;
  /** Whether the user's media storage is set up (public links for Instagram photos); absent in some tests. */
  mediaStorageConfigured?: () => Promise<boolean>;
  /** Posts' media entries (library items and links); absent in tests without a media library. */
  postMedia?: PostMediaSource;
  connectivity: ConnectivityTracker;
}

/** What the processor tells about reaching the platforms, and asks (see engine/connectivity). */
export interface ConnectivityTracker {
  /** A request of this platform reached nothing; resolves with why its targets wait (the network, or it alone). */
  unreachable(platform: Platform, error: UnreachableError): Promise<WaitReason>;
  /** The platform answered a request. */
  answered(platform: Platform): void;
  /** False while the platform is known not to answer. */
  isReachable(platform: Platform): boolean;
  /** What is known now, for every client. */
  view(): Connectivity;
  /** The network may have changed: check at once what waits. */
  check(): Promise<void>;
}
