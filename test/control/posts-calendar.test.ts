// posts:calendar, the calendar's light listing, through the real socket against a real engine: the same posts as
// posts:list for the same range and filter, each the summary of its full view; long text cut without breaking a
// character; bad input refused naming the field, changing nothing. And the range is read by its index.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ControlClient } from '../../electron/engine/control/control-client';
import { openDatabase } from '../../electron/engine/db/database';
import { postsQuery } from '../../electron/engine/db/repositories/posts.repository';
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

describe('the posts of a range', () => {
  it('are one seek of the posts_shown_at index, already in order', async () => {
    const root = await mkdtemp(join(tmpdir(), 'pe-shown-at-'));
    const { db, sqlite, close } = await openDatabase(join(root, 'app.db'));
    try {
      const { sql, parameters } = postsQuery(db, { from: Date.now(), to: Date.now() + 86_400_000, limit: 100 })
        .selectAll()
        .compile();
      const plan = sqlite
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all(...(parameters as unknown[]))
        .map((row) => (row as { detail: string }).detail)
        .join('\n');
      expect(plan).toContain('USING INDEX posts_shown_at');
      expect(plan).not.toContain('TEMP B-TREE');
    } finally {
      await close();
      await rm(root, { recursive: true, force: true });
    }
  });
});
