import { describe, expect, it } from 'vitest';
import { agendaDays, postEntries } from '../../renderer/src/lib/agenda';
import { dayKey } from '../../renderer/src/lib/calendar-events';
import { post } from './fixtures';

describe('agenda', () => {
  it('groups posts by local day in time order, leaving undated drafts out', () => {
    const morning = new Date(2026, 2, 10, 9, 0);
    const evening = new Date(2026, 2, 10, 18, 30);
    const next = new Date(2026, 2, 12, 8, 15);
    const days = agendaDays(
      postEntries([
        post('evening', { scheduledAt: evening.toISOString() }),
        post('next', { scheduledAt: next.toISOString() }),
        post('idea', { scheduledAt: null, status: 'draft' }),
        post('morning', { scheduledAt: morning.toISOString() }),
      ]),
    );
    expect(days.map((day) => [day.day, day.entries.map((entry) => entry.post.id)])).toEqual([
      [dayKey(morning), ['morning', 'evening']],
      [dayKey(next), ['next']],
    ]);
    expect(days[0].date).toEqual(new Date(2026, 2, 10));
    expect(days[0].entries[0]).toMatchObject({ kind: 'post', at: morning.getTime() });
  });
});
