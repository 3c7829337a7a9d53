// SQLite rebuilds the queue whenever Redis comes back: restarted (the producer reconnects), or emptied behind our
// back (a marker key we set is gone). Nothing polls for the second: Redis tells us. A connection of its own asks for
// client-side-caching invalidations of the marker key (CLIENT TRACKING … BCAST), which Redis sends when the key is
// deleted, overwritten or flushed with the whole database. Only a server that refuses tracking (Redis 5, or an ACL
// without CLIENT) is checked by polling instead.
import { Redis } from 'ioredis';
import type { DisposableStore } from '../disposable-store';
import type { Logger } from '../logger';
import { QUEUE_NAME } from '../publishing/queue-settings';
import type { RedisEndpoint } from '../redis';
import { connectionOptions } from './redis-connection';

export interface RedisWatchOptions {
  /** The producer's connection: its reconnect means Redis was away. */
  client: Redis;
  endpoint: RedisEndpoint;
  prefix: string;
  installationId: string;
  log: Logger;
  rebuild(): Promise<unknown>;
}

const INVALIDATIONS = '__redis__:invalidate';
/** Without tracking, how often the marker is looked for (the engine's only polling, and only on such servers). */
const POLL_WITHOUT_TRACKING_MS = 5_000;

export async function watchRedisPart(parts: DisposableStore, options: RedisWatchOptions): Promise<void> {
  const { client, log } = options;
  let disposed = false;
  let firstReady = client.status !== 'ready';
  const onReady = () => {
    if (firstReady) {
      firstReady = false;
      return;
    }
    log.info('Redis is back; reconciling the queue with the database.');
    options.rebuild().catch((error: unknown) => log.error('Reconcile after Redis came back failed.', error));
  };
  client.on('ready', onReady);

  const markerKey = `${options.prefix}:${QUEUE_NAME}:engine-marker`;
  let checking = false;
  /** Rebuilds when the marker is gone, and sets it again. */
  const checkMarker = async () => {
    if (checking || disposed) return;
    checking = true;
    try {
      if (await client.exists(markerKey)) return;
      log.warn('Redis lost its data; rebuilding the queue from the database.');
      await client.set(markerKey, options.installationId);
      await options.rebuild();
    } catch {
      // Redis is away: its return is the producer's reconnect, handled above.
    } finally {
      checking = false;
    }
  };
  await client.set(markerKey, options.installationId);

  // RESP2: ioredis hands RESP3 invalidation pushes to no one, but delivers them as messages on this channel.
  const watcher = new Redis(connectionOptions(options.endpoint, { protocol: 2, autoResubscribe: false, maxRetriesPerRequest: null }));
  watcher.on('error', (error) => log.debug('Redis watch connection error.', error));
  watcher.on('message', (channel) => {
    if (channel === INVALIDATIONS) void checkMarker();
  });
  let poll: NodeJS.Timeout | undefined;
  // After every (re)connect: tracking is per connection, and lost with it.
  const track = async () => {
    try {
      const id = String(await watcher.client('ID'));
      await watcher.call('CLIENT', 'TRACKING', 'on', 'REDIRECT', id, 'BCAST', 'PREFIX', markerKey);
      await watcher.subscribe(INVALIDATIONS);
    } catch (error) {
      if (disposed || poll) return;
      log.info(`This Redis does not track keys for us (${(error as Error).message}); checking its data every ${POLL_WITHOUT_TRACKING_MS / 1000} s.`);
      poll = setInterval(() => void checkMarker(), POLL_WITHOUT_TRACKING_MS);
      poll.unref();
      return;
    }
    // Emptied while the watch connection was away: seen now.
    await checkMarker();
  };
  parts.add('Redis watch', () => {
    disposed = true;
    clearInterval(poll);
    client.off('ready', onReady);
    watcher.disconnect();
  });
  await new Promise((resolve) => watcher.once('ready', resolve));
  await track();
  watcher.on('ready', () => void track());
}
