// The publishing parts assembled for unit tests: the real processor, service and reconcile over the real SQLite
// target store (in memory), an in-memory queue in place of BullMQ, and the feed platform over real HTTP.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/domain';
import type { EngineEvents, EventName } from '../../shared/contract/events';
import { AccountsModule } from '../../electron/engine/accounts/accounts-module';
import type { AccountRow } from '../../electron/engine/db/tables';
import { DEFAULT_CONNECTIVITY_SETTINGS } from '../../electron/engine/connectivity/reachability';
import { DisposableStore } from '../../electron/engine/disposable-store';
import { EngineEventBus } from '../../electron/engine/events';
import { connectivityPart } from '../../electron/engine/parts/connectivity-part';
import { silentLogger } from '../../electron/engine/logger';
import type { PublishingContext } from '../../electron/engine/publishing/context';
import { PublishingProcessor } from '../../electron/engine/publishing/publishing-processor';
import { PublishingService } from '../../electron/engine/publishing/publishing-service';
import { DEFAULT_QUEUE_SETTINGS } from '../../electron/engine/publishing/queue-settings';
import { reconcile, type ReconcileOptions } from '../../electron/engine/publishing/reconcile';
import { CredentialStore } from '../../electron/engine/secrets/credential-store';
import { sealToken } from '../../electron/engine/secrets/token-store';
import { FeedPublisher } from '../fakes/feed/feed-publisher';
import { FeedServer } from '../fakes/feed/feed-server';
import { MemoryQueue, type MemoryJob } from './memory-queue';
import { openMemoryStore, storeAccount, type MemoryStore } from './memory-store';

export interface Harness {
  memory: MemoryStore;
  queue: MemoryQueue;
  feed: FeedServer;
  publisher: FeedPublisher;
  context: PublishingContext;
  processor: PublishingProcessor;
  service: PublishingService;
  /** Every event emitted, in order. */
  events: { name: EventName; payload: unknown }[];
  settings: Settings;
  /** Moves the engine's clock (BullMQ's fake too) this far ahead of the real one. */
  clock: { offsetMs: number };
  account(): Promise<AccountRow>;
  /** Runs one job through the processor, as a worker would take it. */
  run(jobId: string): Promise<MemoryJob>;
  /** Runs the target's current job. */
  runTarget(targetId: string): Promise<MemoryJob>;
  reconcile(options: ReconcileOptions): ReturnType<typeof reconcile>;
  eventsNamed<E extends EventName>(name: E): EngineEvents[E][];
  close(): Promise<void>;
}

export async function openHarness(): Promise<Harness> {
  const memory = await openMemoryStore();
  const feed = await new FeedServer().start();
  const publisher = new FeedPublisher('facebook', feed.origin);
  const keyDir = mkdtempSync(join(tmpdir(), 'pe-harness-'));
  const clock = { offsetMs: 0 };
  const now = () => Date.now() + clock.offsetMs;
  const { sql, writes } = memory;
  const credentials = await CredentialStore.open({
    dataDir: keyDir,
    db: memory.opened.db,
    sql,
    writes,
    keychain: null,
    prefer: 'key-file',
    log: silentLogger,
    now,
  });
  const cipher = credentials.cipher;
  const queue = new MemoryQueue(DEFAULT_QUEUE_SETTINGS.attempts, now);
  const bus = new EngineEventBus();
  const events: { name: EventName; payload: unknown }[] = [];
  bus.onAny((name, payload) => events.push({ name, payload }));
  const publishers = new Map([['facebook' as const, publisher]]);
  // The engine's own token keeper: the feed's tokens never expire, so it hands each publish the stored token.
  const accounts = new AccountsModule({
    sql,
    writes,
    credentials,
    events: bus,
    log: silentLogger,
    now,
    env: {},
    publisherConfig: {},
    publishers,
    oauth: {},
  });
  const settings: Settings = { ...DEFAULT_SETTINGS };
  const parts = new DisposableStore(() => undefined);
  const connectivity = connectivityPart(parts, {
    db: memory.opened.db,
    settings: DEFAULT_CONNECTIVITY_SETTINGS,
    systemOnline: undefined,
    log: silentLogger,
    context: () => context,
    rebuildJobs: () => reconcile(context, { atStart: false }),
  });
  const context: PublishingContext = {
    store: memory.store,
    queue,
    now,
    events: bus,
    cipher,
    publishers,
    tokens: (accountId) => accounts.keeper.source(accountId),
    queueSettings: DEFAULT_QUEUE_SETTINGS,
    log: silentLogger,
    userSettings: async () => settings,
    lateToleranceMs: async () => settings.lateToleranceMinutes * 60_000,
    queueChanged: () => undefined,
    // The in-memory queue runs a job when the test says: there is no due timer to wake.
    dueChanged: () => undefined,
    connectivity,
  };
  const processor = new PublishingProcessor(context);
  return {
    memory,
    queue,
    feed,
    publisher,
    context,
    processor,
    service: new PublishingService(context),
    events,
    settings,
    clock,
    account: () => storeAccount(memory, 'facebook', sealToken(cipher, feed.token)),
    run: (jobId) => queue.run(jobId, processor.process),
    runTarget: (targetId) => {
      const job = queue.jobOf(targetId);
      if (!job) throw new Error(`Target ${targetId} has no job.`);
      return queue.run(job.id, processor.process);
    },
    reconcile: (options) => reconcile(context, options),
    eventsNamed: <E extends EventName>(name: E) => events.filter((event) => event.name === name).map((event) => event.payload as EngineEvents[E]),
    async close() {
      await parts.dispose();
      await feed.close();
      await memory.close();
      rmSync(keyDir, { recursive: true, force: true });
    },
  };
}
