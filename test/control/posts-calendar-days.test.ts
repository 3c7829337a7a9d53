// posts:calendarDays, the month view's answer, through the real socket against a real engine: for any zone, filter and
// number of posts a day carries, each day's count and first posts are those of posts:calendar's answer for the same
// range and filter, placed on days by Intl in that zone (clocks changing included); undated drafts are on no day; bad
// input is refused naming the field and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ControlClient } from '../../electron/engine/control/control-client';
import type { CalendarDay } from '../../shared/calendar-days';
import type { AccountView, PostView } from '../../shared/domain';
import type { PostSummary } from '../../shared/post-summary';
import { addRoasteryAccounts, snapshot, startTestEngine, type TestEngine } from './engine-harness';

let harness: TestEngine;
let client: ControlClient;
let x: AccountView;
let linkedIn: AccountView;
let facebook: AccountView;
let undated: PostView;

const HOUR = 3_600_000;
/** Berlin's clocks go forward at 01:00 UTC on 28 March 2027 and back at 01:00 UTC on 31 October 2027. */
const SPRING = Date.parse('2027-03-28T01:00:00Z');
const AUTUMN = Date.parse('2027-10-31T01:00:00Z');
/** Santiago's go back at its midnight (03:00 UTC on 4 April 2027) to 23:00, and forward at midnight on 5 September. */
const SANTIAGO_BACK = Date.parse('2027-04-04T03:00:00Z');
const SANTIAGO_FORWARD = Date.parse('2027-09-05T04:00:00Z');
const range = { from: new Date(SPRING - 3 * 24 * HOUR).toISOString(), to: new Date(AUTUMN + 3 * 24 * HOUR).toISOString() };
const ZONES = ['UTC', 'Europe/Berlin', 'America/Santiago', 'America/New_York', 'Asia/Kathmandu', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'];

/** The oracle: a day in a zone as Intl writes it (en-CA writes YYYY-MM-DD). */
const dayIn = (zone: string, iso: string): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(Date.parse(iso));

/** What posts:calendarDays should answer, from posts:calendar's answer for the same range and filter. */
function expectedDays(posts: readonly PostSummary[], zone: string, perDay: number): CalendarDay[] {
  const days = new Map<string, CalendarDay>();
  for (const post of posts) {
    const at = post.scheduledAt ?? (post.status === 'draft' ? null : post.createdAt);
    if (at === null) continue;
    const day = dayIn(zone, at);
    const entry = days.get(day) ?? { day, count: 0, posts: [] };
    days.set(day, entry);
    entry.count += 1;
    if (entry.posts.length < perDay) entry.posts.push(post);
  }
  return [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
}

beforeAll(async () => {
  harness = await startTestEngine('calendar-days');
  client = await harness.connect();
  [x, linkedIn, facebook] = await addRoasteryAccounts(client);
  const accounts = [x, linkedIn, facebook];
  // Around Berlin's and Santiago's clock changes, every 47 minutes for a day and a half: posts near every zone's midnight.
  const times = [SPRING, SANTIAGO_BACK, SANTIAGO_FORWARD, AUTUMN].flatMap((change) =>
    Array.from({ length: 46 }, (_, index) => change - 18 * HOUR + index * 47 * 60_000),
  );
  for (const [index, at] of times.entries()) {
    await client.invoke('posts:create', {
      text: index % 5 === 0 ? `Roast ${index}: the winter blend` : `Roast ${index}`,
      targets: [{ accountId: accounts[index % 3].id }, ...(index % 4 === 0 ? [{ accountId: accounts[(index + 1) % 3].id }] : [])],
      ...(index % 11 === 7
        ? { mode: 'draft' as const, scheduledAt: new Date(at).toISOString() }
        : { mode: 'schedule' as const, scheduledAt: new Date(at).toISOString() }),
    });
  }
  undated = await client.invoke('posts:create', { text: 'Idea: a winter cupping', targets: [{ accountId: x.id }], mode: 'draft' });
}, 60_000);

afterAll(async () => {
  await harness?.stop();
});

describe('posts:calendarDays', () => {
  it('answers each day’s count and first posts in any zone, filter and size, as posts:calendar’s posts fall on days', async () => {
    const filters = [
      {},
      { accountIds: [linkedIn.id] },
      { platforms: ['facebook' as const] },
      { status: ['draft' as const] },
      { search: 'winter blend' },
    ];
    let compared = 0;
    for (const zone of ZONES) {
      for (const filter of filters) {
        const posts = await client.invoke('posts:calendar', { ...range, ...filter, limit: 20_000 });
        for (const perDay of [1, 3, 50]) {
          const days = await client.invoke('posts:calendarDays', { ...range, ...filter, timeZone: zone, perDay });
          expect(days, `${zone} ${JSON.stringify(filter)} ${perDay}`).toEqual(expectedDays(posts, zone, perDay));
          compared += days.length;
        }
      }
    }
    // Days with more posts than a cell carries, and the clock changes' days, were among those compared.
    const berlin = await client.invoke('posts:calendarDays', { ...range, timeZone: 'Europe/Berlin', perDay: 2 });
    expect(berlin.map((day) => day.day)).toEqual(expect.arrayContaining(['2027-03-28', '2027-10-31']));
    const santiago = await client.invoke('posts:calendarDays', { ...range, timeZone: 'America/Santiago', perDay: 2 });
    expect(santiago.map((day) => day.day)).toEqual(expect.arrayContaining(['2027-04-03', '2027-04-04', '2027-09-05']));
    expect(berlin.some((day) => day.count > day.posts.length)).toBe(true);
    expect(compared).toBeGreaterThan(200);
  });

  it('counts every post of the range, with no cap, and leaves undated drafts off every day', async () => {
    const days = await client.invoke('posts:calendarDays', { ...range, timeZone: 'UTC', perDay: 1 });
    const all = await client.invoke('posts:calendar', { ...range, limit: 20_000 });
    expect(all.map((post) => post.id)).not.toContain(undated.id);
    expect(days.reduce((sum, day) => sum + day.count, 0)).toBe(all.length);
    // The undated draft is in the range of its creation time; posts:calendar lists it there, no day holds it.
    const now = { from: new Date(Date.now() - HOUR).toISOString(), to: new Date(Date.now() + HOUR).toISOString() };
    expect((await client.invoke('posts:calendar', now)).map((post) => post.id)).toContain(undated.id);
    expect(await client.invoke('posts:calendarDays', { ...now, timeZone: 'UTC', perDay: 5 })).toEqual([]);
  });

  it('refuses bad input naming the field, and changes nothing', async () => {
    const before = await snapshot(client);
    const input = { ...range, timeZone: 'Europe/Berlin', perDay: 3 };
    const refused = async (bad: Record<string, unknown>, field?: string): Promise<void> => {
      await expect(client.invoke('posts:calendarDays', { ...input, ...bad } as never)).rejects.toMatchObject({
        code: 'validation',
        ...(field === undefined ? {} : { field }),
      });
    };
    await refused({ timeZone: 'Mars/Olympus' }, 'timeZone');
    await refused({ timeZone: undefined }, 'timeZone');
    await refused({ perDay: 0 }, 'perDay');
    await refused({ perDay: 51 }, 'perDay');
    await refused({ perDay: 2.5 }, 'perDay');
    await refused({ from: input.to, to: input.from }, 'to');
    // Every post is counted: there is no limit to give.
    await refused({ limit: 10 });
    expect(await snapshot(client)).toEqual(before);
  });
});
