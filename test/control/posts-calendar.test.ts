// posts:calendar, the calendar's light listing, through the real socket against a real engine: the same posts as
// posts:list for the same range and filter, each the summary of its full view; long text cut without breaking a
// character; bad input refused naming the field, changing nothing. And the range is read by its index.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ControlClient } from '../../electron/engine/control/control-client';
import { calendarQuery } from '../../electron/engine/calendar/calendar-posts';
import { openDatabase } from '../../electron/engine/db/database';
import { postsQuery } from '../../electron/engine/db/repositories/posts.repository';
import type { ParsedInput } from '../../shared/contract/channels';
import type { AccountView, PostView } from '../../shared/domain';
import { SUMMARY_TEXT_LIMIT, postSummary } from '../../shared/post-summary';
import { addRoasteryAccounts, inDays, snapshot, startTestEngine, type TestEngine } from './engine-harness';

let harness: TestEngine;
let client: ControlClient;
let x: AccountView;
let linkedIn: AccountView;
let facebook: AccountView;
let launch: PostView;
let cafe: PostView;
let long: PostView;
let draft: PostView;

const ids = (posts: readonly { id: string }[]): string[] => posts.map((post) => post.id);

/** How SQLite runs a compiled query, one step per line. */
function queryPlan(sqlite: Database, { sql, parameters }: CompiledQuery): string {
  return sqlite
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...(parameters as unknown[]))
    .map((row) => (row as { detail: string }).detail)
    .join('\n');
}
const range = { from: inDays(-1), to: inDays(30) };
/** 598 letters and an emoji: cut at 599 units, the emoji's first half would be left alone. */
const LONG_TEXT = `${'a'.repeat(SUMMARY_TEXT_LIMIT - 2)}😀 and a long tail after the cut`;

beforeAll(async () => {
  harness = await startTestEngine('calendar-list');
  client = await harness.connect();
  [x, linkedIn, facebook] = await addRoasteryAccounts(client);
  launch = await client.invoke('posts:create', {
    text: 'Our winter blend launches today',
    mediaUrls: ['https://cdn.example.com/blend.png'],
    targets: [{ accountId: x.id }, { accountId: linkedIn.id, text: 'Winter blend: the story behind the beans' }],
    mode: 'schedule',
    scheduledAt: inDays(3),
  });
  cafe = await client.invoke('posts:create', {
    text: 'The CAFÉ opens at 8 on Sundays',
    targets: [{ accountId: facebook.id }],
    mode: 'schedule',
    scheduledAt: inDays(1),
  });
  long = await client.invoke('posts:create', { text: LONG_TEXT, targets: [{ accountId: linkedIn.id }], mode: 'schedule', scheduledAt: inDays(2) });
  draft = await client.invoke('posts:create', { text: 'Idea: winter cupping', targets: [{ accountId: x.id }], mode: 'draft' });
  // Out of the range asked for.
  await client.invoke('posts:create', { text: 'Next season', targets: [{ accountId: x.id }], mode: 'schedule', scheduledAt: inDays(40) });
});

afterAll(async () => {
  await harness?.stop();
});

describe('posts:calendar', () => {
  it('answers the posts posts:list answers for the range and filter, in its order, each as its summary', async () => {
    const filters = [
      {},
      { accountIds: [linkedIn.id] },
      { platforms: ['facebook' as const] },
      { status: ['draft' as const] },
      { search: 'story beans' },
      { search: 'winter', limit: 1 },
    ];
    for (const filter of filters) {
      const full = await client.invoke('posts:list', { ...range, ...filter });
      const summaries = await client.invoke('posts:calendar', { ...range, ...filter });
      expect(summaries).toEqual(full.map(postSummary));
    }
    expect(ids(await client.invoke('posts:calendar', range))).toEqual([draft.id, cafe.id, long.id, launch.id]);
    // A platform's own text is searched too; the cap applies after the words.
    expect(ids(await client.invoke('posts:calendar', { ...range, search: 'story beans' }))).toEqual([launch.id]);
    expect(ids(await client.invoke('posts:calendar', { ...range, search: 'winter', limit: 1 }))).toEqual([draft.id]);
  });

  it('carries what the chips, rows and peek show, and no more', async () => {
    const [summary] = (await client.invoke('posts:calendar', range)).filter((post) => post.id === launch.id);
    expect(summary).toEqual({
      id: launch.id,
      text: launch.text,
      mediaUrls: ['https://cdn.example.com/blend.png'],
      scheduledAt: launch.scheduledAt,
      timeZone: launch.timeZone,
      status: 'scheduled',
      createdAt: launch.createdAt,
      updatedAt: launch.updatedAt,
      targets: launch.targets.map(({ id, accountId, accountName, platform, status, updatedAt }) => ({
        id,
        accountId,
        accountName,
        platform,
        status,
        updatedAt,
      })),
    });
  });

  it('cuts a long text at the limit with "…", never inside a character', async () => {
    const [summary] = (await client.invoke('posts:calendar', range)).filter((post) => post.id === long.id);
    expect(summary.text).toBe(`${'a'.repeat(SUMMARY_TEXT_LIMIT - 2)}…`);
    expect(summary.text.length).toBeLessThanOrEqual(SUMMARY_TEXT_LIMIT);
    // The emoji's first half (a high surrogate) is not left at the end.
    expect(summary.text.at(-2)).toBe('a');
  });

  it('refuses bad input naming the field, and changes nothing', async () => {
    const before = await snapshot(client);
    await expect(client.invoke('posts:calendar', { to: range.to } as never)).rejects.toMatchObject({ code: 'validation', field: 'from' });
    await expect(client.invoke('posts:calendar', { from: range.from } as never)).rejects.toMatchObject({ code: 'validation', field: 'to' });
    await expect(client.invoke('posts:calendar', { from: range.to, to: range.from })).rejects.toMatchObject({
      code: 'validation',
      field: 'to',
      message: 'to: must be after from',
    });
    await expect(client.invoke('posts:calendar', { ...range, from: 'tomorrow' })).rejects.toMatchObject({ code: 'validation', field: 'from' });
    await expect(client.invoke('posts:calendar', { ...range, platforms: ['myspace'] } as never)).rejects.toMatchObject({
      code: 'validation',
      field: 'platforms.0',
    });
    await expect(client.invoke('posts:calendar', { ...range, limit: 20_001 })).rejects.toMatchObject({ code: 'validation', field: 'limit' });
    await expect(client.invoke('posts:calendar', { ...range, order: 'desc' } as never)).rejects.toMatchObject({ code: 'validation' });
    expect(await snapshot(client)).toEqual(before);
  });
});

describe('posts:calendar against posts:list', () => {
  it('answers, for a busy range and every kind of filter, the summaries of what posts:list answers', async () => {
    // Out of the range the tests above ask for. Targets in every order and count, a platform's own text, a thread,
    // long texts, media, drafts, a cancelled post, and times with seconds and milliseconds.
    const busy = { from: inDays(45), to: inDays(60) };
    const accounts = [x, linkedIn, facebook];
    for (let index = 0; index < 36; index++) {
      const chosen = [accounts[index % 3], accounts[(index + 1) % 3], accounts[(index + 2) % 3]].slice(0, 1 + (index % 3));
      const long = index % 5 === 0;
      const post = await client.invoke('posts:create', {
        text: long ? `Harvest notes ${index} ${'é'.repeat(SUMMARY_TEXT_LIMIT)}` : `Harvest notes ${index}`,
        mediaUrls: index % 4 === 0 ? [`https://cdn.example.com/harvest-${index}.png`] : [],
        targets: chosen.map((account, position) => ({
          accountId: account.id,
          // X takes 280 characters: a long post has its own shorter text there.
          ...(position === 1 || (long && account.id === x.id) ? { text: `Own words ${index} about the farm` } : {}),
          ...(account.id === x.id && index % 2 === 0 ? { options: { thread: [`Thread part for ${index}`, 'the roasting curve'] } } : {}),
        })),
        ...(index % 7 === 3
          ? { mode: 'draft' as const }
          : { mode: 'schedule' as const, scheduledAt: new Date(Date.parse(busy.from) + index * 3_600_000 + index * 1_237).toISOString() }),
      });
      if (index % 9 === 4 && index % 7 !== 3) await client.invoke('publishing:cancel', { id: post.id });
    }
    const filters = [
      {},
      { limit: 5 },
      { accountIds: [x.id] },
      { accountIds: [facebook.id, linkedIn.id], platforms: ['linkedin' as const] },
      { status: ['scheduled' as const, 'draft' as const] },
      { status: ['cancelled' as const] },
      { search: 'roasting curve' },
      { search: 'own words farm', limit: 3 },
      { search: 'HARVEST notes', accountIds: [linkedIn.id] },
      { search: 'nothing like this' },
    ];
    for (const filter of filters) {
      const full = await client.invoke('posts:list', { ...busy, ...filter });
      const summaries = await client.invoke('posts:calendar', { ...busy, ...filter });
      expect(summaries, JSON.stringify(filter)).toEqual(full.map(postSummary));
    }
    // The filters above found something to compare, searches in a thread and a platform's own text among them.
    expect((await client.invoke('posts:calendar', busy)).length).toBeGreaterThan(30);
    expect((await client.invoke('posts:calendar', { ...busy, search: 'roasting curve' })).length).toBeGreaterThan(0);
    expect(await client.invoke('posts:calendar', { ...busy, search: 'own words farm', limit: 3 })).toHaveLength(3);
  });
});

describe('the posts of a range', () => {
  it('are one seek of the posts_shown_at index, already in order', async () => {
    const root = await mkdtemp(join(tmpdir(), 'pe-shown-at-'));
    const { db, sqlite, close } = await openDatabase(join(root, 'app.db'));
    try {
      const plan = queryPlan(
        sqlite,
        postsQuery(db, { from: Date.now(), to: Date.now() + 86_400_000, limit: 100 })
          .selectAll()
          .compile(),
      );
      expect(plan).toContain('USING INDEX posts_shown_at');
      expect(plan).not.toContain('TEMP B-TREE');
    } finally {
      await close();
      await rm(root, { recursive: true, force: true });
    }
  });

  it('and their targets, as posts:calendar reads them, one seek of the post_platforms_post_id index per post', async () => {
    const root = await mkdtemp(join(tmpdir(), 'pe-calendar-plan-'));
    const { db, sqlite, close } = await openDatabase(join(root, 'app.db'));
    try {
      const inputs: [ParsedInput<'posts:calendar'>, boolean][] = [
        [{ ...range, platforms: ['twitter'] }, false],
        [{ ...range, search: 'winter' }, true],
      ];
      for (const [input, searching] of inputs) {
        const plan = queryPlan(sqlite, calendarQuery(db, input, 5000, searching).compile());
        expect(plan).toContain('SEARCH posts USING INDEX posts_shown_at');
        expect(plan).toContain('SEARCH t USING INDEX post_platforms_post_id (post_id=?)');
        expect(plan).not.toContain('SCAN');
        expect(plan).not.toContain('TEMP B-TREE FOR ORDER BY');
      }
    } finally {
      await close();
      await rm(root, { recursive: true, force: true });
    }
  });
});
