import { describe, expect, it } from 'vitest';
import { agendaDays, isReorderable, neighbourSwap, postEntries, reorderFor, slotEntries, type AgendaEntry } from '../../renderer/src/lib/agenda';
import { dayKey } from '../../renderer/src/lib/calendar-events';
import { post, target } from './fixtures';

const idOf = (entry: AgendaEntry): string => (entry.kind === 'post' ? entry.post.id : `slot ${entry.accountId}`);

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
    expect(days.map((day) => [day.day, day.entries.map(idOf)])).toEqual([
      [dayKey(morning), ['morning', 'evening']],
      [dayKey(next), ['next']],
    ]);
    expect(days[0].date).toEqual(new Date(2026, 2, 10));
    expect(days[0].entries[0]).toMatchObject({ kind: 'post', at: morning.getTime() });
  });

  it('merges empty slots in by time, also on days without posts', () => {
    const morning = new Date(2026, 2, 10, 9, 0);
    const noon = new Date(2026, 2, 10, 12, 30);
    const later = new Date(2026, 2, 11, 9, 0);
    const days = agendaDays([
      ...postEntries([post('morning', { scheduledAt: morning.toISOString() })]),
      ...slotEntries([
        { accountId: 'li', at: later.toISOString() },
        { accountId: 'x', at: noon.toISOString() },
      ]),
    ]);
    expect(days.map((day) => [day.day, day.entries.map(idOf)])).toEqual([
      [dayKey(morning), ['morning', 'slot x']],
      [dayKey(later), ['slot li']],
    ]);
  });
});

describe('reordering the queue', () => {
  const at = (hour: number) => new Date(Date.UTC(2026, 2, 10, hour)).toISOString();
  const queue = [post('c', { scheduledAt: at(17) }), post('a', { scheduledAt: at(9) }), post('b', { scheduledAt: at(12) })];

  it('only scheduled posts with nothing on its way out or live move', () => {
    expect(isReorderable(post('s'))).toBe(true);
    expect(isReorderable(post('d', { status: 'draft' }))).toBe(false);
    expect(isReorderable(post('p', { targets: [{ ...target('t', 'p', 'twitter'), status: 'publishing' }] }))).toBe(false);
  });

  it('a drag moves a post to the place of another, and the posts between shift one place', () => {
    expect(reorderFor(queue, 'a', 'c')).toEqual(['b', 'c', 'a']);
    expect(reorderFor(queue, 'c', 'a')).toEqual(['c', 'a', 'b']);
    expect(reorderFor(queue, 'b', 'b')).toBeNull();
    expect(reorderFor([...queue, post('gone', { status: 'published' })], 'gone', 'a')).toBeNull();
  });

  it('Alt+Arrow swaps a post with its neighbour, and does nothing at the ends', () => {
    expect(neighbourSwap(queue, 'b', -1)).toEqual(['b', 'a']);
    expect(neighbourSwap(queue, 'b', 1)).toEqual(['c', 'b']);
    expect(neighbourSwap(queue, 'a', -1)).toBeNull();
    expect(neighbourSwap(queue, 'c', 1)).toBeNull();
  });
});
