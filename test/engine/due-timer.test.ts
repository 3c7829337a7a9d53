// The due timer over the real SQLite target store and a real BullMQ queue on a real redis-server, with no worker:
// BullMQ promotes a delayed job only when a worker asks for one, so a job found waiting was promoted by the timer.
// The wall clock is injected to move it the way NTP or a user does; the timer's own wait stays real.
import { Queue } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/engine/logger';
import { promoter } from '../../electron/engine/parts/due-timer-part';
import { DueTimer } from '../../electron/engine/publishing/due-timer';
import { jobIdFor, type PublishJobData } from '../../electron/engine/publishing/job-id';
import type { TargetRow } from '../../electron/engine/db/tables';
import { openMemoryStore, storeAccount, storePost, type MemoryStore } from '../helpers/memory-store';
import { startRedisServer, type RunningRedis } from '../helpers/redis-server';
import { sleep, waitFor } from '../helpers/wait-for';

let redis: RunningRedis;
let memory: MemoryStore;
let queue: Queue<PublishJobData>;
let timer: DueTimer | undefined;
/** The injected wall clock is real time plus this. */
let clockOffsetMs = 0;
const wallClock = () => Date.now() + clockOffsetMs;
/** The windows the timer asked the store for: each is one firing that went on to promote. */
const firings: { after: number; upTo: number }[] = [];
/** How often the timer read the next due time. */
let reads = 0;

beforeEach(async () => {
  redis = await startRedisServer();
  memory = await openMemoryStore();
  queue = new Queue<PublishJobData>('publish-posts', { connection: { host: '127.0.0.1', port: redis.port, password: redis.password } });
  clockOffsetMs = 0;
  firings.length = 0;
  reads = 0;
});

afterEach(async () => {
  timer?.stop();
  timer = undefined;
  await queue.close();
  await memory.close();
  await redis.stop();
});

function startTimer(): DueTimer {
  const store = memory.store;
  timer = new DueTimer({
    nextDueAt: (after) => {
      reads += 1;
      return store.nextDueAt(after);
    },
    dueBetween: (after, upTo, limit) => {
      firings.push({ after, upTo });
      return store.dueBetween(after, upTo, limit);
    },
    promote: promoter(queue),
    log: silentLogger,
    now: wallClock,
  });
  return timer;
}

/** A post with one target due at `dueAt` (by the injected clock), and its delayed job as the engine adds it. */
async function scheduled(dueAt: number): Promise<TargetRow> {
  const account = await storeAccount(memory, 'twitter');
  const { targets } = await storePost(memory, [account], dueAt);
  const target = targets[0] as TargetRow;
  await queue.add('publish', { targetId: target.id }, { jobId: jobIdFor(target.id, target.revision), delay: dueAt - wallClock() });
  return target;
}

const stateOf = async (target: TargetRow) => (await queue.getJob(jobIdFor(target.id, target.revision)))?.getState();

describe('the due timer', () => {
  it('is set for the earliest waiting target and promotes its job when it is due', async () => {
    const later = await scheduled(wallClock() + 60 * 60_000);
    const soon = await scheduled(wallClock() + 1500);
    const due = startTimer();
    await due.rearm();
    expect(due.nextAt).toBe(soon.due_at);

    expect(
      await waitFor(
        () => stateOf(soon),
        (state) => state === 'waiting',
        5_000,
        'the due job promoted',
      ),
    ).toBe('waiting');
    // It fired a lead ahead of the instant (the worker claims meanwhile; the processor holds the call until the
    // instant), not earlier: one firing, whose window ends at its time plus the lead.
    expect(firings).toHaveLength(1);
    expect(firings[0]?.upTo).toBeGreaterThanOrEqual(soon.due_at ?? 0);
    expect(await stateOf(later)).toBe('delayed');
    // Then it waits for the next one, and nothing runs in between.
    await waitFor(
      () => due.nextAt,
      (at) => at === later.due_at,
      2_000,
      'the timer set for the next target',
    );
  });

  it('follows a schedule change: an earlier target, a cancelled one, none left', async () => {
    const first = await scheduled(wallClock() + 60 * 60_000);
    const due = startTimer();
    await due.rearm();
    expect(due.nextAt).toBe(first.due_at);

    const earlier = await scheduled(wallClock() + 30 * 60_000);
    await due.rearm();
    expect(due.nextAt).toBe(earlier.due_at);

    const cancelled = await memory.store.changePost({
      postId: earlier.post_id,
      now: Date.now(),
      moves: [{ targetId: earlier.id, transition: 'cancel' }],
    });
    expect(cancelled.ok).toBe(true);
    await due.rearm();
    expect(due.nextAt).toBe(first.due_at);

    await memory.store.changePost({ postId: first.post_id, now: Date.now(), moves: [{ targetId: first.id, transition: 'cancel' }] });
    await due.rearm();
    expect(due.nextAt).toBeUndefined();
  });

  it('shares reads among the changes of one turn (a bulk import)', async () => {
    const target = await scheduled(wallClock() + 60 * 60_000);
    const due = startTimer();
    await Promise.all(Array.from({ length: 100 }, () => due.rearm()));
    await sleep(50);
    expect(due.nextAt).toBe(target.due_at);
    // The first read, and one more for the changes that came while it ran.
    expect(reads).toBeLessThanOrEqual(2);
  });

  it('does not promote when the wall clock was set back while it waited, and promotes at the new due instant', async () => {
    const target = await scheduled(wallClock() + 1500);
    const due = startTimer();
    await due.rearm();
    // The clock goes back a minute: the timer fires after its 1.5 s less its lead, but by the wall clock the post is
    // not due.
    clockOffsetMs = -60_000;
    await sleep(1500);
    expect(firings).toEqual([]);
    expect(await stateOf(target)).toBe('delayed');
    expect(due.nextAt).toBe(target.due_at);

    // The clock is right again (as after a resume, the engine re-arms): promoted at once.
    clockOffsetMs = 0;
    await due.rearm();
    expect(
      await waitFor(
        () => stateOf(target),
        (state) => state === 'waiting',
        5_000,
        'the due job promoted',
      ),
    ).toBe('waiting');
  });

  it('promotes what fell due while the wall clock jumped ahead, then waits for the next', async () => {
    const skipped = await scheduled(wallClock() + 5 * 60_000);
    const next = await scheduled(wallClock() + 60 * 60_000);
    const due = startTimer();
    await due.rearm();
    // Ten minutes ahead (or a sleep without a resume event): re-armed, the timer fires at once and serves both the
    // target due in the gap and nothing later.
    clockOffsetMs = 10 * 60_000;
    await due.rearm();
    expect(
      await waitFor(
        () => stateOf(skipped),
        (state) => state === 'waiting',
        5_000,
        'the skipped job promoted',
      ),
    ).toBe('waiting');
    await waitFor(
      () => due.nextAt,
      (at) => at === next.due_at,
      2_000,
      'the timer set for the next target',
    );
    expect(await stateOf(next)).toBe('delayed');
  });

  it('promotes by id every job due by the end of its lead, whatever became of one of them', async () => {
    const at = wallClock() + 1500;
    const ran = await scheduled(at);
    const waiting = await scheduled(at);
    const third = await scheduled(at);
    const after = await scheduled(at + 60_000);
    // BullMQ already moved the first on (a worker's fetch): the others still need the timer.
    await (await queue.getJob(jobIdFor(ran.id, ran.revision)))?.promote();
    const due = startTimer();
    await due.rearm();
    for (const target of [waiting, third]) {
      expect(
        await waitFor(
          () => stateOf(target),
          (state) => state === 'waiting',
          5_000,
          'a due job promoted',
        ),
      ).toBe('waiting');
    }
    // One firing served all three: a promotion that fails does not use up the others'.
    expect(firings).toHaveLength(1);
    expect(await stateOf(after)).toBe('delayed');
  });

  it('stops: no timer left, and a re-arm after the stop sets none', async () => {
    await scheduled(wallClock() + 60 * 60_000);
    const due = startTimer();
    await due.rearm();
    due.stop();
    expect(due.nextAt).toBeUndefined();
    await due.rearm();
    expect(due.nextAt).toBeUndefined();
  });
});
