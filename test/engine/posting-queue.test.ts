// "Add to queue" and reordering the queue on a real engine: a SQLite file, a real redis-server with BullMQ, and the
// feed platform over HTTP where a post must really be publishing. The engine's clock is set to a Wednesday just
// before Europe's spring change, so zones, the skipped hour and full weeks are exact.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Platform, PostView } from '../../shared/domain';
import type { Engine } from '../../electron/engine/engine';
import { FeedPublisher } from '../fakes/feed/feed-publisher';
import { FeedServer } from '../fakes/feed/feed-server';
import { addAccount, makeDataDir, removeDataDir, startTestEngine } from '../helpers/test-engine';
import { waitFor } from '../helpers/wait-for';

/** Wednesday 24 March 2027, 12:00 UTC: 13:00 in Berlin (which springs forward on Sunday the 28th), 21:00 in Tokyo. */
const NOW = Date.UTC(2027, 2, 24, 12, 0);

let feed: FeedServer;
let dataDir: string;
let engine: Engine;
const clock = NOW;

beforeEach(async () => {
  feed = await new FeedServer().start();
  dataDir = makeDataDir();
  engine = await startTestEngine({ dataDir, now: () => clock, publishers: { facebook: new FeedPublisher('facebook', feed.origin) } });
});

afterEach(async () => {
  await engine.stop();
  await feed.close();
  removeDataDir(dataDir);
});

const when = (posts: readonly PostView[]) =>
  posts.map((post) => ({ at: post.scheduledAt, zone: post.timeZone, accounts: post.targets.map((t) => t.accountName) }));

/** The feed platform has one account; others are added as given (their platform on a closed port cannot be asked). */
async function account(
  name: string,
  timeZone: string,
  slots: { day: 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun'; time: string }[],
  platform: Platform = 'facebook',
) {
  const added = await addAccount(engine, platform, platform === 'facebook' ? feed.token : `token-${name}`, name);
  await engine.api.invoke('slots:set', { accountId: added.id, timeZone, slots });
  return added;
}

const queue = (text: string, accountIds: readonly string[], extra: { id?: string; idempotencyKey?: string } = {}) =>
  engine.api.invoke('posts:queue', { text, targets: accountIds.map((accountId) => ({ accountId })), ...extra });

describe('Add to queue', () => {
  it("takes each account's next free slot in its own zone: accounts with different slots get a post each, earliest first", async () => {
    const berlin = await account('Berlin page', 'Europe/Berlin', [{ day: 'thu', time: '09:00' }]);
    const tokyo = await account('Tokyo page', 'Asia/Tokyo', [{ day: 'thu', time: '09:00' }], 'twitter');
    const posts = await queue('Launch', [berlin.id, tokyo.id]);
    expect(when(posts)).toEqual([
      { at: '2027-03-25T00:00:00.000Z', zone: 'Asia/Tokyo', accounts: ['Tokyo page'] },
      { at: '2027-03-25T08:00:00.000Z', zone: 'Europe/Berlin', accounts: ['Berlin page'] },
    ]);
    for (const post of posts) {
      expect(post.status).toBe('scheduled');
      expect(post.text).toBe('Launch');
      expect(post.targets.map((target) => target.status)).toEqual(['pending']);
    }
    // Stored as answered.
    expect(when(await engine.api.invoke('posts:list', {}))).toEqual(when(posts));
  });

  it('accounts whose next slots coincide share one post', async () => {
    const first = await account('First', 'Europe/Berlin', [{ day: 'thu', time: '09:00' }]);
    const second = await account(
      'Second',
      'Europe/Berlin',
      [
        { day: 'thu', time: '09:00' },
        { day: 'fri', time: '09:00' },
      ],
      'twitter',
    );
    const [shared] = await queue('Together', [first.id, second.id]);
    expect(when([shared as PostView])).toEqual([{ at: '2027-03-25T08:00:00.000Z', zone: 'Europe/Berlin', accounts: ['First', 'Second'] }]);
    // Next time, Second's Friday slot comes before First's next Thursday: two posts.
    expect(when(await queue('Apart', [first.id, second.id]))).toEqual([
      { at: '2027-03-26T08:00:00.000Z', zone: 'Europe/Berlin', accounts: ['Second'] },
      { at: '2027-04-01T07:00:00.000Z', zone: 'Europe/Berlin', accounts: ['First'] },
    ]);
  });

  it('skips a slot the clocks skip, and keeps 09:00 at 09:00 across the change', async () => {
    const page = await account('Page', 'Europe/Berlin', [
      { day: 'sun', time: '02:30' },
      { day: 'mon', time: '09:00' },
    ]);
    const times = [];
    for (const text of ['One', 'Two', 'Three']) times.push((await queue(text, [page.id]))[0]?.scheduledAt);
    // Sunday 28 March has no 02:30 in Berlin; Monday 09:00 is now CEST (07:00 UTC); the next Sunday's 02:30 exists.
    expect(times).toEqual(['2027-03-29T07:00:00.000Z', '2027-04-04T00:30:00.000Z', '2027-04-05T07:00:00.000Z']);
  });

  it('fills week after week when the slots are full; a scheduled post takes a slot, a draft or a cancelled one does not', async () => {
    const page = await account('Page', 'Europe/Berlin', [{ day: 'thu', time: '09:00' }]);
    const thursday = (n: number) => new Date(Date.UTC(2027, 2, 25 + 7 * n, n === 0 ? 8 : 7)).toISOString();
    // Hand-scheduled onto the first Thursday: taken.
    await engine.api.invoke('posts:create', { text: 'By hand', targets: [{ accountId: page.id }], mode: 'schedule', scheduledAt: thursday(0) });
    // A draft at the second, and a cancelled post at the third: both free.
    await engine.api.invoke('posts:create', { text: 'Idea', targets: [{ accountId: page.id }], mode: 'draft', scheduledAt: thursday(1) });
    const cancelled = await engine.api.invoke('posts:create', {
      text: 'Dropped',
      targets: [{ accountId: page.id }],
      mode: 'schedule',
      scheduledAt: thursday(2),
    });
    await engine.api.invoke('publishing:cancel', { id: cancelled.id });
    const times = [];
    for (let n = 0; n < 3; n += 1) times.push((await queue(`Queued ${n}`, [page.id]))[0]?.scheduledAt);
    expect(times).toEqual([thursday(1), thursday(2), thursday(3)]);
  });

  it('several at once never share a slot: each is placed in its own transaction, checked against what is stored', async () => {
    const page = await account('Page', 'Europe/Berlin', [{ day: 'thu', time: '09:00' }]);
    const posts = await Promise.all(Array.from({ length: 5 }, (_, n) => queue(`Burst ${n}`, [page.id])));
    const times = posts.map(([post]) => post?.scheduledAt);
    expect(new Set(times).size).toBe(5);
    expect([...times].sort()).toEqual([0, 1, 2, 3, 4].map((n) => new Date(Date.UTC(2027, 2, 25 + 7 * n, n === 0 ? 8 : 7)).toISOString()));
  });

  it('refuses an account without slots, naming it, and stores nothing', async () => {
    const ready = await account('Ready', 'Europe/Berlin', [{ day: 'thu', time: '09:00' }]);
    const bare = await addAccount(engine, 'twitter', 'token-bare', 'No queue');
    await expect(queue('Nope', [ready.id, bare.id])).rejects.toMatchObject({
      code: 'conflict',
      field: 'targets.1.accountId',
      message: expect.stringContaining('"No queue" has no posting slots'),
    });
    expect(await engine.api.invoke('posts:list', {})).toEqual([]);
  });

  it('puts the draft being written into the earliest slot, keeping its id; the same key answers the same posts', async () => {
    const page = await account('Page', 'Europe/Berlin', [{ day: 'thu', time: '09:00' }]);
    const other = await account('Other', 'Europe/Berlin', [{ day: 'fri', time: '09:00' }], 'twitter');
    const draft = await engine.api.invoke('posts:save', { text: 'Draft', targets: [], mode: 'draft' });
    const placed = await queue('Draft, finished', [other.id, page.id], { id: draft.id });
    expect(placed.map((post) => post.id)[0]).toBe(draft.id);
    expect(when(placed)).toEqual([
      { at: '2027-03-25T08:00:00.000Z', zone: 'Europe/Berlin', accounts: ['Page'] },
      { at: '2027-03-26T08:00:00.000Z', zone: 'Europe/Berlin', accounts: ['Other'] },
    ]);
    expect((await engine.api.invoke('posts:get', { id: draft.id })).text).toBe('Draft, finished');

    const key = crypto.randomUUID();
    const first = await queue('Once', [page.id], { idempotencyKey: key });
    const again = await queue('Once', [page.id], { idempotencyKey: key });
    expect(again.map((post) => post.id)).toEqual(first.map((post) => post.id));
    expect((await engine.api.invoke('posts:list', {})).filter((post) => post.text === 'Once')).toHaveLength(1);
  });
});

describe('Reordering the queue', () => {
  it('trades the posts’ times through the guarded reschedule: each keeps a slot, and their jobs follow', async () => {
    const page = await account('Page', 'Europe/Berlin', [{ day: 'thu', time: '09:00' }]);
    const [a, b, c] = [(await queue('A', [page.id]))[0], (await queue('B', [page.id]))[0], (await queue('C', [page.id]))[0]] as PostView[];
    const moved = await engine.api.invoke('posts:reorder', { postIds: [c.id, a.id, b.id] });
    expect(moved.map((post) => [post.text, post.scheduledAt])).toEqual([
      ['C', a.scheduledAt],
      ['A', b.scheduledAt],
      ['B', c.scheduledAt],
    ]);
    for (const post of moved) expect(post.targets.map((target) => target.status)).toEqual(['pending']);
    expect((await engine.api.invoke('posts:list', {})).map((post) => [post.text, post.scheduledAt])).toEqual([
      ['C', a.scheduledAt],
      ['A', b.scheduledAt],
      ['B', c.scheduledAt],
    ]);
    // One job per target, at its new revision (the old ones are gone: they cannot publish at the old time).
    const { counts } = await engine.api.invoke('queue:stats', {});
    expect(counts.delayed).toBe(3);
  });

  it('refuses to move a post being published, and then moves nothing', async () => {
    const page = await account('Page', 'Europe/Berlin', [{ day: 'thu', time: '09:00' }]);
    const [waiting] = (await queue('Waiting', [page.id])) as PostView[];
    feed.failNext({ kind: 'hold', ms: 4000 });
    const live = await engine.api.invoke('posts:create', { text: 'Going out', targets: [{ accountId: page.id }], mode: 'now' });
    await waitFor(
      () => engine.api.invoke('posts:get', { id: live.id }),
      (post) => post.targets[0]?.status === 'publishing',
    );
    await expect(engine.api.invoke('posts:reorder', { postIds: [live.id, waiting?.id ?? ''] })).rejects.toMatchObject({
      code: 'conflict',
      field: 'postIds.0',
    });
    expect((await engine.api.invoke('posts:get', { id: waiting?.id ?? '' })).scheduledAt).toBe(waiting?.scheduledAt);
    const published = await waitFor(
      () => engine.api.invoke('posts:get', { id: live.id }),
      (post) => post.status === 'published',
    );
    await expect(engine.api.invoke('posts:reorder', { postIds: [published.id, waiting?.id ?? ''] })).rejects.toMatchObject({
      code: 'conflict',
      field: 'postIds.0',
    });
  });
});
