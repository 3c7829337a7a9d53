// The publish-posts queue (the producer side) on its own connection.
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { DisposableStore } from '../disposable-store';
import type { Logger } from '../logger';
import type { PublishJobData } from '../publishing/job-id';
import { QUEUE_NAME, type QueueSettings } from '../publishing/queue-settings';
import type { RedisEndpoint } from '../redis';
import { connectionOptions } from './redis-connection';

export interface QueuePart {
  queue: Queue<PublishJobData>;
  /** The producer's connection; the watchers listen on it. */
  client: Redis;
}

export async function openQueuePart(
  parts: DisposableStore,
  endpoint: RedisEndpoint,
  prefix: string,
  settings: QueueSettings,
  log: Logger,
): Promise<QueuePart> {
  // The producer fails fast while Redis is away (the job is rebuilt from SQLite when it is back).
  const client = new Redis(connectionOptions(endpoint, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }));
  // BullMQ borrows the connection; it is closed by us, after the queue.
  parts.add('queue connection', () => client.disconnect());
  client.on('error', (error) => log.debug('Queue connection error.', error));
  const queue = new Queue<PublishJobData>(QUEUE_NAME, {
    connection: client,
    prefix,
    defaultJobOptions: {
      attempts: settings.attempts,
      backoff: { type: 'exponential', delay: settings.backoffMs },
      removeOnComplete: { age: settings.completedMaxAgeSeconds, count: settings.completedMaxCount },
      removeOnFail: { age: settings.failedMaxAgeSeconds },
    },
  });
  parts.add('queue', () => queue.close());
  queue.on('error', (error) => log.warn('Queue connection problem.', error));
  await queue.waitUntilReady();
  return { queue, client };
}
