// A user's action raced against the worker at the due time, hundreds of times each: cancel, edit, reschedule and
// retry. The real service, processor and SQLite store (in memory) and the feed platform over real HTTP; the queue is
// in memory so the worker takes a job the moment it is due, and the user acts after a random delay that spans the
// whole publish (before the claim, during the platform call, after it). Whatever the interleaving, what is stored
// must be what reached the platform, and an answer of "ok" must be true: a cancel that answered ok sent nothing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import type { AccountRow } from '../../electron/engine/db/tables';
import type { FeedFault } from '../fakes/feed/feed-server';
import { openHarness, type Harness } from '../helpers/publishing-harness';

const TRIALS = 200;
/** Each side's head start is drawn from 0 to this many turns of the event loop; a publish takes about that many. */
const MAX_TURNS = 40;

let h: Harness;
let account: AccountRow;

beforeAll(async () => {
  h = await openHarness();
  account = await h.account();
});

beforeEach(() => {
  tally = { ok: 0, conflict: 0 };
});

afterAll(async () => {
  await h.close();
});

/** A seeded generator, so a failing trial can be run again as it was. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

type Answer = 'ok' | 'conflict';

/** How the user's actions of one test were answered. */
let tally = { ok: 0, conflict: 0 };

/** The user's action: ok, or refused as a conflict (anything else fails the test). */
async function answer(action: () => Promise<unknown>): Promise<Answer> {
  try {
    await action();
    tally.ok += 1;
    return 'ok';
  } catch (error) {
    if (error instanceof AppError && error.code === 'conflict') {
      tally.conflict += 1;
      return 'conflict';
    }
    throw error;
  }
}

/** The worker: runs the target's job each time it is due, until `done` and nothing is due or running. */
async function worker(targetId: string, done: () => boolean): Promise<void> {
  for (;;) {
    const job = h.queue.jobOf(targetId);
    if (job && job.state !== 'active' && job.dueAt <= h.context.now()) {
      await h.run(job.id);
      continue;
    }
    if (done()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Lets `turns` turns of the event loop pass: the unit of every step of a publish (a write, a socket read). */
async function turns(count: number): Promise<void> {
  for (let turn = 0; turn < count; turn += 1) await new Promise((resolve) => setImmediate(resolve));
}

/** Each side starts after a random number of turns, so the action lands before, inside and after the publish. */
async function race(targetId: string, next: () => number, action: () => Promise<unknown>): Promise<Answer> {
  let settled = false;
  const user = turns(Math.floor(next() * MAX_TURNS))
    .then(() => answer(action))
    .finally(() => (settled = true));
  await Promise.all([turns(Math.floor(next() * MAX_TURNS)).then(() => worker(targetId, () => settled)), user]);
  h.feed.clearFaults();
  return user;
}

/** A post due now with a text no other trial uses. */
async function duePost(text: string) {
  const post = await h.service.save({
    text,
    targets: [{ accountId: account.id }],
    mode: 'schedule',
    scheduledAt: new Date(h.context.now()).toISOString(),
  });
  return { postId: post.id, targetId: post.targets[0]?.id ?? '' };
}

/**
 * What is stored agrees with the platform: a published target has exactly one post there, with its id and the text
 * stored; any other has none; nothing is left publishing.
 */
async function expectAgreement(postId: string, marker: string) {
  const stored = await h.memory.store.post(postId);
  const target = stored?.targets[0];
  if (!stored || !target) throw new Error(`post ${postId} is gone`);
  const sent = h.feed.posts.filter((post) => post.text.startsWith(marker));
  expect(target.status, marker).not.toBe('publishing');
  if (target.status === 'published') {
    expect(sent, marker).toHaveLength(1);
    expect(sent[0]).toMatchObject({ id: target.platform_post_id, text: stored.post.text });
  } else {
    expect(sent, `${marker} is ${target.status}`).toEqual([]);
  }
  return { post: stored.post, target, sent };
}

/** The delays spanned the publish: some actions came in time (ok), some too late (refused). */
function expectBothAnswers(): void {
  expect(tally.ok).toBeGreaterThan(0);
  expect(tally.conflict).toBeGreaterThan(0);
}

/** A fault on the platform for some trials, so the race also meets retries and outcomes settled by asking. */
function faultFor(trial: number): FeedFault | undefined {
  const faults: (FeedFault | undefined)[] = [undefined, undefined, { kind: 'unavailable' }, { kind: 'server-error' }, { kind: 'drop-after-create' }];
  return faults[trial % faults.length];
}

describe(`a user's action raced against the worker at the due time (${TRIALS} trials each)`, () => {
  it('cancel: an ok means nothing was sent and the target is cancelled; a refusal means it went out once', async () => {
    const next = random(1);
    for (let trial = 0; trial < TRIALS; trial += 1) {
      const marker = `[cancel ${trial}]`;
      const { postId, targetId } = await duePost(`${marker} text`);
      const fault = faultFor(trial);
      if (fault) h.feed.failNext(fault);
      const answered = await race(targetId, next, () => h.service.cancelScheduledPost(postId));
      const { target, sent } = await expectAgreement(postId, marker);
      if (answered === 'ok') {
        expect(sent, marker).toEqual([]);
        expect(target.status, marker).toBe('cancelled');
      } else {
        expect(target.status, marker).toBe('published');
      }
    }
    expectBothAnswers();
  });

  it('edit: what went out is the text stored, and an ok edit of a post that went out means the new text went out', async () => {
    const next = random(2);
    for (let trial = 0; trial < TRIALS; trial += 1) {
      const marker = `[edit ${trial}]`;
      const { postId, targetId } = await duePost(`${marker} before`);
      const fault = faultFor(trial);
      if (fault) h.feed.failNext(fault);
      const answered = await race(targetId, next, () => h.service.save({ id: postId, text: `${marker} after` }));
      const { post, target, sent } = await expectAgreement(postId, marker);
      expect(target.status, marker).toBe('published');
      expect(post.text, marker).toBe(answered === 'ok' ? `${marker} after` : `${marker} before`);
      expect(sent[0]?.text, marker).toBe(post.text);
    }
    expectBothAnswers();
  });

  it('reschedule: an ok means nothing was sent and the target waits at its new time; a refusal means it went out once', async () => {
    const next = random(3);
    for (let trial = 0; trial < TRIALS; trial += 1) {
      const marker = `[reschedule ${trial}]`;
      const { postId, targetId } = await duePost(`${marker} text`);
      const fault = faultFor(trial);
      if (fault) h.feed.failNext(fault);
      const later = h.context.now() + 3_600_000;
      const answered = await race(targetId, next, () => h.service.reschedulePost(postId, new Date(later).toISOString()));
      const { target, sent } = await expectAgreement(postId, marker);
      if (answered === 'ok') {
        expect(sent, marker).toEqual([]);
        expect(target, marker).toMatchObject({ status: 'pending', due_at: later });
        // Only the new time's job is left.
        expect(h.queue.jobOf(targetId)?.dueAt, marker).toBeGreaterThan(h.context.now() + 3_000_000);
        await h.service.deletePost(postId);
      } else {
        expect(target.status, marker).toBe('published');
      }
    }
    expectBothAnswers();
  });

  it('retry, clicked twice while the worker takes the requeued job: it goes out once, and at least one click is ok', async () => {
    const next = random(4);
    for (let trial = 0; trial < TRIALS; trial += 1) {
      const marker = `[retry ${trial}]`;
      const { postId, targetId } = await duePost(`${marker} text`);
      h.feed.failNext({ kind: 'invalid' });
      await worker(targetId, () => true);
      expect((await h.memory.store.target(targetId))?.status, marker).toBe('failed');

      const fault = faultFor(trial);
      if (fault) h.feed.failNext(fault);
      let settled = 0;
      const click = (head: number) =>
        turns(head)
          .then(() => answer(() => h.service.retryFailed(postId)))
          .finally(() => (settled += 1));
      const clicks = [click(Math.floor(next() * MAX_TURNS)), click(Math.floor(next() * MAX_TURNS))];
      await Promise.all([worker(targetId, () => settled === 2), ...clicks]);
      h.feed.clearFaults();
      const answered = await Promise.all(clicks);

      const { target } = await expectAgreement(postId, marker);
      expect(target.status, marker).toBe('published');
      expect(answered, marker).toContain('ok');
    }
  });
});

describe('two claims of one target at once', () => {
  it('exactly one wins, and only one attempt is written', async () => {
    for (let trial = 0; trial < TRIALS; trial += 1) {
      // No worker runs here: the two claims are the only ones.
      const { targetId } = await duePost(`[claim ${trial}]`);
      const target = await h.memory.store.target(targetId);
      if (!target) throw new Error('no target');
      const request = { revision: target.revision, jobId: `pp-${targetId}-r${target.revision}`, now: h.context.now(), earlyToleranceMs: 1000 };
      const claims = await Promise.all([h.memory.store.claim(target, request), h.memory.store.claim(target, request)]);
      expect(claims.filter((claim) => claim.ok)).toHaveLength(1);
      expect(await h.memory.store.target(targetId)).toMatchObject({ status: 'publishing', attempt_count: 1 });
    }
  });
});
