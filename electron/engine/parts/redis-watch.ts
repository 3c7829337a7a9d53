// SQLite rebuilds the queue whenever Redis comes back: restarted (the producer reconnects), or emptied behind our
// back (a marker key we set is gone).
import type { Redis } from 'ioredis';
import type { DisposableStore } from '../disposable-store';
import type { Logger } from '../logger';
import { QUEUE_NAME } from '../publishing/queue-settings';

export interface RedisWatchOptions {
  client: Redis;
  prefix: string;
  installationId: string;
  checkIntervalMs: number;
  log: Logger;
  rebuild(): Promise<unknown>;
}

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
  await client.set(markerKey, options.installationId);
  const timer = setInterval(() => {
    client
      .exists(markerKey)
      .then(async (exists) => {
        if (exists || disposed) return;
        log.warn('Redis lost its data; rebuilding the queue from the database.');
        await client.set(markerKey, options.installationId);
        await options.rebuild();
      })
      .catch(() => undefined);
  }, options.checkIntervalMs);
  timer.unref();
  parts.add('Redis watch', () => {
    disposed = true;
    clearInterval(timer);
    client.off('ready', onReady);
  });
}
