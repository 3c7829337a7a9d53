import { describe, expect, it } from 'vitest';
import {
  countInRange,
  dayFromKey,
  dayKey,
  isInRange,
  monthAnchor,
  monthRange,
  monthWeeks,
  postLine,
  postPlatforms,
  postTitle,
  postsByDay,
  visibleRange,
} from '../../renderer/src/lib/calendar-events';
import { post, target } from './fixtures';

describe('postsByDay', () => {
  it('puts each post on its local day in time order, a publish-now post at its creation, and leaves undated drafts off', () => {
    const days = postsByDay([
      post('late', { scheduledAt: '2026-03-12T09:00:00.000Z' }),
      post('undated', { scheduledAt: null, status: 'draft' }),
      post('now', { scheduledAt: null, status: 'published', createdAt: '2026-03-12T08:00:00.000Z' }),
      post('early', { scheduledAt: '2026-03-01T09:00:00.000Z' }),
    ]);
    expect([...days.keys()]).toEqual([dayKey(new Date('2026-03-01T09:00:00.000Z')), dayKey(new Date('2026-03-12T09:00:00.000Z'))]);
    expect([...days.values()].flat().map((entry) => entry.id)).toEqual(['early', 'now', 'late']);
  });

  it('groups a 2,000-post month quickly', () => {
    const posts = Array.from({ length: 2000 }, (_, i) =>
      post(`p${i}`, { scheduledAt: new Date(Date.UTC(2026, 2, 1 + (i % 31), i % 24)).toISOString() }),
    );
    const started = performance.now();
    expect([...postsByDay(posts).values()].flat()).toHaveLength(2000);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('lists distinct platforms in the app’s order', () => {
    expect(postPlatforms([target('a', 'p', 'youtube'), target('b', 'p', 'twitter'), target('c', 'p', 'twitter')])).toEqual(['twitter', 'youtube']);
  });

  it('counts only what falls in a range, such as the month without its neighbours’ days', () => {
    const posts = [
      post('feb', { scheduledAt: new Date(2026, 1, 28, 12).toISOString() }),
      post('mar', { scheduledAt: new Date(2026, 2, 2, 12).toISOString() }),
    ];
    expect(countInRange(posts, monthRange(new Date(2026, 2, 15)))).toBe(1);
    expect(countInRange(posts, visibleRange(new Date(2026, 2, 15), 'month', 1))).toBe(2);
  });
});

describe('postLine', () => {
  it('puts the whole text on one line, or names media-only posts', () => {
    expect(postLine({ text: '  Hello\n\n world  ', mediaUrls: [] })).toBe('Hello world');
    expect(postLine({ text: '', mediaUrls: ['https://cdn.example.com/a.jpg'] })).toBe('1 media item');
  });
});

describe('postTitle', () => {
  it('uses the first line, shortened, or names media-only posts', () => {
    expect(postTitle('  Hello\nworld', 0)).toBe('Hello');
    expect(postTitle('x'.repeat(200), 0)).toHaveLength(80);
    expect(postTitle('x'.repeat(200), 0).endsWith('…')).toBe(true);
    expect(postTitle('', 2)).toBe('2 media items');
    expect(postTitle('', 0)).toBe('(empty post)');
  });
});

describe('visibleRange', () => {
  it('covers whole weeks around a month', () => {
    const range = visibleRange(new Date(2026, 2, 15), 'month', 0);
    expect(range.from).toEqual(new Date(2026, 2, 1)); // 1 March 2026 is a Sunday
    expect(dayKey(range.to)).toBe('2026-04-04');
    const monday = visibleRange(new Date(2026, 2, 15), 'month', 1);
    expect(dayKey(monday.from)).toBe('2026-02-23');
    expect(dayKey(monday.to)).toBe('2026-04-05');
  });

  it('covers the list view’s days from the day asked for', () => {
    const list = visibleRange(new Date(2026, 2, 11, 15), 'list', 1, 28);
    expect([dayKey(list.from), dayKey(list.to)]).toEqual(['2026-03-11', '2026-04-07']);
    expect(list.to.getHours()).toBe(23);
  });

  it('lays out whole weeks of seven days', () => {
    const weeks = monthWeeks(new Date(2026, 2, 15), 1);
    expect(weeks).toHaveLength(6);
    expect(weeks.every((week) => week.length === 7)).toBe(true);
    expect(dayKey(weeks[0][0])).toBe('2026-02-23');
    expect(dayKey(weeks[5][6])).toBe('2026-04-05');
  });

  it('opens a month on today in the current month, else on its first day', () => {
    const today = new Date(2026, 10, 30, 10);
    expect(dayKey(monthAnchor(new Date(2026, 10, 2), today))).toBe('2026-11-30');
    expect(dayKey(monthAnchor(new Date(2026, 11, 30), today))).toBe('2026-12-01');
  });

  it('covers a week and a day', () => {
    const week = visibleRange(new Date(2026, 2, 11, 15), 'week', 1);
    expect([dayKey(week.from), dayKey(week.to)]).toEqual(['2026-03-09', '2026-03-15']);
    const day = visibleRange(new Date(2026, 2, 11, 15), 'day');
    expect(day.from).toEqual(new Date(2026, 2, 11));
    expect(day.to.getTime()).toBe(new Date(2026, 2, 12).getTime() - 1);
  });

  it('tells whether an instant is shown', () => {
    const range = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-31T23:59:59Z') };
    expect(isInRange('2026-03-10T09:00:00Z', range)).toBe(true);
    expect(isInRange('2026-04-10T09:00:00Z', range)).toBe(false);
    expect(isInRange(null, range)).toBe(false);
  });
});

describe('day keys', () => {
  it('round-trip a local day and fall back to today', () => {
    expect(dayKey(dayFromKey('2026-03-09'))).toBe('2026-03-09');
    const today = new Date(2026, 4, 6, 13, 30);
    expect(dayFromKey(null, today)).toEqual(new Date(2026, 4, 6));
    expect(dayFromKey('garbage', today)).toEqual(new Date(2026, 4, 6));
  });
});
