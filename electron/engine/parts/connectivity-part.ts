// Reachability wired to the rest of the engine: when a platform answers again its waiting targets' jobs wake up, due
// first (a job's own run puts it back to sleep if the platform is down once more); when it turns out that the whole
// network is down, or only one platform, the waits say so; and every client hears of it through queue:changed.
import type { Platform } from '../../../shared/domain';
import { probeOrigin } from '../connectivity/probe';
import { Reachability, type ConnectivitySettings } from '../connectivity/reachability';
import type { Db } from '../db/database';
import type { DisposableStore } from '../disposable-store';
import type { Logger } from '../logger';
import type { PublishingContext } from '../publishing/context';
import { jobIdFor } from '../publishing/job-id';
import { announceTarget } from '../publishing/post-events';

export interface ConnectivityPartOptions {
  db: Db;
  settings: ConnectivitySettings;
  systemOnline: (() => boolean) | undefined;
  log: Logger;
  /** The publishing context, once built (it holds the tracker this part makes). */
  context(): PublishingContext;
  /** Rebuilds jobs that are gone (reconcile), for a waiting target whose job cannot be woken. */
  rebuildJobs(): Promise<unknown>;
}

export function connectivityPart(parts: DisposableStore, options: ConnectivityPartOptions): Reachability {
  const ctx = options.context;
  // Rewording runs one at a time, after the last.
  let rewording: Promise<void> = Promise.resolve();

  const reachability: Reachability = new Reachability({
    now: () => ctx().now(),
    settings: options.settings,
    systemOnline: options.systemOnline,
    log: options.log,
    platformsInUse: async () => {
      const rows = await options.db.selectFrom('social_accounts').select('platform').distinct().execute();
      return rows.map(({ platform }) => ({ platform, origin: ctx().publishers.get(platform)?.apiOrigin }));
    },
    waitingPlatforms: () => ctx().store.waitingPlatforms(),
    probe: (platform, origin, signal) => probeOrigin(platform, origin, options.settings.probeTimeoutMs, signal),
    onReachable: (platform) => wake(platform),
    onChange: () => {
      rewording = rewording.then(reword).catch((error: unknown) => options.log.warn('Updating what waits failed.', error));
      ctx().queueChanged();
    },
  });
  parts.add('connectivity', () => reachability.dispose());

  /** Wakes the sleeping jobs of a platform's waiting targets, due first. */
  async function wake(platform: Platform): Promise<void> {
    const { store, queue } = ctx();
    const waiting = await store.waitingTargets(platform);
    let lost = 0;
    for (const target of waiting) {
      const job = await queue.getJob(jobIdFor(target.id, target.revision));
      const state = job ? await job.getState() : 'missing';
      // Active: its run is putting it to sleep right now and wakes it itself. Waiting: it is on its way already.
      if (state === 'delayed') await job?.promote().catch((error: unknown) => options.log.debug(`Could not wake job ${job.id}.`, error));
      else if (state === 'missing' || state === 'completed' || state === 'failed') lost += 1;
    }
    if (waiting.length > 0) options.log.info(`${platform} answers again: ${waiting.length} waiting publish(es) go now.`);
    // A job lost with a wiped Redis, or one that ended while its target still waits: rebuilt as at start.
    if (lost > 0) await options.rebuildJobs();
  }

  /** Makes every wait say why it waits now: the network, or its platform alone. */
  async function reword(): Promise<void> {
    const { store, now } = ctx();
    const reason = reachability.waitReason();
    for (const { platform } of await store.waitingPlatforms()) {
      for (const target of await store.waitingTargets(platform)) {
        if (target.waiting_for === reason) continue;
        const moved = await store.wait(target, { reason, now: now() });
        if (moved.ok) announceTarget(ctx(), moved.target);
      }
    }
  }

  return reachability;
}
