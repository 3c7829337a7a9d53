// The service and reconcile on their own: the real service, processor and reconcile over the real SQLite store (in
// memory) and the feed platform over real HTTP, with an in-memory queue in place of BullMQ. The queue must follow
// the stored rows after every action; the real-Redis side of this is publishing.test.ts and chaos.test.ts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import type { AccountRow } from '../../electron/engine/db/tables';
import { jobIdFor } from '../../electron/engine/publishing/job-id';
import { openHarness, type Harness } from '../helpers/publishing-harness';

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

async function schedule(text: string, inMs: number) {
  return h.service.save({ text, targets: [{ accountId: account.id }], mode: 'schedule', scheduledAt: isoIn(inMs) });
}

async function stored(targetId: string) {
  const target = await h.memory.store.target(targetId);
  if (!target) throw new Error(`no target ${targetId}`);
  return target;
}

/** The ids of the jobs waiting to run, delayed or not. */
const queued = () => [...h.queue.ids('waiting'), ...h.queue.ids('delayed')].sort();

async function refusal(action: Promise<unknown>): Promise<AppError> {
  const error = await action.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof AppError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

describe('PublishingService', () => {
  it('save schedules a new post with one job at its time, and a draft with none', async () => {
    const before = Date.now();
    const post = await schedule('Scheduled', 60_000);
    const elapsed = Date.now() - before;
    const target = post.targets[0];
    expect(post.status).toBe('scheduled');
    expect(queued()).toEqual([jobIdFor(target?.id ?? '', 1)]);
    // A queue turns the due time into a delay from its own now (as BullMQ does), so it lands at most as far from the
    // due time as the save took; a bound from the clock would fail on a loaded machine.
    const jobDueAt = h.queue.jobs.get(jobIdFor(target?.id ?? '', 1))?.dueAt ?? 0;
    expect(Math.abs(jobDueAt - Date.parse(post.scheduledAt ?? ''))).toBeLessThanOrEqual(elapsed);

    await h.service.save({ text: 'Draft', targets: [{ accountId: account.id }], mode: 'draft' });
    expect(queued()).toHaveLength(1);
  });

  it('refuses an unknown account as bad input naming the field, and stores nothing', async () => {
    const error = await refusal(h.service.save({ text: 'Nobody', targets: [{ accountId: 'no-such-account' }], mode: 'now' }));
    expect(error).toMatchObject({ code: 'validation', field: 'targets.0.accountId' });
    expect(await h.memory.store.posts({ order: 'asc', limit: null })).toEqual([]);
    expect(queued()).toEqual([]);
  });

  it('cancel moves the waiting targets to cancelled and removes their jobs', async () => {
    const post = await schedule('Cancel me', 60_000);
    const cancelled = await h.service.cancelScheduledPost(post.id);

    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.targets.map((target) => target.status)).toEqual(['cancelled']);
    expect(queued()).toEqual([]);
    expect((await refusal(h.service.cancelScheduledPost(post.id))).message).toMatch(/already cancelled/);
  });

  it('cancel refuses while the worker holds the target, and the post goes out as the answer implies', async () => {
    const post = await schedule('Too late to cancel', 0);
    const targetId = post.targets[0]?.id ?? '';
    h.feed.failNext({ kind: 'hold', ms: 100 });
    const running = h.runTarget(targetId);
    while ((await stored(targetId)).status !== 'publishing') await new Promise((resolve) => setTimeout(resolve, 2));

    expect((await refusal(h.service.cancelScheduledPost(post.id))).message).toMatch(/being published right now/);
    await running;
    expect(await stored(targetId)).toMatchObject({ status: 'published' });
    expect(h.feed.posts).toHaveLength(1);
  });

  it('a cancel that read the post just before the worker claimed it decides again, and refuses', async () => {
    const post = await schedule('Claimed in between', 0);
    const targetId = post.targets[0]?.id ?? '';
    h.feed.failNext({ kind: 'hold', ms: 100 });
    // The worker claims the target right after the service has read the post (still pending) for its decision.
    const { store } = h.memory;
    const read = store.post.bind(store);
    let running: Promise<unknown> | undefined;
    store.post = async (postId) => {
      const stored = await read(postId);
      if (!running) {
        running = h.runTarget(targetId);
        while ((await store.target(targetId))?.status !== 'publishing') await new Promise((resolve) => setTimeout(resolve, 1));
      }
      return stored;
    };
    const changes: boolean[] = [];
    const change = store.changePost.bind(store);
    store.changePost = async (request) => {
      const result = await change(request);
      changes.push(result.ok);
      return result;
    };

    expect((await refusal(h.service.cancelScheduledPost(post.id))).message).toMatch(/being published right now/);
    // The first change, decided on the pending target, met it publishing and changed nothing.
    expect(changes).toEqual([false]);
    await running;
    expect(await stored(targetId)).toMatchObject({ status: 'published' });
    expect(h.feed.posts).toHaveLength(1);
  });

  it('moving a post gives its target a new revision: the old job goes, a new one waits at the new time', async () => {
    const post = await schedule('Move me', 60_000);
    const targetId = post.targets[0]?.id ?? '';
    const moved = await h.service.reschedulePost(post.id, isoIn(120_000));

    expect(await stored(targetId)).toMatchObject({ status: 'pending', revision: 2, due_at: Date.parse(moved.scheduledAt ?? '') });
    expect(queued()).toEqual([jobIdFor(targetId, 2)]);
  });

  it('an edit of the text keeps the job when the time is the same, and the worker publishes the new text', async () => {
    const post = await schedule('First words', 0);
    const targetId = post.targets[0]?.id ?? '';
    await h.service.save({ id: post.id, text: 'Second words' });

    expect(queued()).toEqual([jobIdFor(targetId, 1)]);
    await h.runTarget(targetId);
    expect(h.feed.posts.map((sent) => sent.text)).toEqual(['Second words']);
  });

  it('retry requeues only the failed target with a new job, and publishing it ends the post published', async () => {
    const post = await schedule('Refused once', 0);
    const targetId = post.targets[0]?.id ?? '';
    h.feed.failNext({ kind: 'invalid' });
    await h.runTarget(targetId);
    expect((await stored(targetId)).status).toBe('failed');

    const retried = await h.service.retryFailed(post.id);
    expect(retried.status).toBe('publishing');
    const revision = (await stored(targetId)).revision;
    expect(queued()).toEqual([jobIdFor(targetId, revision)]);
    await h.runTarget(targetId);
    expect((await h.service.getPost(post.id)).status).toBe('published');
    expect(h.feed.posts).toHaveLength(1);
  });

  it('an unknown outcome is retried only when the user names it, and resolved as the user found it', async () => {
    const post = await schedule('Maybe live', 0);
    const targetId = post.targets[0]?.id ?? '';
    const target = await stored(targetId);
    await h.memory.store.claim(target, { revision: 1, jobId: jobIdFor(targetId, 1), now: h.context.now(), earlyToleranceMs: 1000 });
    await h.memory.store.markUnknown(target, { message: 'cannot tell', now: h.context.now() });

    expect((await refusal(h.service.retryFailed(post.id))).message).toMatch(/Nothing to retry/);
    const resolved = await h.service.resolveUnknown({ targetId, outcome: 'published', platformPostUrl: 'https://example.com/found' });
    expect(resolved.targets[0]).toMatchObject({ status: 'published', platformPostUrl: 'https://example.com/found' });
    expect((await refusal(h.service.resolveUnknown({ targetId, outcome: 'failed' }))).code).toBe('conflict');
  });

  it('delete refuses while a target is publishing, and otherwise removes the post and its job', async () => {
    const post = await schedule('Delete me', 60_000);
    await h.service.deletePost(post.id);
    expect(queued()).toEqual([]);
    expect((await refusal(h.service.getPost(post.id))).code).toBe('not_found');
  });
});

describe('reconcile', () => {
  it('gives every waiting target its job back after the queue lost them, and removes jobs no target wants', async () => {
    const first = await schedule('One', 60_000);
    const second = await schedule('Two', 120_000);
    h.queue.jobs.clear();
    await h.queue.addBulk([{ name: 'publish', data: { targetId: 'gone' }, opts: { jobId: jobIdFor('gone', 1), delay: 1000 } }]);

    const report = await h.reconcile({ atStart: true });
    expect(report).toMatchObject({ added: 2, removed: 1, missed: 0, interrupted: 0 });
    expect(queued()).toEqual([jobIdFor(first.targets[0]?.id ?? '', 1), jobIdFor(second.targets[0]?.id ?? '', 1)].sort());
    expect(await h.reconcile({ atStart: false })).toMatchObject({ added: 0, removed: 0 });
  });

  it('at start, marks targets later than the tolerance missed and reports them, without a job', async () => {
    const post = await schedule('Overslept', 1000);
    const targetId = post.targets[0]?.id ?? '';
    h.clock.offsetMs = (h.settings.lateToleranceMinutes + 1) * 60_000;

    expect(await h.reconcile({ atStart: true })).toMatchObject({ missed: 1, added: 0 });
    expect(await stored(targetId)).toMatchObject({ status: 'failed' });
    expect(queued()).toEqual([]);
    expect(h.eventsNamed('targets:missed')).toHaveLength(1);
  });

  it('at start, a target cut off mid-publish gets a fresh job that settles it by asking the platform', async () => {
    const post = await schedule('Cut off', 0);
    const targetId = post.targets[0]?.id ?? '';
    const job = h.queue.jobOf(targetId);
    const target = await stored(targetId);
    await h.memory.store.claim(target, { revision: 1, jobId: jobIdFor(targetId, 1), now: h.context.now(), earlyToleranceMs: 1000 });
    await h.publisher.publish(h.feed.token, 'Cut off');
    // The crashed run's job: BullMQ would find it stalled; here it is simply gone with the process.
    h.queue.jobs.delete(job?.id ?? '');

    expect(await h.reconcile({ atStart: true })).toMatchObject({ interrupted: 1, added: 1 });
    expect(queued()).toEqual([jobIdFor(targetId, 2)]);
    expect((await h.runTarget(targetId)).result).toBe('found');
    expect(h.feed.posts).toHaveLength(1);
  });

  it('later than start, leaves a target the worker is publishing alone', async () => {
    const post = await schedule('In flight', 0);
    const targetId = post.targets[0]?.id ?? '';
    h.feed.failNext({ kind: 'hold', ms: 100 });
    const running = h.runTarget(targetId);
    while ((await stored(targetId)).status !== 'publishing') await new Promise((resolve) => setTimeout(resolve, 2));

    expect(await h.reconcile({ atStart: false, running: h.processor.runningTargets })).toMatchObject({ added: 0, removed: 0 });
    await running;
    expect(h.feed.posts).toHaveLength(1);
    expect((await stored(targetId)).revision).toBe(1);
  });
});
