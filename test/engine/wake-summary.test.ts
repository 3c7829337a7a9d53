// The wake summary, on a real engine (redis-server, SQLite file, a feed platform over HTTP): after a simulated sleep
// past due times, one summary says what became of the posts due meanwhile, built from the stored targets, follows
// them as they go out late, survives a restart, and its two actions (publish now, reschedule) are one engine call
// each on the posts that missed their time. Two real sleeps in a row (the whole process frozen while Redis keeps time)
// each get their own summary, also when the engine has settled the posts before it hears of the wake.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WakeSummary } from '../../shared/wake-summary';
import { wakeSummaryText } from '../../shared/wake-summary';
import type { Engine } from '../../electron/engine/engine';
import { AppError } from '../../shared/errors';
import { FeedPublisher } from '../fakes/feed/feed-publisher';
import { FeedServer } from '../fakes/feed/feed-server';
import { addAccount, makeDataDir, removeDataDir, startTestEngine } from '../helpers/test-engine';
import { sleep, waitFor } from '../helpers/wait-for';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

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

/** An engine whose clock the test moves (the lid closed: the wall clock jumps, no timer fired meanwhile). */
async function engineWithClock(clock: { sleptMs: number }): Promise<Engine> {
  const engine = await startTestEngine({
    dataDir,
    publishers: { facebook: new FeedPublisher('facebook', feed.origin) },
    now: () => Date.now() + clock.sleptMs,
  });
  engines.push(engine);
  return engine;
}

/**
 * Three posts, then three hours asleep: breakfast (due in 10 min) is missed, lunch (due in 150 min) goes out late,
 * dinner (due in 4 h) is not due yet. (One late post: with the test's clock moved, Redis keeps real time, so only the
 * engine's due timer can start a late job, one per firing; after a real sleep Redis starts every due job at once.)
 */
async function sleepPastDueTimes(engine: Engine, clock: { sleptMs: number }) {
  await engine.api.invoke('settings:set', { lateToleranceMinutes: 60 });
  const account = await addAccount(engine, 'facebook');
  const schedule = (text: string, minutes: number) =>
    engine.api.invoke('posts:create', {
      text,
      targets: [{ accountId: account.id }],
      mode: 'schedule',
      scheduledAt: new Date(Date.now() + minutes * MINUTE).toISOString(),
      timeZone: 'Europe/Berlin',
    });
  const breakfast = await schedule('Good morning', 10);
  const lunch = await schedule('Lunch special', 150);
  const dinner = await schedule('Dinner tonight', 240);
  const asleepSince = Date.now();
  clock.sleptMs = 3 * HOUR;
  return { breakfast, lunch, dinner, asleepSince };
}

/**
 * The lid closed for real: the whole process (engine included) stands still, no timer fires, while Redis (its own
 * process) keeps time. Atomics.wait blocks the thread as a suspended process is.
 */
function freeze(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.max(0, ms));
}

/** Posts due a moment ahead, then a real sleep past their due times; answers them and when the sleep began. */
async function sleepThrough(engine: Engine, accountId: string, texts: readonly string[]) {
  const firstDue = Date.now() + 2_000;
  const posts = [];
  for (const [index, text] of texts.entries()) {
    posts.push(
      await engine.api.invoke('posts:create', {
        text,
        targets: [{ accountId }],
        mode: 'schedule',
        scheduledAt: new Date(firstDue + index * 200).toISOString(),
      }),
    );
  }
  const asleepSince = Date.now();
  // Else a post went out on time before the sleep, and the night proves nothing.
  expect(asleepSince, 'the set-up ended before the first due time').toBeLessThan(firstDue);
  freeze(firstDue + texts.length * 200 + 1_500 - Date.now());
  return { posts, asleepSince };
}

/** Waits until the engine itself has taken up these posts after the sleep: each sent or given up, none waiting. */
const caughtUp = (engine: Engine, posts: readonly { id: string }[]) =>
  waitFor(
    () => Promise.all(posts.map((post) => engine.api.invoke('posts:get', { id: post.id }))),
    (stored) => stored.every((post) => post.targets.every((target) => target.status === 'published' || target.status === 'failed')),
    20_000,
    'the engine to catch up after the sleep',
  );

const settled = (engine: Engine, accept: (summary: WakeSummary) => boolean, label: string) =>
  waitFor(
    () => engine.api.invoke('wake:summary', {}),
    (summary): summary is WakeSummary => summary !== null && accept(summary),
    20_000,
    label,
  ) as Promise<WakeSummary>;

describe('the wake summary', () => {
  it('says once what became of the posts due while asleep, follows them as they go out, and survives a restart', async () => {
    const clock = { sleptMs: 0 };
    const engine = await engineWithClock(clock);
    const sent: WakeSummary[] = [];
    engine.events.on('wake:summary', ({ summary }) => sent.push(summary));
    const { breakfast, lunch, dinner, asleepSince } = await sleepPastDueTimes(engine, clock);

    const atWake = await engine.wake({ asleepSince });
    expect(atWake).not.toBeNull();
    expect(atWake?.posts.map((post) => post.postId)).toEqual([breakfast.id, lunch.id]);
    expect(atWake?.counts).toMatchObject({ due: 2, missed: 1 });
    expect(atWake?.missedTargetIds).toEqual([breakfast.targets[0]?.id]);

    const done = await settled(engine, (summary) => summary.counts.publishing === 0, 'the late posts to go out');
    expect(done.counts).toEqual({ due: 2, publishedLate: 1, publishing: 0, rescheduled: 0, missed: 1, failed: 0 });
    expect(wakeSummaryText(done)).toBe('2 posts were due while this computer was asleep: 1 published late, 1 missed');
    expect(done.posts.map((post) => [post.text, post.outcome, post.dueAt])).toEqual([
      ['Good morning', 'missed', breakfast.scheduledAt],
      ['Lunch special', 'published', lunch.scheduledAt],
    ]);
    // Sent again as they went out, the last one as stored; never a summary per post.
    await waitFor(
      () => sent.at(-1),
      (last) => last?.counts.publishedLate === 1,
      5_000,
      'the last summary sent to say so',
    );
    expect(new Set(sent.map((summary) => summary.id))).toEqual(new Set([done.id]));
    expect(feed.posts.map((post) => post.text)).toEqual(['Lunch special']);
    expect((await engine.api.invoke('posts:get', { id: dinner.id })).status).toBe('scheduled');

    // Stored, not remembered: a restart answers the same summary.
    await engine.stop();
    engines.splice(engines.indexOf(engine), 1);
    const restarted = await engineWithClock(clock);
    expect(await restarted.api.invoke('wake:summary', {})).toEqual(done);
  }, 60_000);

  it("says a late post waiting out its platform's rate limit is still going out, not rescheduled", async () => {
    const engine = await engineWithClock({ sleptMs: 0 });
    const account = await addAccount(engine, 'facebook');
    await engine.api.invoke('settings:set', { lateToleranceMinutes: 60 });
    // After the night the late post meets a 429: it waits for the limit's reset, its post's time unchanged.
    feed.failNext({ kind: 'rate-limit', resetInSeconds: 4 });
    const night = await sleepThrough(engine, account.id, ['Soup of the day']);
    const [post] = night.posts;
    const waiting = await waitFor(
      () => engine.api.invoke('posts:get', { id: post?.id as string }),
      (stored) => stored.targets[0]?.status === 'pending' && feed.limitedUntil > 0,
      20_000,
      'the late post to wait for the rate limit',
    );
    expect(waiting.scheduledAt).toBe(post?.scheduledAt);
    const meanwhile = (await engine.wake({ asleepSince: night.asleepSince })) as WakeSummary;
    expect(meanwhile.posts.map((entry) => [entry.text, entry.outcome])).toEqual([['Soup of the day', 'publishing']]);
    expect(wakeSummaryText(meanwhile)).not.toContain('rescheduled');

    const done = await settled(engine, (summary) => summary.counts.publishing === 0, 'the late post to go out after the reset');
    expect(done.counts).toMatchObject({ publishedLate: 1, rescheduled: 0 });
    expect(feed.posts.map((entry) => entry.text)).toEqual(['Soup of the day']);
  }, 60_000);

  it('publishes the missed posts now in one call, once, and refuses a second call changing nothing', async () => {
    const clock = { sleptMs: 0 };
    const engine = await engineWithClock(clock);
    const { breakfast, asleepSince } = await sleepPastDueTimes(engine, clock);
    const atWake = (await engine.wake({ asleepSince })) as WakeSummary;
    await settled(engine, (summary) => summary.counts.publishing === 0, 'the late posts to go out');

    const answered = await engine.api.invoke('wake:publishNow', { id: atWake.id });
    expect(answered.counts).toMatchObject({ missed: 0 });
    expect(answered.missedTargetIds).toEqual([]);
    const done = await settled(engine, (summary) => summary.counts.publishedLate === 2, 'the missed post to go out');
    expect(wakeSummaryText(done)).toBe('2 posts were due while this computer was asleep: 2 published late');
    expect((await engine.api.invoke('posts:get', { id: breakfast.id })).targets[0]).toMatchObject({ status: 'published' });
    expect(feed.posts.filter((post) => post.text === 'Good morning')).toHaveLength(1);

    const again = await engine.api.call('wake:publishNow', { id: atWake.id });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await sleep(300);
    expect(feed.posts.filter((post) => post.text === 'Good morning')).toHaveLength(1);
    await expect(engine.api.invoke('wake:publishNow', { id: 'no-such-summary' })).rejects.toThrow(AppError);
  }, 60_000);

  it('reschedules the missed posts to the next time their clock shows their hour, and dismissing ends the summary', async () => {
    const clock = { sleptMs: 0 };
    const engine = await engineWithClock(clock);
    const { breakfast, asleepSince } = await sleepPastDueTimes(engine, clock);
    const atWake = (await engine.wake({ asleepSince })) as WakeSummary;
    await settled(engine, (summary) => summary.counts.publishing === 0, 'the late posts to go out');

    const answered = await engine.api.invoke('wake:reschedule', { id: atWake.id });
    // Rescheduled, it waits again: the summary says so, no longer missed.
    expect(answered.counts).toMatchObject({ missed: 0, publishing: 0, rescheduled: 1, publishedLate: 1 });
    expect(wakeSummaryText(answered)).toBe('2 posts were due while this computer was asleep: 1 published late, 1 rescheduled');
    const moved = await engine.api.invoke('posts:get', { id: breakfast.id });
    const dueBefore = Date.parse(breakfast.scheduledAt as string);
    // 3 h later it is 2 h 50 min past breakfast: the same minute of the next day, on a Berlin clock.
    const berlin = (iso: string) =>
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
    const dayAfter = new Date(dueBefore + 24 * HOUR).toISOString();
    expect(moved.status).toBe('scheduled');
    expect(berlin(moved.scheduledAt as string).slice(-5)).toBe(berlin(breakfast.scheduledAt as string).slice(-5));
    expect(Math.abs(Date.parse(moved.scheduledAt as string) - Date.parse(dayAfter))).toBeLessThanOrEqual(HOUR);
    expect(berlin(moved.scheduledAt as string).slice(0, 10)).toBe(berlin(dayAfter).slice(0, 10));
    expect(moved.targets[0]).toMatchObject({ status: 'pending' });
    await sleep(300);
    expect(feed.posts.filter((post) => post.text === 'Good morning')).toEqual([]);

    await engine.api.invoke('wake:dismiss', { id: atWake.id });
    expect(await engine.api.invoke('wake:summary', {})).toBeNull();
  }, 60_000);

  it('gives each of two sleeps in a row its own summary, also when the posts were settled before the wake was heard', async () => {
    const engine = await engineWithClock({ sleptMs: 0 });
    const account = await addAccount(engine, 'facebook');

    // The first night: nothing may go out late, so both miss. The engine settles them as soon as it runs again, and
    // the system's resume event comes after that (it often does): the summary still lists them.
    await engine.api.invoke('settings:set', { lateToleranceMinutes: 0 });
    const first = await sleepThrough(engine, account.id, ['Fresh bread at 7', 'Croissants are out']);
    await caughtUp(engine, first.posts);
    const firstSummary = await engine.wake({ asleepSince: first.asleepSince });
    expect(firstSummary?.posts.map((post) => [post.postId, post.outcome])).toEqual(first.posts.map((post) => [post.id, 'missed']));
    await engine.api.invoke('settings:set', { lateToleranceMinutes: 60 });
    await engine.api.invoke('wake:publishNow', { id: firstSummary?.id as string });
    await settled(engine, (summary) => summary.counts.publishedLate === 2, "the first night's posts to go out");

    // The second night, a minute later and within the late tolerance: the post goes out late before the wake is heard.
    const second = await sleepThrough(engine, account.id, ['Bagels until noon']);
    await caughtUp(engine, second.posts);
    const secondSummary = await engine.wake({ asleepSince: second.asleepSince });
    expect(secondSummary?.id).not.toBe(firstSummary?.id);
    expect(secondSummary?.posts.map((post) => [post.text, post.outcome])).toEqual([['Bagels until noon', 'published']]);
    expect(wakeSummaryText(secondSummary as WakeSummary)).toBe('1 post was due while this computer was asleep: 1 published late');
    expect((await engine.api.invoke('wake:summary', {}))?.id).toBe(secondSummary?.id);
    expect(feed.posts.map((post) => post.text).sort()).toEqual(['Bagels until noon', 'Croissants are out', 'Fresh bread at 7']);
  }, 60_000);

  it('without the time it slept, counts the posts overdue at the wake that never started; nothing due means no summary', async () => {
    const clock = { sleptMs: 0 };
    const engine = await engineWithClock(clock);
    expect(await engine.wake()).toBeNull();
    await sleepPastDueTimes(engine, clock);
    const atWake = await engine.wake();
    expect(atWake?.counts).toMatchObject({ due: 2, missed: 1 });
  }, 60_000);
});
