import { describe, expect, it } from 'vitest';
import {
  EVENT_MINUTES,
  dayFromKey,
  dayKey,
  isInRange,
  postEventTime,
  postTitle,
  postToEvent,
  postsToEvents,
  visibleRange,
} from '../../renderer/src/lib/calendar-events';
import { post, target } from './fixtures';

describe('postToEvent', () => {
  it('places a scheduled post at its time as a short block with its platforms', () => {
    const event = postToEvent(
      post('p1', {
        text: 'Launch day!\nMore below',
        targets: [target('t1', 'p1', 'youtube'), target('t2', 'p1', 'twitter'), target('t3', 'p1', 'twitter')],
      }),
    );
    expect(event).toMatchObject({ id: 'p1', title: 'Launch day!', status: 'scheduled', platforms: ['twitter', 'youtube'], draggable: true });
    expect(event!.start.toISOString()).toBe('2026-03-10T09:00:00.000Z');
    expect(event!.end.getTime() - event!.start.getTime()).toBe(EVENT_MINUTES * 60_000);
  });

  it('places a publish-now post at its creation and leaves undated drafts off', () => {
    expect(postEventTime(post('p', { scheduledAt: null, status: 'published', createdAt: '2026-02-01T10:00:00.000Z' }))).toBe(
      '2026-02-01T10:00:00.000Z',
    );
    expect(postToEvent(post('d', { scheduledAt: null, status: 'draft' }))).toBeNull();
  });

  it('lets scheduled posts and dated drafts be dragged, nothing else', () => {
    expect(postToEvent(post('d2', { status: 'draft' }))?.draggable).toBe(true);
    for (const status of ['published', 'failed', 'publishing', 'cancelled'] as const) {
      expect(postToEvent(post('p', { status }))?.draggable).toBe(false);
    }
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

describe('postsToEvents', () => {
  it('sorts by time and skips posts without one', () => {
    const events = postsToEvents([
      post('late', { scheduledAt: '2026-03-12T09:00:00.000Z' }),
      post('undated', { scheduledAt: null, status: 'draft' }),
      post('early', { scheduledAt: '2026-03-01T09:00:00.000Z' }),
    ]);
    expect(events.map((event) => event.id)).toEqual(['early', 'late']);
  });

  it('builds a 2,000-post month quickly', () => {
    const posts = Array.from({ length: 2000 }, (_, i) =>
      post(`p${i}`, { scheduledAt: new Date(Date.UTC(2026, 2, 1 + (i % 31), i % 24)).toISOString() }),
    );
    const started = performance.now();
    expect(postsToEvents(posts)).toHaveLength(2000);
    expect(performance.now() - started).toBeLessThan(1000);
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
