// posts:list with the calendar's filters (accounts, platforms, words, order) and queue:stats' post counts, through
// the real socket against a real engine; bad filter input is refused naming the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ControlClient } from '../../electron/engine/control/control-client';
import type { AccountView, PostView } from '../../shared/domain';
import { addRoasteryAccounts, inDays, startTestEngine, type TestEngine } from './engine-harness';

let harness: TestEngine;
let client: ControlClient;
let x: AccountView;
let linkedIn: AccountView;
let facebook: AccountView;
let launch: PostView;
let cafe: PostView;
let recipe: PostView;
let draft: PostView;

const ids = (posts: readonly PostView[]): string[] => posts.map((post) => post.id);

beforeAll(async () => {
  harness = await startTestEngine('list-filters');
  client = await harness.connect();
  [x, linkedIn, facebook] = await addRoasteryAccounts(client);
  launch = await client.invoke('posts:create', {
    text: 'Our winter blend launches today',
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
  recipe = await client.invoke('posts:create', {
    text: 'A cold brew recipe',
    targets: [{ accountId: linkedIn.id }],
    mode: 'schedule',
    scheduledAt: inDays(2),
  });
  draft = await client.invoke('posts:create', { text: 'Idea: winter cupping', targets: [{ accountId: x.id }], mode: 'draft' });
});

afterAll(async () => {
  await harness?.stop();
});

describe('posts:list filters', () => {
  it('keeps posts with a target on any of the accounts', async () => {
    expect(ids(await client.invoke('posts:list', { accountIds: [linkedIn.id] })).sort()).toEqual([launch.id, recipe.id].sort());
    expect(ids(await client.invoke('posts:list', { accountIds: [facebook.id, x.id] })).sort()).toEqual([launch.id, cafe.id, draft.id].sort());
  });

  it('keeps posts with a target on any of the platforms, and combines filters with AND', async () => {
    expect(ids(await client.invoke('posts:list', { platforms: ['facebook'] }))).toEqual([cafe.id]);
    expect(ids(await client.invoke('posts:list', { platforms: ['twitter'], status: ['scheduled'] }))).toEqual([launch.id]);
    expect(await client.invoke('posts:list', { platforms: ['youtube'] })).toEqual([]);
  });

  it('finds every word in any case and without accents, also in a platform’s own text', async () => {
    expect(ids(await client.invoke('posts:list', { search: 'WINTER' })).sort()).toEqual([launch.id, draft.id].sort());
    expect(ids(await client.invoke('posts:list', { search: 'cafe sundays' }))).toEqual([cafe.id]);
    expect(ids(await client.invoke('posts:list', { search: 'story beans' }))).toEqual([launch.id]);
    expect(ids(await client.invoke('posts:list', { search: 'winter', accountIds: [linkedIn.id] }))).toEqual([launch.id]);
    expect(await client.invoke('posts:list', { search: 'espresso' })).toEqual([]);
  });

  it('caps the answer after matching words, and sorts by time either way', async () => {
    const scheduled = { status: ['scheduled' as const], from: inDays(0), to: inDays(10) };
    expect(ids(await client.invoke('posts:list', scheduled))).toEqual([cafe.id, recipe.id, launch.id]);
    expect(ids(await client.invoke('posts:list', { ...scheduled, order: 'desc' }))).toEqual([launch.id, recipe.id, cafe.id]);
    expect(ids(await client.invoke('posts:list', { ...scheduled, order: 'desc', limit: 2 }))).toEqual([launch.id, recipe.id]);
    expect(ids(await client.invoke('posts:list', { search: 'a', limit: 1, status: ['scheduled'] }))).toEqual([cafe.id]);
  });

  it('refuses bad filters, naming the field', async () => {
    await expect(client.invoke('posts:list', { platforms: ['myspace'] } as never)).rejects.toMatchObject({
      code: 'validation',
      field: 'platforms.0',
    });
    await expect(client.invoke('posts:list', { accountIds: [''] })).rejects.toMatchObject({ code: 'validation', field: 'accountIds.0' });
    await expect(client.invoke('posts:list', { search: 'x'.repeat(201) })).rejects.toMatchObject({ code: 'validation', field: 'search' });
    await expect(client.invoke('posts:list', { order: 'sideways' } as never)).rejects.toMatchObject({ code: 'validation', field: 'order' });
  });
});

describe('queue:stats in posts', () => {
  it('counts waiting posts and the platform deliveries they make up', async () => {
    const stats = await client.invoke('queue:stats', {});
    // The launch goes to two accounts; the café and the recipe to one each; the draft waits for nothing.
    expect(stats.posts).toEqual({
      upcoming: { posts: 3, targets: 4 },
      publishing: { posts: 0, targets: 0 },
      needsAttention: { posts: 0, targets: 0 },
    });
    expect(stats.counts.delayed).toBe(4);
  });
});
