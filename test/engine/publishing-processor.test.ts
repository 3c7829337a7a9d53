// The processor on its own: the real processor over the real SQLite store (in memory) and the feed platform over
// real HTTP, with an in-memory queue in place of BullMQ so a test decides when each job runs. The same behaviour
// through a real Redis and BullMQ is covered by publishing.test.ts and chaos.test.ts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountRow } from '../../electron/engine/db/tables';
import { jobIdFor } from '../../electron/engine/publishing/job-id';
import { openHarness, type Harness } from '../helpers/publishing-harness';
import { waitFor } from '../helpers/wait-for';

let h: Harness;
let account: AccountRow;

beforeEach(async () => {
  h = await openHarness();
  account = await h.account();
});

afterEach(async () => {
  await h.close();
});

const isoIn = (ms: number) => new Date(h.context.now() + ms).toISOString();

/** A post due now (or in `inMs`) on the feed account; answers its one target's id. */
async function scheduled(text = 'Hello', inMs = 0): Promise<{ postId: string; targetId: string }> {
  const post = await h.service.save({ text, targets: [{ accountId: account.id }], mode: 'schedule', scheduledAt: isoIn(inMs) });
  return { postId: post.id, targetId: post.targets[0]?.id ?? '' };
}

/**
 * How far ahead a job is taken in the tests of the wait for the due instant: within the processor's early tolerance
 * (1 s), so the job is held, not put back, and wide enough for a loaded machine's set-up.
 */
const AHEAD_MS = 900;

/** Waits until shortly before `due` (the job is waiting for its instant by then), not a fixed time after the set-up. */
const untilBefore = (due: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, due - 300 - h.context.now())));

async function stored(targetId: string) {
  const target = await h.memory.store.target(targetId);
  if (!target) throw new Error(`no target ${targetId}`);
  return target;
}

describe('PublishingProcessor', () => {
  it('publishes a due target once, storing the platform id and link and closing its attempt', async () => {
    const { postId, targetId } = await scheduled('Once');
    const job = await h.runTarget(targetId);

    expect(job.state).toBe('completed');
    expect(job.result).toBe('published');
    expect(h.feed.posts.map((post) => post.text)).toEqual(['Once']);
    const target = await stored(targetId);
    expect(target).toMatchObject({ status: 'published', platform_post_id: h.feed.posts[0]?.id, attempt_count: 1 });
    expect(target.platform_post_url).toBe(`${h.feed.origin}/p/${h.feed.posts[0]?.id}`);
    expect(await h.memory.store.latestAttempt(targetId)).toMatchObject({ outcome: 'published' });
    expect((await h.memory.store.post(postId))?.post.status).toBe('published');
    expect(h.eventsNamed('publish:result')).toEqual([expect.objectContaining({ targetId, status: 'published', url: target.platform_post_url })]);
  });

  it('puts a job that starts before its due time back until then, without a platform call or a spent attempt', async () => {
    const { targetId } = await scheduled('Later', 60_000);
    const due = (await stored(targetId)).due_at;
    const job = await h.runTarget(targetId);

    expect(job).toMatchObject({ state: 'delayed', dueAt: due, attemptsMade: 0 });
    expect(h.feed.createRequests).toBe(0);
    expect(await stored(targetId)).toMatchObject({ status: 'pending', attempt_count: 0 });
  });

  it('takes a job promoted ahead of its due instant, and claims and calls the platform at the instant, not before', async () => {
    const { targetId } = await scheduled('Ahead', AHEAD_MS);
    const due = (await stored(targetId)).due_at ?? 0;
    const running = h.runTarget(targetId);
    // Until the instant the target stays pending: nothing shows as publishing that is not, and a cancel still holds.
    await untilBefore(due);
    expect(h.context.now(), 'the set-up took the whole lead').toBeLessThan(due);
    expect(await stored(targetId)).toMatchObject({ status: 'pending', attempt_count: 0 });
    expect(h.feed.createRequests).toBe(0);
    const job = await running;

    expect(job.result).toBe('published');
    expect(h.feed.posts.map((post) => post.text)).toEqual(['Ahead']);
    expect(h.feed.posts[0]?.createdAt).toBeGreaterThanOrEqual(due);
    expect((await h.memory.store.latestAttempt(targetId))?.started_at).toBeGreaterThanOrEqual(due);
  });

  it('leaves a target cancelled while its job waits for the due instant untouched, and sends nothing', async () => {
    const { postId, targetId } = await scheduled('Cancelled at the last moment', AHEAD_MS);
    const due = (await stored(targetId)).due_at ?? 0;
    const running = h.runTarget(targetId);
    await untilBefore(due);
    expect(h.context.now(), 'the set-up took the whole lead').toBeLessThan(due);
    await h.service.cancelScheduledPost(postId);
    const job = await running;

    expect(job.result).toBe('skipped');
    expect(await stored(targetId)).toMatchObject({ status: 'cancelled', attempt_count: 0 });
    expect(h.feed.createRequests).toBe(0);
  });

  it('skips the job of an older revision once the target was rescheduled', async () => {
    const { postId, targetId } = await scheduled('Moved');
    const oldJobId = jobIdFor(targetId, 1);
    await h.service.reschedulePost(postId, isoIn(60_000));
    // The service removed the old job; a copy that was already handed to a worker still runs.
    await h.queue.addBulk([{ name: 'publish', data: { targetId }, opts: { jobId: oldJobId } }]);
    const job = await h.run(oldJobId);

    expect(job.result).toBe('stale');
    expect(h.feed.createRequests).toBe(0);
    expect(await stored(targetId)).toMatchObject({ status: 'pending', revision: 2 });
  });

  it('the job of a post deleted after its job was handed out ends quietly: no platform call, no failed job', async () => {
    const { postId, targetId } = await scheduled('Deleted');
    const jobId = jobIdFor(targetId, 1);
    await h.service.deletePost(postId);
    // The service removed the job; a copy that was already handed to a worker still runs.
    await h.queue.addBulk([{ name: 'publish', data: { targetId }, opts: { jobId } }]);
    const job = await h.run(jobId);

    expect(job).toMatchObject({ state: 'completed', result: 'stale', attemptsMade: 0 });
    expect(h.feed.createRequests).toBe(0);
    expect(h.eventsNamed('publish:result')).toEqual([]);
  });

  it('tells clients the post is publishing as soon as it is claimed, before the platform answers', async () => {
    const { postId, targetId } = await scheduled('On its way');
    h.feed.failNext({ kind: 'hold', ms: 300 });
    const run = h.runTarget(targetId);
    await waitFor(
      () => h.feed.createRequests,
      (n) => n === 1,
    );

    expect(h.eventsNamed('post:changed').at(-1)?.post).toMatchObject({ id: postId, status: 'publishing' });
    expect(h.eventsNamed('target:changed').at(-1)?.target).toMatchObject({ id: targetId, status: 'publishing' });
    await run;
    expect(h.eventsNamed('post:changed').at(-1)?.post.status).toBe('published');
  });

  it('a 500 on create whose post is absent is released and retried, and goes out once', async () => {
    const { targetId } = await scheduled('Absent');
    h.feed.failNext({ kind: 'server-error' });
    const first = await h.runTarget(targetId);

    expect(first).toMatchObject({ state: 'delayed', attemptsMade: 1 });
    expect(await stored(targetId)).toMatchObject({ status: 'pending', attempt_count: 1 });
    const second = await h.runTarget(targetId);
    expect(second.state).toBe('completed');
    expect(h.feed.posts).toHaveLength(1);
    expect(await stored(targetId)).toMatchObject({ status: 'published', attempt_count: 2 });
  });

  it('a post created whose answer never arrived is found by asking the platform, not posted again', async () => {
    const { targetId } = await scheduled('Dropped');
    h.feed.failNext({ kind: 'drop-after-create' });
    const job = await h.runTarget(targetId);

    expect(job.result).toBe('found');
    expect(h.feed.createRequests).toBe(1);
    expect(await stored(targetId)).toMatchObject({ status: 'published', platform_post_id: h.feed.posts[0]?.id });
  });

  it('a target left publishing by a crash is settled by asking the platform: found is published, with no new call', async () => {
    const { targetId } = await scheduled('Crashed after create');
    const target = await stored(targetId);
    // The crashed run: claimed, and the platform made the post, but nothing after that was stored.
    const claim = await h.memory.store.claim(target, { revision: 1, jobId: jobIdFor(targetId, 1), now: h.context.now(), earlyToleranceMs: 1000 });
    expect(claim.ok).toBe(true);
    await h.publisher.publish(h.feed.token, 'Crashed after create');
    const calls = h.publisher.calls;

    const job = await h.runTarget(targetId);
    expect(job.result).toBe('found');
    expect(h.publisher.calls).toBe(calls);
    expect(h.feed.posts).toHaveLength(1);
    expect(await stored(targetId)).toMatchObject({ status: 'published', platform_post_id: h.feed.posts[0]?.id });
    expect(await h.memory.store.latestAttempt(targetId)).toMatchObject({ outcome: 'found' });
  });

  it('a target left publishing whose platform is rate limited waits for the reset to ask, still publishing, spending no try', async () => {
    const { targetId } = await scheduled('Asked after the reset');
    const target = await stored(targetId);
    await h.memory.store.claim(target, { revision: 1, jobId: jobIdFor(targetId, 1), now: h.context.now(), earlyToleranceMs: 1000 });
    const resetAt = h.feed.rateLimitListings(30);
    const job = await h.runTarget(targetId);

    // Waits until the platform may be asked again, without a try spent and without posting blindly.
    expect(job).toMatchObject({ state: 'delayed', dueAt: resetAt, attemptsMade: 0 });
    expect(h.feed.createRequests).toBe(0);
    expect(await stored(targetId)).toMatchObject({
      status: 'publishing',
      error_message: expect.stringMatching(/^Checking whether the post went live: /),
    });
  });

  it('a target left publishing whose post is absent gets a new attempt and goes out once', async () => {
    const { targetId } = await scheduled('Crashed before create');
    const target = await stored(targetId);
    await h.memory.store.claim(target, { revision: 1, jobId: jobIdFor(targetId, 1), now: h.context.now(), earlyToleranceMs: 1000 });

    const job = await h.runTarget(targetId);
    expect(job.result).toBe('published');
    expect(h.feed.posts).toHaveLength(1);
    expect(await stored(targetId)).toMatchObject({ status: 'published', attempt_count: 2 });
  });

  it('two runs of one job at once (a stalled job handed out again) make one post', async () => {
    const { targetId } = await scheduled('Twice handed out');
    h.feed.failNext({ kind: 'hold', ms: 50 });
    const job = h.queue.jobOf(targetId);
    if (!job) throw new Error('no job');
    const results = await Promise.all([h.run(job.id), h.run(job.id)].map((run) => run.then((ran) => ran.result)));

    expect(results.sort()).toEqual(['joined', 'published']);
    expect(h.feed.posts).toHaveLength(1);
    expect(await stored(targetId)).toMatchObject({ status: 'published', attempt_count: 1 });
  });

  it('an auth failure fails the target at once and marks the account needs_reconnect in the same step', async () => {
    const { targetId } = await scheduled('Refused token');
    h.feed.failNext({ kind: 'unauthorized' });
    const job = await h.runTarget(targetId);

    expect(job).toMatchObject({ state: 'failed', attemptsMade: 1 });
    expect(await stored(targetId)).toMatchObject({ status: 'failed' });
    expect((await h.memory.store.accounts([account.id]))[0]?.status).toBe('needs_reconnect');
    expect(h.eventsNamed('account:changed')).toHaveLength(1);
  });

  it('a rate limit releases the target until the reset without spending an attempt', async () => {
    const { targetId } = await scheduled('Slow down');
    h.feed.failNext({ kind: 'rate-limit', resetInSeconds: 30 });
    const job = await h.runTarget(targetId);

    expect(job).toMatchObject({ state: 'delayed', attemptsMade: 0 });
    expect(job.dueAt).toBeGreaterThan(Date.now() + 20_000);
    const target = await stored(targetId);
    expect(target).toMatchObject({ status: 'pending', due_at: job.dueAt });
    expect(await h.memory.store.latestAttempt(targetId)).toMatchObject({ outcome: 'rate_limited' });
  });

  it('a target later than the tolerance is missed: failed, reported, never sent', async () => {
    const { targetId } = await scheduled('Good morning', 1000);
    h.clock.offsetMs = (h.settings.lateToleranceMinutes + 1) * 60_000;
    const job = await h.runTarget(targetId);

    expect(job.result).toBe('missed');
    expect(h.feed.createRequests).toBe(0);
    expect((await stored(targetId)).status).toBe('failed');
    expect(h.eventsNamed('targets:missed')).toEqual([{ targets: [expect.objectContaining({ id: targetId, status: 'failed' })] }]);
  });

  it('spends every try on a platform that stays down, then fails with the last error and the count', async () => {
    const { targetId } = await scheduled('Down');
    h.feed.failNext({ kind: 'unavailable' }, { kind: 'unavailable' }, { kind: 'unavailable' });
    await h.runTarget(targetId);
    await h.runTarget(targetId);
    const last = await h.runTarget(targetId);

    expect(last).toMatchObject({ state: 'failed', attemptsMade: 3 });
    const target = await stored(targetId);
    expect(target.status).toBe('failed');
    expect(target.error_message).toMatch(/briefly unavailable.*gave up after 3 tries/);
    expect(h.feed.posts).toHaveLength(0);
  });

  it('calls the platform for one account one post at a time, in the order the jobs were taken; other accounts go on', async () => {
    const first = await scheduled('First');
    const second = await scheduled('Second');
    const other = await h.account();
    const elsewhere = await h.service.save({ text: 'Elsewhere', targets: [{ accountId: other.id }], mode: 'schedule', scheduledAt: isoIn(0) });
    // The first post is created at once but answered only 300 ms later.
    h.feed.failNext({ kind: 'hold', ms: 300 });
    const runs = [h.runTarget(first.targetId), h.runTarget(second.targetId), h.runTarget(elsewhere.targets[0]?.id ?? '')];
    await Promise.all(runs);

    expect(h.feed.posts.map((post) => post.text)).toEqual(['First', 'Elsewhere', 'Second']);
    const [firstAt = 0, elsewhereAt = 0, secondAt = 0] = h.feed.createTimes;
    // The same account's second call waited for the first answer; the other account's did not.
    expect(secondAt - firstAt).toBeGreaterThanOrEqual(300);
    expect(elsewhereAt - firstAt).toBeLessThan(300);
    expect((await stored(second.targetId)).status).toBe('published');
  });

  it('gives each publish its own abort signal, so calls in flight do not pile listeners onto one', async () => {
    // One signal shared by every run got a listener per request in flight: 11 of 32 at once in a burst made Node warn.
    const signals = new Set<AbortSignal>();
    const publish = h.publisher.publish.bind(h.publisher);
    h.publisher.publish = (accessToken, text, mediaUrls, options) => {
      if (options?.signal) signals.add(options.signal);
      return publish(accessToken, text, mediaUrls, options);
    };
    const accounts = [account, ...(await Promise.all(Array.from({ length: 11 }, () => h.account())))];
    const targets = await Promise.all(
      accounts.map(async (each, i) => {
        const post = await h.service.save({ text: `Flight ${i}`, targets: [{ accountId: each.id }], mode: 'schedule', scheduledAt: isoIn(0) });
        return post.targets[0]?.id ?? '';
      }),
    );
    // Every call is answered only after 300 ms, so all twelve are in flight together.
    h.feed.failNext(...accounts.map(() => ({ kind: 'hold' as const, ms: 300 })));
    await Promise.all(targets.map((targetId) => h.runTarget(targetId)));

    expect(h.feed.posts).toHaveLength(12);
    expect(signals.size).toBe(12);
    expect([...signals].every((signal) => !signal.aborted)).toBe(true);
  });
});
