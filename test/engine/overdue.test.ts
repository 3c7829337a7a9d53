// Overdue on start: late by less than the tolerance publishes; later becomes missed, says so, and is reported.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TargetView } from '../../shared/domain';
import { createEngine, type Engine } from '../../electron/engine/engine';
import { FeedPublisher } from '../fakes/feed/feed-publisher';
import { FeedServer } from '../fakes/feed/feed-server';
import { addAccount, FAST_QUEUE, makeDataDir, removeDataDir, startTestEngine, testEnv } from '../helpers/test-engine';
import { sleep, waitFor } from '../helpers/wait-for';

let feed: FeedServer;
let dataDir: string;
const engines: Engine[] = [];

beforeEach(async () => {
  feed = await new FeedServer().start();
  dataDir = makeDataDir();
});

afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.stop();
  await feed.close();
  removeDataDir(dataDir);
});

/** Schedules a post 1 s ahead, then stops the engine before it is due. */
async function scheduleAndStop(): Promise<string> {
  const first = await startTestEngine({ dataDir, publishers: { facebook: new FeedPublisher('facebook', feed.origin) } });
  const account = await addAccount(first, 'facebook');
  await first.api.invoke('settings:set', { lateToleranceMinutes: 60 });
  const post = await first.api.invoke('posts:create', {
    text: 'Good morning',
    targets: [{ accountId: account.id }],
    mode: 'schedule',
    scheduledAt: new Date(Date.now() + 1000).toISOString(),
  });
  await first.stop();
  await sleep(1200);
  return post.id;
}

/** Starts again as if the machine had been off for `offMinutes`. */
async function restartLater(offMinutes: number): Promise<{ engine: Engine; missed: TargetView[] }> {
  const missed: TargetView[] = [];
  const engine = createEngine({
    dataDir,
    env: testEnv(),
    appRoot: process.cwd(),
    queue: FAST_QUEUE,
    publishers: { facebook: new FeedPublisher('facebook', feed.origin) },
    now: () => Date.now() + offMinutes * 60_000,
  });
  engine.events.on('targets:missed', ({ targets }) => missed.push(...targets));
  engines.push(engine);
  await engine.start();
  return { engine, missed };
}

describe('overdue posts', () => {
  it('publishes a post that is late by less than the tolerance', async () => {
    const postId = await scheduleAndStop();
    const { engine, missed } = await restartLater(30);
    await waitFor(
      () => engine.api.invoke('posts:get', { id: postId }),
      (p) => p.status === 'published',
    );
    expect(feed.posts).toHaveLength(1);
    expect(missed).toEqual([]);
  });

  it('marks a post later than the tolerance as missed, reports it, and never publishes it', async () => {
    const postId = await scheduleAndStop();
    const { engine, missed } = await restartLater(90);
    const post = await engine.api.invoke('posts:get', { id: postId });
    expect(post.status).toBe('failed');
    expect(post.targets[0]?.status).toBe('failed');
    expect(post.targets[0]?.errorMessage).toMatch(/^Missed: it was due at .* more than 60 minutes later/);
    expect(missed.map((t) => t.id)).toEqual([post.targets[0]?.id]);
    expect((await engine.api.invoke('queue:stats', {})).counts.delayed).toBe(0);
    await sleep(500);
    expect(feed.createRequests).toBe(0);
  });
});

describe('waking from sleep', () => {
  it('after a sleep past due times, wake publishes what is late within the tolerance and marks later ones missed', async () => {
    let sleptMs = 0;
    const engine = await startTestEngine({
      dataDir,
      publishers: { facebook: new FeedPublisher('facebook', feed.origin) },
      now: () => Date.now() + sleptMs,
    });
    engines.push(engine);
    const missed: TargetView[] = [];
    engine.events.on('targets:missed', ({ targets }) => missed.push(...targets));
    await engine.api.invoke('settings:set', { lateToleranceMinutes: 60 });
    const account = await addAccount(engine, 'facebook');
    const schedule = (text: string, minutes: number) =>
      engine.api.invoke('posts:create', {
        text,
        targets: [{ accountId: account.id }],
        mode: 'schedule',
        scheduledAt: new Date(Date.now() + minutes * 60_000).toISOString(),
      });
    const breakfast = await schedule('Good morning', 10);
    const lunch = await schedule('Lunch special', 150);
    const dinner = await schedule('Dinner tonight', 240);

    // The lid stays closed for three hours: the wall clock jumps, and no timer fired meanwhile (Redis's delayed jobs
    // keep the test's real time, so none comes due by itself). Only wake can act.
    sleptMs = 3 * 3_600_000;
    await engine.wake();

    const post = (id: string) => engine.api.invoke('posts:get', { id });
    // 2 h 50 min late: missed at once, said, reported, never published.
    const missedPost = await post(breakfast.id);
    expect(missedPost.targets[0]?.status).toBe('failed');
    expect(missedPost.targets[0]?.errorMessage).toMatch(/^Missed: it was due at .* more than 60 minutes later/);
    expect(missed.map((target) => target.id)).toEqual([missedPost.targets[0]?.id]);
    // 30 min late: published, once.
    await waitFor(
      () => post(lunch.id),
      (p) => p.status === 'published',
    );
    // Still an hour ahead: waits, with its job in the queue.
    expect((await post(dinner.id)).status).toBe('scheduled');
    expect((await engine.api.invoke('queue:stats', {})).counts.delayed).toBe(1);
    await sleep(500);
    expect(feed.posts.map((p) => p.text)).toEqual(['Lunch special']);
  });
});

describe('a late tolerance of 0', () => {
  it('still publishes on time and on "publish now": only a post really late is missed, not one late by its own dispatch', async () => {
    const engine = await startTestEngine({ dataDir, publishers: { facebook: new FeedPublisher('facebook', feed.origin) } });
    engines.push(engine);
    const missed: TargetView[] = [];
    engine.events.on('targets:missed', ({ targets }) => missed.push(...targets));
    await engine.api.invoke('settings:set', { lateToleranceMinutes: 0 });
    const account = await addAccount(engine, 'facebook');
    const now = await engine.api.invoke('posts:create', { text: 'Right now', targets: [{ accountId: account.id }], mode: 'now' });
    const scheduled = await engine.api.invoke('posts:create', {
      text: 'On the dot',
      targets: [{ accountId: account.id }],
      mode: 'schedule',
      scheduledAt: new Date(Date.now() + 800).toISOString(),
    });
    for (const id of [now.id, scheduled.id]) {
      await waitFor(
        () => engine.api.invoke('posts:get', { id }),
        (p) => p.status !== 'scheduled' && p.status !== 'publishing',
      );
      expect((await engine.api.invoke('posts:get', { id })).status).toBe('published');
    }
    expect(missed).toEqual([]);
    expect(feed.posts.map((p) => p.text).sort()).toEqual(['On the dot', 'Right now']);
  });
});
