// Composes the engine: SQLite, the bundled (or external) Redis, the publish-posts queue and its worker,
// the publishers, and the API every client calls. Plain Node: the desktop app, the CLI and tests all host it.
import { randomUUID } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { AccountService } from './accounts/account-service';
import { channelHandlers } from './api/channel-handlers';
import { createEngineApi, type ChannelHandlers } from './api/engine-api';
import { openDatabase, type OpenedDatabase } from './db/database';
import { readState, writeState } from './db/repositories/engine-state.repository';
import { SyncSql } from './db/sync-sql';
import { WalSync } from './db/wal-sync';
import { WriteBatcher } from './db/write-batcher';
import type { Engine, EngineOptions } from './engine-types';
import { EngineEventBus } from './events';
import { silentLogger } from './logger';
import { MediaLibrary } from './media/media-library';
import { databaseFile } from './paths';
import type { Publisher } from './publishers/publisher';
import { createPublisherRegistry } from './publishers/registry';
import type { PublishingContext } from './publishing/context';
import type { PublishJobData } from './publishing/job-id';
import { PublishingProcessor } from './publishing/publishing-processor';
import { PublishStatements } from './publishing/publish-statements';
import { PublishingService } from './publishing/publishing-service';
import { queueStats } from './publishing/queue-info';
import { DEFAULT_QUEUE_SETTINGS, QUEUE_NAME, type QueueSettings } from './publishing/queue-settings';
import { reconcile } from './publishing/reconcile';
import { prepareOwnerOnlyDataDir } from './security/owner-only-data-dir';
import { createRedisProvider, describeEndpoint, type RedisEndpoint, type RedisProvider } from './redis';
import { keyFileCipher } from './secrets/key-file-cipher';
import { SettingsService } from './settings/settings-service';
import type { Platform } from '../../shared/domain';

export type { Engine, EngineOptions } from './engine-types';

/** queue:changed is coalesced: a burst of publishes sends a few events, not thousands. */
const QUEUE_EVENT_INTERVAL_MS = 250;
/** How often unused media files are looked for (they go 30 days after their last post let go of them). */
const MEDIA_GC_INTERVAL_MS = 6 * 60 * 60 * 1000;

export function createEngine(options: EngineOptions): Engine {
  const log = options.log ?? silentLogger;
  const now = options.now ?? Date.now;
  const queueSettings: QueueSettings = { ...DEFAULT_QUEUE_SETTINGS, ...options.queue };
  const events = new EngineEventBus();

  let opened: OpenedDatabase | undefined;
  let redis: RedisProvider | undefined;
  let queue: Queue<PublishJobData> | undefined;
  /** Connections we made and BullMQ borrows; closed by us after the queue and worker. */
  let clients: Redis[] = [];
  let worker: Worker<PublishJobData> | undefined;
  let processor: PublishingProcessor | undefined;
  let context: PublishingContext | undefined;
  let running = false;
  let queueEventTimer: NodeJS.Timeout | undefined;
  let reconciling: Promise<unknown> | undefined;
  let settingsService: SettingsService | undefined;
  let redisCheckTimer: NodeJS.Timeout | undefined;
  let walSync: WalSync | undefined;
  let mediaGcTimer: NodeJS.Timeout | undefined;
  let mediaLibrary: MediaLibrary | undefined;

  const need = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('The engine is not running.');
    return value;
  };

  const queueChanged = () => {
    if (queueEventTimer || !running) return;
    queueEventTimer = setTimeout(() => {
      queueEventTimer = undefined;
      if (!running || !context) return;
      queueStats(context).then(
        (stats) => events.emit('queue:changed', { stats }),
        (error: unknown) => log.warn('Could not read queue counts.', error),
      );
    }, QUEUE_EVENT_INTERVAL_MS);
  };

  const reconcileNow = (atStart: boolean) => {
    // One reconcile at a time; a request during one runs after it.
    const previous = reconciling ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(() => reconcile(need(context), { atStart, running: processor?.runningTargets ?? new Set<string>() }));
    reconciling = next.finally(() => {
      if (reconciling === next) reconciling = undefined;
    });
    return next;
  };

  let handlers: ChannelHandlers | undefined;
  const api = createEngineApi(
    () => handlers,
    (_level, message, error) => log.error(message, error),
  );

  async function start(): Promise<void> {
    if (running) return;
    const startedAt = Date.now();
    prepareOwnerOnlyDataDir(options.dataDir, [databaseFile(options.dataDir)]);
    opened = await openDatabase(databaseFile(options.dataDir));
    const { db, sqlite } = opened;
    const sql = new SyncSql(sqlite, db);
    walSync = new WalSync(`${databaseFile(options.dataDir)}-wal`);
    const writes = new WriteBatcher(sqlite, walSync);
    try {
      const installationId = await installation(db, sql, writes);
      settingsService = new SettingsService(db, sql, writes);
      redis = createRedisProvider({
        dataDir: options.dataDir,
        env: options.env ?? process.env,
        ...(options.resourcesPath === undefined ? {} : { resourcesPath: options.resourcesPath }),
        ...(options.appRoot === undefined ? {} : { appRoot: options.appRoot }),
        log: (level, message) => log[level](message),
      });
      redis.on('error', (error) => log.error('Redis failed.', error));
      redis.on('restarted', () => log.warn('Redis stopped unexpectedly and was restarted.'));
      const endpoint = await redis.start();

      const prefix = `pe-${installationId}`;
      // The producer fails fast while Redis is away (the job is rebuilt from SQLite when it is back).
      const client = new Redis(connectionOptions(endpoint, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }));
      clients.push(client);
      client.on('error', (error) => log.debug('Queue connection error.', error));
      const publishQueue = new Queue<PublishJobData>(QUEUE_NAME, {
        connection: client,
        prefix,
        defaultJobOptions: {
          attempts: queueSettings.attempts,
          backoff: { type: 'exponential', delay: queueSettings.backoffMs },
          removeOnComplete: { age: queueSettings.completedMaxAgeSeconds, count: queueSettings.completedMaxCount },
          removeOnFail: { age: queueSettings.failedMaxAgeSeconds },
        },
      });
      queue = publishQueue;
      publishQueue.on('error', (error) => log.warn('Queue connection problem.', error));
      await publishQueue.waitUntilReady();

      const registry = new Map<Platform, Publisher>(createPublisherRegistry({ env: options.env ?? process.env, ...options.publisherConfig }));
      for (const [platform, publisher] of Object.entries(options.publishers ?? {}) as [Platform, Publisher][]) registry.set(platform, publisher);

      const publishingContext: PublishingContext = {
        db,
        sql,
        writes,
        statements: new PublishStatements(sqlite),
        sqlite,
        queue: publishQueue,
        events,
        cipher: options.tokenCipher ?? keyFileCipher(options.dataDir),
        publishers: registry,
        queueSettings,
        log,
        now,
        userSettings: () => need(settingsService).get(),
        queueChanged,
      };
      context = publishingContext;
      const publishing = new PublishingService(publishingContext);
      const media = new MediaLibrary({ dataDir: options.dataDir, db, sql, writes, now, log });
      mediaLibrary = media;
      handlers = channelHandlers({
        publishing,
        accounts: new AccountService(db, sql, writes, publishingContext.cipher, events, now),
        settings: settingsService,
        context: publishingContext,
        media,
        onSettingsChanged: () => {
          void need(settingsService)
            .get()
            .then((settings) => events.emit('settings:changed', { settings }));
        },
      });

      running = true;
      await reconcileNow(true);

      processor = new PublishingProcessor(publishingContext);
      const workerClient = new Redis(connectionOptions(endpoint, { maxRetriesPerRequest: null }));
      clients.push(workerClient);
      workerClient.on('error', (error) => log.debug('Worker connection error.', error));
      worker = new Worker<PublishJobData>(QUEUE_NAME, processor.process, {
        connection: workerClient,
        prefix,
        concurrency: queueSettings.concurrency,
        lockDuration: queueSettings.lockDurationMs,
        stalledInterval: queueSettings.stalledIntervalMs,
        maxStalledCount: queueSettings.maxStalledCount,
      });
      worker.on('error', (error) => log.warn('Worker connection problem.', error));
      worker.on('failed', (job, error) => {
        if (job) log.info(`Publish job ${job.id} failed: ${error.message}`);
        queueChanged();
      });
      worker.on('completed', queueChanged);
      await worker.waitUntilReady();

      // After Redis comes back (restarted, or emptied by hand) SQLite rebuilds whatever is missing.
      let firstReady = true;
      client.on('ready', () => {
        if (firstReady) {
          firstReady = false;
          return;
        }
        log.info('Redis is back; reconciling the queue with the database.');
        reconcileNow(false).catch((error: unknown) => log.error('Reconcile after Redis came back failed.', error));
      });
      if (client.status === 'ready') firstReady = false;

      // A marker key tells whether Redis still holds what we put there; gone means it was emptied behind our back.
      const markerKey = `${prefix}:${QUEUE_NAME}:engine-marker`;
      await client.set(markerKey, installationId);
      redisCheckTimer = setInterval(() => {
        client
          .exists(markerKey)
          .then(async (exists) => {
            if (exists || !running) return;
            log.warn('Redis lost its data; rebuilding the queue from the database.');
            await client.set(markerKey, installationId);
            await reconcileNow(false);
          })
          .catch(() => undefined);
      }, queueSettings.redisCheckIntervalMs);
      redisCheckTimer.unref();
      const collectMedia = () => {
        media.collectGarbage().catch((error: unknown) => log.warn('Cleaning up the media library failed.', error));
      };
      collectMedia();
      mediaGcTimer = setInterval(collectMedia, MEDIA_GC_INTERVAL_MS);
      mediaGcTimer.unref();
      log.info(`Engine ready in ${Date.now() - startedAt} ms (Redis ${redis.kind} on ${describeEndpoint(endpoint)}).`);
      queueChanged();
    } catch (error) {
      await stop().catch(() => undefined);
      throw error;
    }
  }

  async function stop(stopOptions: { activePublishTimeoutMs?: number } = {}): Promise<void> {
    running = false;
    if (redisCheckTimer) clearInterval(redisCheckTimer);
    redisCheckTimer = undefined;
    if (mediaGcTimer) clearInterval(mediaGcTimer);
    mediaGcTimer = undefined;
    if (queueEventTimer) clearTimeout(queueEventTimer);
    queueEventTimer = undefined;
    const timeoutMs = stopOptions.activePublishTimeoutMs ?? 15_000;
    if (worker) {
      const closing = worker.close();
      const timedOut = await Promise.race([closing.then(() => false), delay(timeoutMs).then(() => true)]);
      if (timedOut) {
        log.warn(`A publish was still running after ${timeoutMs} ms; stopping it. Its outcome is settled at the next start.`);
        processor?.abort();
        await worker.close(true).catch(() => undefined);
      }
      worker = undefined;
    }
    await reconciling?.catch(() => undefined);
    if (queue) await queue.close().catch(() => undefined);
    queue = undefined;
    for (const client of clients) client.disconnect();
    clients = [];
    if (redis) await redis.stop();
    redis = undefined;
    await walSync?.close();
    walSync = undefined;
    if (opened) await opened.close();
    opened = undefined;
    context = undefined;
    handlers = undefined;
    mediaLibrary = undefined;
  }

  return {
    dataDir: options.dataDir,
    events,
    api,
    start,
    stop,
    async wake() {
      if (!running) return;
      log.info('Woke up: checking overdue posts.');
      await reconcileNow(false);
    },
    get isRunning() {
      return running;
    },
    settings: () => need(settingsService).get(),
    media: () => need(mediaLibrary),
  };
}

async function installation(db: OpenedDatabase['db'], sql: SyncSql, writes: WriteBatcher): Promise<string> {
  const existing = await readState<string>(db, 'installation_id');
  if (existing) return existing;
  const id = randomUUID().replaceAll('-', '').slice(0, 12);
  await writes.write(() => writeState(sql, 'installation_id', id));
  return id;
}

function connectionOptions(endpoint: RedisEndpoint, extra: Partial<RedisOptions>): RedisOptions {
  return {
    ...(endpoint.path !== undefined ? { path: endpoint.path } : { host: endpoint.host, port: endpoint.port }),
    ...(endpoint.username ? { username: endpoint.username } : {}),
    ...(endpoint.password ? { password: endpoint.password } : {}),
    // A local Redis comes back within a second; don't let reconnect gaps grow to ioredis's 20 s default.
    retryStrategy: (times: number) => Math.min(50 * times, 1000),
    ...extra,
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
