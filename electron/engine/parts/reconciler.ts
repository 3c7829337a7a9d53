// Runs reconcile one at a time: a request during one runs after it. A stop waits for the one in flight.
import type { DisposableStore } from '../disposable-store';
import type { PublishingContext } from '../publishing/context';
import { reconcile, type ReconcileReport } from '../publishing/reconcile';

export type Reconcile = (atStart: boolean) => Promise<ReconcileReport>;

export function reconcilerPart(parts: DisposableStore, context: PublishingContext, running: () => ReadonlySet<string>): Reconcile {
  let latest: Promise<unknown> = Promise.resolve();
  parts.add('reconcile', () => latest.then(() => undefined));
  return (atStart) => {
    const next = latest.catch(() => undefined).then(() => reconcile(context, { atStart, running: running() }));
    latest = next.catch(() => undefined);
    return next;
  };
}
