// The worker that runs the processor on the publish-posts queue, on its own blocking connection.
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { DisposableStore } from '../disposable-store';
import type { Logger } from '../logger';
import type { PublishJobData } from '../publishing/job-id';
import type { PublishingProcessor } from '../publishing/publishing-processor';
import { QUEUE_NAME, type QueueSettings } from '../publishing/queue-settings';
import type { RedisEndpoint } from '../redis';
import { connectionOptions } from './redis-connection';

export interface WorkerPartOptions {
  endpoint: RedisEndpoint;
  prefix: string;
  settings: QueueSettings;
  processor: PublishingProcessor;
  log: Logger;
  /** How long a stop waits for a publish in progress, read when the stop comes. */
  activePublishTimeoutMs(): number;
  /** After each finished job. */
  onSettled(): void;
}

export async function startWorkerPart(parts: DisposableStore, options: WorkerPartOptions): Promise<Worker<PublishJobData>> {
  const { log, processor, settings } = options;
  const client = new Redis(connectionOptions(options.endpoint, { maxRetriesPerRequest: null }));
  parts.add('worker connection', () => client.disconnect());
  client.on('error', (error) => log.debug('Worker connection error.', error));
  const worker = new Worker<PublishJobData>(QUEUE_NAME, processor.process, {
    connection: client,
    prefix: options.prefix,
    concurrency: settings.concurrency,
    lockDuration: settings.lockDurationMs,
    stalledInterval: settings.stalledIntervalMs,
    maxStalledCount: settings.maxStalledCount,
  });
  parts.add('worker', async () => {
    const timeoutMs = options.activePublishTimeoutMs();
    const timedOut = await Promise.race([worker.close().then(() => false), delay(timeoutMs).then(() => true)]);
    if (!timedOut) return;
    log.warn(`A publish was still running after ${timeoutMs} ms; stopping it. Its outcome is settled at the next start.`);
    processor.abort();
    await worker.close(true);
  });
  worker.on('error', (error) => log.warn('Worker connection problem.', error));
  worker.on('failed', (job, error) => {
    if (job) log.info(`Publish job ${job.id} failed: ${error.message}`);
    options.onSettled();
  });
  worker.on('completed', options.onSettled);
  await worker.waitUntilReady();
  return worker;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
