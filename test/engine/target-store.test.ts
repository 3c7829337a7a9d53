// The one door to a target's state: every edge of the transitions table moves a target, every forbidden one is
// refused and changes nothing, and a user's change to a post is all or nothing. Real SQLite (in memory).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TARGET_STATUSES, type TargetStatus } from '../../shared/domain';
import type { AccountRow, TargetRow } from '../../electron/engine/db/tables';
import { allows, statusAfter, TRANSITION_NAMES, TRANSITIONS, type Transition } from '../../electron/engine/publishing/store/transitions';
import { openMemoryStore, storeAccount, storePost, type MemoryStore } from '../helpers/memory-store';

let memory: MemoryStore;
let account: AccountRow;

beforeEach(async () => {
  memory = await openMemoryStore();
  account = await storeAccount(memory, 'facebook');
});

afterEach(async () => {
  await memory.close();
});

const due = () => Date.now() - 1000;
const claimOf = (target: TargetRow) => ({
  revision: target.revision,
  jobId: `pp-${target.id}-r${target.revision}`,
  now: Date.now(),
  earlyToleranceMs: 1000,
});

async function read(id: string): Promise<TargetRow> {
  const target = await memory.store.target(id);
  if (!target) throw new Error(`no target ${id}`);
  return target;
}

/** A target brought to `status` through the store's own transitions. */
async function targetIn(status: TargetStatus): Promise<TargetRow> {
  const { targets } = await storePost(memory, [account], due());
  const target = targets[0] as TargetRow;
  const { store } = memory;
  const now = Date.now();
  if (status === 'pending') return target;
  if (status === 'cancelled') {
    expect(await store.changePost({ postId: target.post_id, now, moves: [{ targetId: target.id, transition: 'cancel' }] })).toMatchObject({
      ok: true,
    });
    return read(target.id);
  }
  expect(await store.claim(target, claimOf(target))).toMatchObject({ ok: true });
  if (status === 'published') await store.markPublished(target, { platformPostId: 'p1', url: 'https://example.com/p1', now });
  if (status === 'failed') await store.markFailed(target, { message: 'refused', now });
  if (status === 'unknown') await store.markUnknown(target, { message: 'cannot tell', now });
  const reached = await read(target.id);
  expect(reached.status).toBe(status);
  return reached;
}

/** Runs one transition on a target through the store's public methods; true when it moved. */
async function run(transition: Transition, target: TargetRow): Promise<boolean> {
  const { store } = memory;
  const now = Date.now();
  const post = (move: Parameters<MemoryStore['store']['changePost']>[0]['moves']) =>
    store.changePost({ postId: target.post_id, now, moves: move }).then((result) => result.ok);
  switch (transition) {
    case 'claim':
      return (await store.claim(target, claimOf(target))).ok;
    case 'markPublished':
      return (await store.markPublished(target, { platformPostId: 'p2', url: 'https://example.com/p2', now })).ok;
    case 'markFailed':
      return (await store.markFailed(target, { message: 'refused again', now })).ok;
    case 'markUnknown':
      return (await store.markUnknown(target, { message: 'unsure', now })).ok;
    case 'release':
      return (await store.release(target, { message: 'try again', now })).ok;
    case 'holdBack':
      return (await store.holdBack(target, { reason: 'network', message: 'no network', now })).ok;
    case 'note':
      return (await store.note(target, { message: 'still asking', now })).ok;
    case 'wait':
      return (await store.wait(target, { reason: 'platform', now })).ok;
    case 'giveUp':
      return (await store.giveUp(target, { message: 'missed', missed: true, now })).ok;
    case 'rearm':
      return (await store.rearm(target, { revision: target.revision, dueAt: now, now })).ok;
    case 'cancel':
      return post([{ targetId: target.id, transition }]);
    case 'requeue':
    case 'reschedule':
      return post([{ targetId: target.id, transition, dueAt: now + 60_000 }]);
    case 'resolvePublished':
      return post([{ targetId: target.id, transition, url: 'https://example.com/found' }]);
    case 'resolveFailed':
      return post([{ targetId: target.id, transition, message: 'not there' }]);
  }
}

describe('the transitions table', () => {
  it('holds exactly the edges the architecture allows', () => {
    const edges = new Set(TRANSITION_NAMES.flatMap((name) => TRANSITIONS[name].from.map((from) => `${from} → ${statusAfter(name, from)}`)));
    expect([...edges].sort()).toEqual(
      [
        // The life of a publish.
        'pending → publishing',
        'publishing → published',
        'publishing → failed',
        'publishing → unknown',
        // Certainly not created: back in line; or a note / a new job id while it stays.
        'publishing → pending',
        'publishing → publishing',
        // Waiting: cancelled, given up (missed), or moved to a new time or job id.
        'pending → cancelled',
        'pending → failed',
        'pending → pending',
        // The user's retry, publish again, or schedule again.
        'failed → pending',
        'unknown → pending',
        'cancelled → pending',
        // The user's check of an unknown outcome.
        'unknown → published',
        'unknown → failed',
      ].sort(),
    );
  });

  it('never leaves a published target', () => {
    for (const name of TRANSITION_NAMES) expect(allows(name, 'published')).toBe(false);
  });
});

describe('TargetStore transitions', () => {
  const cases = TRANSITION_NAMES.flatMap((transition) => TARGET_STATUSES.map((status) => [transition, status] as const));

  it.each(cases)('%s from %s: moves along an allowed edge, and changes nothing otherwise', async (transition, status) => {
    const target = await targetIn(status);
    const moved = await run(transition, target);
    const after = await read(target.id);
    if (allows(transition, status)) {
      expect(moved).toBe(true);
      expect(after.status).toBe(statusAfter(transition, status));
    } else {
      expect(moved).toBe(false);
      expect(after).toEqual(target);
    }
  });
});

describe('claim', () => {
  it('writes an attempt and answers the row as stored in the same transaction', async () => {
    const target = await targetIn('pending');
    const claim = await memory.store.claim(target, claimOf(target));
    if (!claim.ok) throw new Error('claim refused');
    expect(claim.target).toMatchObject({ status: 'publishing', attempt_count: 1 });
    expect(claim.post.status).toBe('publishing');
    expect(claim.settledPost).toMatchObject({ post: { status: 'publishing' }, targets: [{ status: 'publishing' }] });
    expect(claim.account?.id).toBe(account.id);
    expect(await memory.store.latestAttempt(target.id)).toMatchObject({ id: claim.attemptId, outcome: null });
  });

  it('refuses a target that is not due yet, saying when it is, and changes nothing', async () => {
    const dueAt = Date.now() + 60_000;
    const { targets } = await storePost(memory, [account], dueAt);
    const target = targets[0] as TargetRow;
    expect(await memory.store.claim(target, claimOf(target))).toEqual({ ok: false, reason: 'early', dueAt });
    expect(await read(target.id)).toEqual(target);
    expect(await memory.store.latestAttempt(target.id)).toBeUndefined();
  });

  it('accepts a target due within the tolerance', async () => {
    const { targets } = await storePost(memory, [account], Date.now() + 500);
    const target = targets[0] as TargetRow;
    expect(await memory.store.claim(target, claimOf(target))).toMatchObject({ ok: true });
  });

  it('refuses a job made for an older revision (the target was rescheduled since)', async () => {
    const target = await targetIn('pending');
    await memory.store.changePost({
      postId: target.post_id,
      now: Date.now(),
      moves: [{ targetId: target.id, transition: 'reschedule', dueAt: due() }],
    });
    expect(await memory.store.claim(target, claimOf(target))).toMatchObject({ ok: false, reason: 'moved', target: { revision: 2 } });
  });
});

describe('claim refusals say why', () => {
  it('a target already claimed or settled is moved, never early (an early job would be put back to wait forever)', async () => {
    for (const status of ['publishing', 'published', 'failed'] as const) {
      const target = await targetIn(status);
      expect(await memory.store.claim(target, claimOf(target)), status).toMatchObject({ ok: false, reason: 'moved', target: { status } });
    }
  });
});

/** The attempts of a target, oldest first, as the ledger stored them. */
const attemptsOf = (targetId: string) =>
  memory.opened.db.selectFrom('publish_attempts').selectAll().where('target_id', '=', targetId).orderBy('id').execute();

describe('the attempt ledger', () => {
  it('a publish closes its attempt with the outcome and the platform id', async () => {
    const target = await targetIn('publishing');
    const [open] = await attemptsOf(target.id);
    await memory.store.markPublished(target, {
      platformPostId: 'p9',
      url: 'https://example.com/p9',
      attempt: { id: open?.id ?? 0, outcome: 'published' },
      now: 1234,
    });
    expect(await attemptsOf(target.id)).toMatchObject([{ outcome: 'published', ended_at: 1234, platform_post_id: 'p9' }]);
    expect(await read(target.id)).toMatchObject({ status: 'published', platform_post_id: 'p9', platform_post_url: 'https://example.com/p9' });
  });

  it('a rate limit releases the target until the reset instant and records the attempt as rate limited', async () => {
    const target = await targetIn('publishing');
    const [open] = await attemptsOf(target.id);
    const resetAt = Date.now() + 15 * 60_000;
    const moved = await memory.store.release(target, {
      message: 'Slow down.',
      dueAt: resetAt,
      attempt: { id: open?.id ?? 0, outcome: 'rate_limited', message: 'Slow down.' },
      now: 99,
    });
    expect(moved).toMatchObject({ ok: true, target: { status: 'pending', due_at: resetAt, error_message: 'Slow down.' } });
    expect(await attemptsOf(target.id)).toMatchObject([{ outcome: 'rate_limited', ended_at: 99, error_message: 'Slow down.' }]);
    // Before the reset the next claim is refused as early, saying when.
    const released = await read(target.id);
    expect(await memory.store.claim(released, claimOf(released))).toEqual({ ok: false, reason: 'early', dueAt: resetAt });
  });

  it('a missed target gets a missed attempt on record; any other give-up none', async () => {
    const missed = await targetIn('pending');
    await memory.store.giveUp(missed, { message: 'Missed: too late', missed: true, now: 7 });
    expect(await attemptsOf(missed.id)).toMatchObject([{ outcome: 'missed', error_message: 'Missed: too late' }]);
    const broken = await targetIn('pending');
    await memory.store.giveUp(broken, { message: 'internal', missed: false, now: 7 });
    expect(await attemptsOf(broken.id)).toEqual([]);
    expect(await read(broken.id)).toMatchObject({ status: 'failed', error_message: 'internal' });
  });

  it('a rearm moves the due time when given one and keeps it otherwise', async () => {
    const target = await targetIn('pending');
    const moved = await memory.store.rearm(target, { revision: target.revision, dueAt: 5555, now: Date.now() });
    expect(moved).toMatchObject({ ok: true, target: { due_at: 5555, revision: target.revision + 1 } });
    const again = await memory.store.rearm(await read(target.id), { revision: target.revision + 1, now: Date.now() });
    expect(again).toMatchObject({ ok: true, target: { due_at: 5555 } });
  });
});

describe("the user's moves carry their values", () => {
  it('reschedule and requeue set the new due time; resolving sets the link or the message', async () => {
    const pending = await targetIn('pending');
    expect(
      await memory.store.changePost({
        postId: pending.post_id,
        now: Date.now(),
        moves: [{ targetId: pending.id, transition: 'reschedule', dueAt: 4242 }],
      }),
    ).toMatchObject({ ok: true, targets: [{ due_at: 4242 }] });
    const failed = await targetIn('failed');
    expect(
      await memory.store.changePost({
        postId: failed.post_id,
        now: Date.now(),
        moves: [{ targetId: failed.id, transition: 'requeue', dueAt: 4343 }],
      }),
    ).toMatchObject({ ok: true, targets: [{ status: 'pending', due_at: 4343 }] });
    const live = await targetIn('unknown');
    expect(
      await memory.store.changePost({
        postId: live.post_id,
        now: Date.now(),
        moves: [{ targetId: live.id, transition: 'resolvePublished', url: 'https://example.com/found' }],
      }),
    ).toMatchObject({ ok: true, targets: [{ status: 'published', platform_post_url: 'https://example.com/found' }] });
    const gone = await targetIn('unknown');
    expect(
      await memory.store.changePost({
        postId: gone.post_id,
        now: Date.now(),
        moves: [{ targetId: gone.id, transition: 'resolveFailed', message: 'Not on the page' }],
      }),
    ).toMatchObject({ ok: true, targets: [{ status: 'failed', error_message: 'Not on the page' }] });
  });
});

describe('changePost', () => {
  it('is all or nothing: one refused move leaves every target and the post as they were', async () => {
    const other = await storeAccount(memory, 'linkedin');
    const { post, targets } = await storePost(memory, [account, other], due());
    const [first, second] = targets as [TargetRow, TargetRow];
    expect(await memory.store.claim(second, claimOf(second))).toMatchObject({ ok: true });
    const before = await memory.store.post(post.id);
    const result = await memory.store.changePost({
      postId: post.id,
      now: Date.now(),
      post: { text: 'changed' },
      moves: [
        { targetId: first.id, transition: 'cancel' },
        { targetId: second.id, transition: 'cancel' },
      ],
    });
    expect(result).toEqual({ ok: false, reason: 'moved', targetId: second.id });
    expect(await memory.store.post(post.id)).toEqual(before);
  });

  it('refuses to edit a post while a target is publishing, and replaces targets only when all are editable', async () => {
    const { post, targets } = await storePost(memory, [account], due());
    const target = targets[0] as TargetRow;
    await memory.store.claim(target, claimOf(target));
    const edit = { postId: post.id, now: Date.now(), editing: true, post: { text: 'new text' } };
    expect(await memory.store.changePost(edit)).toEqual({ ok: false, reason: 'moved', targetId: target.id });
    expect((await memory.store.post(post.id))?.post.text).toBe('Hello');
  });

  it('answers gone for a deleted post', async () => {
    expect(await memory.store.changePost({ postId: 'nope', now: Date.now(), moves: [] })).toEqual({ ok: false, reason: 'gone', postId: 'nope' });
  });

  it('changes several posts all or nothing: one guard that fails rolls back the others', async () => {
    const first = await targetIn('pending');
    const second = await targetIn('publishing');
    const now = Date.now();
    const refused = await memory.store.changePosts([
      { postId: first.post_id, now, moves: [{ targetId: first.id, transition: 'reschedule', dueAt: now + 60_000 }] },
      { postId: second.post_id, now, moves: [{ targetId: second.id, transition: 'reschedule', dueAt: now + 120_000 }] },
    ]);
    expect(refused).toEqual({ ok: false, reason: 'moved', targetId: second.id });
    expect(await memory.store.target(first.id)).toEqual(first);
  });

  it('settles the post from its targets in the same transaction', async () => {
    const target = await targetIn('pending');
    const result = await memory.store.changePost({ postId: target.post_id, now: Date.now(), moves: [{ targetId: target.id, transition: 'cancel' }] });
    expect(result).toMatchObject({ ok: true, post: { status: 'cancelled' }, targets: [{ status: 'cancelled', due_at: null }] });
  });
});

// Clients order the copies they hold by updatedAt (an action's answer can arrive after a later change's event).
describe('updatedAt orders the changes to a row', () => {
  it('rises with every change, even several stored at one instant', async () => {
    const [target] = (await storePost(memory, [account], due())).targets as TargetRow[];
    const now = target!.updated_at;
    const stamps = [target!.updated_at];
    const posts = [(await memory.store.post(target!.post_id))!.post.updated_at];
    expect(await memory.store.claim(target!, { ...claimOf(target!), now })).toMatchObject({ ok: true });
    stamps.push((await read(target!.id)).updated_at);
    posts.push((await memory.store.post(target!.post_id))!.post.updated_at);
    await memory.store.markFailed(target!, { message: 'refused', now });
    stamps.push((await read(target!.id)).updated_at);
    posts.push((await memory.store.post(target!.post_id))!.post.updated_at);
    const retried = await memory.store.changePost({
      postId: target!.post_id,
      now,
      moves: [{ targetId: target!.id, transition: 'requeue', dueAt: now }],
    });
    expect(retried).toMatchObject({ ok: true });
    stamps.push((await read(target!.id)).updated_at);
    posts.push((await memory.store.post(target!.post_id))!.post.updated_at);
    expect(stamps).toEqual([now, now + 1, now + 2, now + 3]);
    // The post's status moved at each step (publishing, failed, publishing), and its stamp with it.
    expect(posts).toEqual([...new Set(posts)].sort((a, b) => a - b));
    expect(new Set(posts).size).toBe(4);
    // What the change answers is what was stored.
    if (retried.ok) expect(retried.targets[0]!.updated_at).toBe(now + 3);
  });
});

describe('deletePost', () => {
  it('refuses while a target is publishing and deletes otherwise', async () => {
    const target = await targetIn('publishing');
    expect(await memory.store.deletePost(target.post_id)).toEqual({ ok: false, reason: 'publishing' });
    await memory.store.markPublished(target, { platformPostId: 'p', url: 'https://example.com/p', now: Date.now() });
    expect(await memory.store.deletePost(target.post_id)).toMatchObject({ ok: true, targets: [{ id: target.id }] });
    expect(await memory.store.post(target.post_id)).toBeUndefined();
  });

  it('refuses when any one of several targets is publishing', async () => {
    const other = await storeAccount(memory, 'linkedin');
    const { post, targets } = await storePost(memory, [account, other], due());
    const second = targets[1] as TargetRow;
    await memory.store.claim(second, claimOf(second));
    expect(await memory.store.deletePost(post.id)).toEqual({ ok: false, reason: 'publishing' });
    expect((await memory.store.post(post.id))?.targets).toHaveLength(2);
  });
});

describe('markFailed with an auth failure', () => {
  it('marks the account needs_reconnect in the same transaction and answers it', async () => {
    const target = await targetIn('publishing');
    const moved = await memory.store.markFailed(target, { message: 'token revoked', reconnect: { accountId: account.id }, now: Date.now() });
    expect(moved).toMatchObject({ ok: true, account: { id: account.id, status: 'needs_reconnect', status_message: 'token revoked' } });
  });
});

describe("the ledger's handles", () => {
  it('keeps every handle a platform gave, across attempts, so a retry resumes instead of posting again', async () => {
    const target = await targetIn('pending');
    const first = await memory.store.claim(target, claimOf(target));
    if (!first.ok) throw new Error('claim refused');
    expect(await memory.store.handles(target.id)).toEqual({});
    memory.store.saveHandle(first.attemptId, 'media.0', 'm-1');
    memory.store.saveHandle(first.attemptId, 'post.0', 'p-1');
    // Saved at once, before the call it precedes: readable while the attempt is still open.
    expect(await memory.store.handles(target.id)).toEqual({ 'media.0': 'm-1', 'post.0': 'p-1' });

    const released = await memory.store.release(first.target, {
      message: 'try again',
      attempt: { id: first.attemptId, outcome: 'retryable' },
      now: Date.now(),
    });
    if (!released.ok) throw new Error('release refused');
    const second = await memory.store.claim(released.target, claimOf(released.target));
    if (!second.ok) throw new Error('second claim refused');
    // A name with a quote cannot break out of its JSON path.
    memory.store.saveHandle(second.attemptId, 'post."1', 'p-2');
    memory.store.saveHandle(second.attemptId, 'media.0', 'm-2');
    expect(await memory.store.handles(target.id)).toEqual({ 'media.0': 'm-2', 'post.0': 'p-1', 'post.1': 'p-2' });
  });
});
