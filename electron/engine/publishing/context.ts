// What the publishing parts share: the store, the queue, the publishers and the event bus.
import type BetterSqlite3 from 'better-sqlite3';
import type { Queue } from 'bullmq';
import type { Settings } from '../../../shared/domain';
import type { Db } from '../db/database';
import type { SyncSql } from '../db/sync-sql';
import type { WriteBatcher } from '../db/write-batcher';
import type { EngineEventBus } from '../events';
import type { Logger } from '../logger';
import type { PublisherRegistry } from '../publishers/publisher';
import type { TokenCipher } from '../secrets/token-cipher';
import type { PublishJobData } from './job-id';
import type { PublishStatements } from './publish-statements';
import type { QueueSettings } from './queue-settings';

export interface PublishingContext {
  /** Reads (async). */
  db: Db;
  /** Synchronous statements: every write, and the publish hot path's reads. */
  sql: SyncSql;
  /** Every multi-statement write goes through here: one transaction per turn of the event loop (group commit). */
  writes: WriteBatcher;
  /** The publish hot path's prepared statements. */
  statements: PublishStatements;
  /** The raw connection, for the ledger's handle writes that must land at once. */
  sqlite: BetterSqlite3.Database;
  queue: Queue<PublishJobData>;
  events: EngineEventBus;
  cipher: TokenCipher;
  publishers: PublisherRegistry;
  queueSettings: QueueSettings;
  log: Logger;
  now(): number;
  userSettings(): Promise<Settings>;
  /** Asks for a fresh queue:changed event soon (coalesced). */
  queueChanged(): void;
}
