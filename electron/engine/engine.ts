// Composes the engine from parts: SQLite and the target store, the bundled (or external) Redis, the publish-posts
// queue, the API every client calls, the worker and the Redis watchers. Each part registers its own teardown as it
// is built; stop() disposes them in reverse, and a start that fails disposes what it had built.
// Plain Node: the desktop app, the CLI and tests all host it.
import { AccountsModule } from './accounts/accounts-module';
import { channelHandlers } from './api/channel-handlers';
import { CalendarPosts } from './calendar/calendar-posts';
import { DEFAULT_CONNECTIVITY_SETTINGS } from './connectivity/reachability';
import { createEngineApi, type ChannelHandlers } from './api/engine-api';
import { DisposableStore } from './disposable-store';
import type { Engine, EngineOptions } from './engine-types';
import { EngineEventBus } from './events';
import { silentLogger } from './logger';
import { connectivityPart } from './parts/connectivity-part';
import { dueTimerPart } from './parts/due-timer-part';
import { mediaPart } from './parts/media-part';
import { mediaStoragePart } from './parts/media-storage-part';
import { MediaStorageSettings } from './media/storage/storage-settings';
import { PostMediaSource } from './media/post-media';
import { openQueuePart } from './parts/queue-part';
import { queueChangedPart } from './parts/queue-changed';
import { reconcilerPart, type Reconcile } from './parts/reconciler';
import { watchRedisPart } from './parts/redis-watch';
import { openStorePart } from './parts/store-part';
import { databaseFile } from './paths';
import { startWorkerPart } from './parts/worker-part';
import type { Publisher } from './publishers/publisher';
import { createPublisherRegistry } from './publishers/registry';
import type { PublishingContext } from './publishing/context';
import { PublishingProcessor } from './publishing/publishing-processor';
import { PublishingService } from './publishing/publishing-service';
import { queueStats } from './publishing/queue-info';
import { DEFAULT_QUEUE_SETTINGS, type QueueSettings } from './publishing/queue-settings';
import { createRedisProvider, describeEndpoint } from './redis';
import { CredentialStore, CREDENTIAL_STORE_KINDS, type CredentialStoreKind } from './secrets/credential-store';
import { osKeychain } from './secrets/keychain';
import { migrateLegacyTokens } from './secrets/legacy-tokens';
import { prepareOwnerOnlyDataDir } from './security/owner-only-data-dir';
import type { SettingsService } from './settings/settings-service';
import { SlotService } from './slots/slot-service';
import type { MediaLibrary } from './media/media-library';
import type { Reachability } from './connectivity/reachability';
import type { Platform } from '../../shared/domain';
import { WakeReports } from './wake/wake-reports';
import type { WakeSummary } from '../../shared/wake-summary';

export type { Engine, EngineOptions } from './engine-types';

/** What a running engine holds; undefined while stopped. */
interface Running {
  parts: DisposableStore;
  handlers: ChannelHandlers;
  settings: SettingsService;
  media: MediaLibrary;
  reconcile: Reconcile;
  reachability: Reachability;
  wakeUp(asleepSince: number | null): Promise<WakeSummary | null>;
}

/** `PUBLISHING_ENGINE_CREDENTIAL_STORE=keychain|key-file` decides the store at the first start (e.g. key-file on a server). */
function credentialStorePreference(env: NodeJS.ProcessEnv): { prefer?: CredentialStoreKind } {
  const value = env.PUBLISHING_ENGINE_CREDENTIAL_STORE;
  if (value === undefined || value === '') return {};
  if (!(CREDENTIAL_STORE_KINDS as readonly string[]).includes(value)) {
    throw new Error(`PUBLISHING_ENGINE_CREDENTIAL_STORE must be ${CREDENTIAL_STORE_KINDS.join(' or ')}, not "${value}".`);
  }
  return { prefer: value as CredentialStoreKind };
}

export function createEngine(options: EngineOptions): Engine {
  const log = options.log ?? silentLogger;
  const now = options.now ?? Date.now;
  const queueSettings: QueueSettings = { ...DEFAULT_QUEUE_SETTINGS, ...options.queue };
  const events = new EngineEventBus();
  let running: Running | undefined;
  let activePublishTimeoutMs = 15_000;

  const api = createEngineApi(
    () => running?.handlers,
    (_level, message, error) => log.error(message, error),
  );

  async function assemble(parts: DisposableStore): Promise<Running> {
    const startedAt = Date.now();
    prepareOwnerOnlyDataDir(options.dataDir, [databaseFile(options.dataDir)]);
    const { opened, sql, writes, store, settings, installationId } = await openStorePart(parts, options.dataDir);
    const media = mediaPart(parts, { dataDir: options.dataDir, db: opened.db, sql, writes, now, log });
    const credentials = await CredentialStore.open({
      dataDir: options.dataDir,
      db: opened.db,
      sql,
      writes,
      keychain: options.keychain === undefined ? osKeychain() : options.keychain,
      ...credentialStorePreference(options.env ?? process.env),
      log,
      now,
    });
    if (credentials.status().state === 'ready') {
      await migrateLegacyTokens({ dataDir: options.dataDir, sql, writes, cipher: credentials.cipher, readers: options.legacyTokens ?? [], log });
    }

    const redis = createRedisProvider({
      dataDir: options.dataDir,
      env: options.env ?? process.env,
      ...(options.resourcesPath === undefined ? {} : { resourcesPath: options.resourcesPath }),
      ...(options.appRoot === undefined ? {} : { appRoot: options.appRoot }),
      log: (level, message) => log[level](message),
    });
    parts.add('Redis', () => redis.stop());
    redis.on('error', (error) => log.error('Redis failed.', error));
    redis.on('restarted', () => log.warn('Redis stopped unexpectedly and was restarted.'));
    const endpoint = await redis.start();

    const prefix = `pe-${installationId}`;
    const { queue, client } = await openQueuePart(parts, endpoint, prefix, queueSettings, log);

    const storage = mediaStoragePart(parts, events, {
      db: opened.db,
      sql,
      writes,
      settings: new MediaStorageSettings(opened.db, sql, writes, credentials.cipher, now),
      now,
      log,
    });

    const registry = new Map<Platform, Publisher>(createPublisherRegistry({ env: options.env ?? process.env, ...options.publisherConfig }));
    for (const [platform, publisher] of Object.entries(options.publishers ?? {}) as [Platform, Publisher][]) registry.set(platform, publisher);

    const accounts = new AccountsModule({
      sql,
      writes,
      credentials,
      events,
      log,
      now,
      env: options.env ?? process.env,
      publisherConfig: options.publisherConfig ?? {},
      publishers: registry,
      oauth: options.oauth ?? {},
    });
    parts.add('accounts', () => accounts.stop());
    const reachability = connectivityPart(parts, {
      db: opened.db,
      settings: { ...DEFAULT_CONNECTIVITY_SETTINGS, ...options.connectivity },
      systemOnline: options.isOnline,
      log,
      context: () => context,
      rebuildJobs: () => reconcile(false),
    });
    const context: PublishingContext = {
      store,
      queue,
      now,
      events,
      cipher: credentials.cipher,
      publishers: registry,
      tokens: (accountId) => accounts.keeper.source(accountId),
      queueSettings,
      log,
      userSettings: () => settings.get(),
      lateToleranceMs: async () => options.lateToleranceMs ?? (await settings.get()).lateToleranceMinutes * 60_000,
      queueChanged: () => queueChanged(),
      dueChanged: () => void dueTimer.rearm(),
      publicLinks: (targetId) => storage.linksFor(targetId),
      mediaStorageConfigured: () => storage.isConfigured(),
      postMedia: new PostMediaSource(sql, (row) => media.pathOf(row)),
      connectivity: reachability,
    };
    const dueTimer = dueTimerPart(parts, store, queue, log, now);
    const queueChanged = queueChangedPart(parts, events, () => queueStats(context), log);
    const slots = new SlotService({
      db: opened.db,
      sql,
      writes,
      events,
      now,
      defaultTimeZone: async () => (await settings.get()).timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
    const publishing = new PublishingService(context, slots);
    const wake = new WakeReports({ db: opened.db, sql, writes, events, publishing, now, log });
    parts.add('wake reports', () => wake.stop());
    await wake.start();
    const handlers = channelHandlers({
      publishing,
      calendar: new CalendarPosts(sql),
      accounts: accounts.handlers(publishing, opened.db),
      settings,
      context,
      media,
      storage,
      wake,
      wakeUp: (asleepSince) => wakeUp(asleepSince),
      slots,
      onSettingsChanged: () => {
        void settings.get().then((current) => events.emit('settings:changed', { settings: current }));
      },
    });

    accounts.start();
    const processor = new PublishingProcessor(context);
    const reconcile = reconcilerPart(parts, context, () => processor.runningTargets);
    await reconcile(true);

    await startWorkerPart(parts, {
      endpoint,
      prefix,
      settings: queueSettings,
      processor,
      log,
      activePublishTimeoutMs: () => activePublishTimeoutMs,
      onSettled: queueChanged,
    });
    await watchRedisPart(parts, {
      client,
      endpoint,
      prefix,
      installationId,
      log,
      rebuild: () => reconcile(false),
    });
    // Whatever waited for the network before a restart is checked at once.
    reachability.start();
    log.info(`Engine ready in ${Date.now() - startedAt} ms (Redis ${redis.kind} on ${describeEndpoint(endpoint)}).`);
    queueChanged();
    async function wakeUp(asleepSince: number | null): Promise<WakeSummary | null> {
      log.info('Woke up: checking overdue posts and the network.');
      const reportId = await wake.record(asleepSince);
      await reconcile(false);
      await reachability.check();
      return reportId === undefined ? null : wake.announce(reportId);
    }

    return { parts, handlers, settings, media, reconcile, reachability, wakeUp };
  }

  let starting: Promise<void> | undefined;

  async function start(): Promise<void> {
    if (running) return;
    starting ??= (async () => {
      const parts = new DisposableStore((part, error) => log.warn(`Stopping the ${part} failed.`, error));
      try {
        running = await assemble(parts);
      } catch (error) {
        await parts.dispose();
        throw error;
      }
    })().finally(() => {
      starting = undefined;
    });
    return starting;
  }

  async function stop(stopOptions: { activePublishTimeoutMs?: number } = {}): Promise<void> {
    await starting?.catch(() => undefined);
    const current = running;
    running = undefined;
    activePublishTimeoutMs = stopOptions.activePublishTimeoutMs ?? 15_000;
    await current?.parts.dispose();
  }

  const need = (): Running => {
    if (!running) throw new Error('The engine is not running.');
    return running;
  };

  return {
    dataDir: options.dataDir,
    events,
    api,
    start,
    stop,
    async wake(wakeOptions = {}) {
      return running ? running.wakeUp(wakeOptions.asleepSince ?? null) : null;
    },
    get isRunning() {
      return running !== undefined;
    },
    settings: () => need().settings.get(),
    media: () => need().media,
  };
}
