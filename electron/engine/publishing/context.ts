// What the publishing parts share. Every read and write of posts, targets and the ledger goes through the store;
// the queue only holds jobs that point at its rows.
import type { Settings } from '../../../shared/domain';
import type { EngineEventBus } from '../events';
import type { Logger } from '../logger';
import type { PostMediaSource } from '../media/post-media';
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
  /** Asks for a fresh queue:changed event soon (coalesced). */
  queueChanged(): void;
  /** A target's due time was set, moved or cleared: the due timer reads the next one again (coalesced). */
  dueChanged(): void;
  /** Public links to library files for one target's publish (the user's media storage); absent in some tests. */
  publicLinks?: (targetId: string) => PublicMediaLinks;
  /** Posts' media entries (library items and links); absent in tests without a media library. */
  postMedia?: PostMediaSource;
}
