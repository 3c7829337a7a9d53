import { afterEach, describe, expect, it, vi } from 'vitest';
import type { QueueStats } from '../../shared/domain';

/** A page's window.api whose queue answers (stats, pause, network check) wait until released, and whose events the test sends. */
function bridge() {
  const listeners = new Map<string, (payload: unknown) => void>();
  const answers: Array<(stats: QueueStats) => void> = [];
  (globalThis as { window?: unknown }).window = {
    api: {
      invoke: (channel: string) => {
        if (!['queue:stats', 'queue:pause', 'queue:checkNetwork'].includes(channel)) throw new Error(`unexpected ${channel}`);
        return new Promise((resolve) => answers.push((stats) => resolve({ ok: true, value: stats })));
      },
      on: (event: string, listener: (payload: unknown) => void) => {
        listeners.set(event, listener);
        return () => listeners.delete(event);
      },
    },
  };
  return {
    answer: (stats: QueueStats) => answers.shift()?.(stats),
    send: (stats: QueueStats) => listeners.get('queue:changed')?.({ stats }),
  };
}

/** Stats told apart by their waiting count; the rest does not matter here. */
const stats = (waiting: number) => ({ counts: { waiting } }) as unknown as QueueStats;
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The store of a fresh page, its first load answered, and a second reading of the counts asked for. */
async function readingAfterStart() {
  const page = bridge();
  vi.resetModules();
  const store = await import('../../renderer/src/lib/queue-stats-store');
  store.queueStatsResource.start();
  page.answer(stats(1));
  await settle();
  return { page, store, resource: store.queueStatsResource, read: store.readQueueStats() };
}

describe('the queue counts read beside a screen', () => {
  afterEach(() => {
    delete (globalThis as { window?: unknown }).window;
  });

  it('shows the answer when no event came meanwhile', async () => {
    const { page, resource, read } = await readingAfterStart();
    page.answer(stats(2));
    await read;
    expect(currentOf(resource)).toEqual(stats(2));
  });

  it('keeps an event that arrived while the counts were read: the engine sends one after every change', async () => {
    const { page, resource, read } = await readingAfterStart();
    page.send(stats(3));
    page.answer(stats(2));
    await read;
    expect(currentOf(resource)).toEqual(stats(3));
  });

  it.each([
    ['pausing', (store: QueueStore) => store.setQueuePaused(true)],
    ['checking the network', (store: QueueStore) => store.checkNetworkNow()],
  ])('keeps an event that arrived while %s was answered, and hands the answer back', async (_action, act) => {
    const { page, store, resource, read } = await readingAfterStart();
    page.answer(stats(2));
    await read;
    const acting = act(store);
    page.send(stats(4));
    page.answer(stats(3));
    expect(await acting).toEqual(stats(3));
    expect(currentOf(resource)).toEqual(stats(4));
  });
});

type QueueStore = typeof import('../../renderer/src/lib/queue-stats-store');

/** The resource's value, as a screen would read it (without React). */
function currentOf(resource: { update: (change: (current: QueueStats) => QueueStats) => void }): QueueStats | null {
  let seen: QueueStats | null = null;
  resource.update((current) => (seen = current));
  return seen;
}
