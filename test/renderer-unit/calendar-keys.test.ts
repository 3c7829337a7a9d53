import { describe, expect, it } from 'vitest';
import { moveGridFocus, type GridFocus } from '../../renderer/src/lib/calendar-keys';

// Posts per day in a small March 2026: the 10th has 2 posts shown and "+N more" (4 items), the 17th one post.
const ITEMS: Record<string, number> = { '2026-03-10': 4, '2026-03-17': 2, '2026-03-03': 3 };
const items = (day: string): number => ITEMS[day] ?? 1;
const move = (kind: 'month' | 'week', focus: GridFocus, key: string) => moveGridFocus(kind, focus, key, items, 1);

describe('moveGridFocus in the month', () => {
  it('steps days left and right, keeping the item where the next day has one', () => {
    expect(move('month', { day: '2026-03-10', item: 0 }, 'ArrowRight')).toEqual({ day: '2026-03-11', item: 0 });
    expect(move('month', { day: '2026-03-10', item: 2 }, 'ArrowLeft')).toEqual({ day: '2026-03-09', item: 0 });
    expect(move('month', { day: '2026-03-17', item: 1 }, 'ArrowLeft')).toEqual({ day: '2026-03-16', item: 0 });
  });

  it('walks down a weekday: the day, its posts, "+N more", then the same day next week', () => {
    let focus: GridFocus = { day: '2026-03-10', item: 0 };
    const seen: GridFocus[] = [];
    for (let step = 0; step < 5; step++) {
      focus = move('month', focus, 'ArrowDown') ?? focus;
      seen.push(focus);
    }
    expect(seen).toEqual([
      { day: '2026-03-10', item: 1 },
      { day: '2026-03-10', item: 2 },
      { day: '2026-03-10', item: 3 },
      { day: '2026-03-17', item: 0 },
      { day: '2026-03-17', item: 1 },
    ]);
  });

  it('walks up to the last item of the same day a week earlier', () => {
    expect(move('month', { day: '2026-03-10', item: 0 }, 'ArrowUp')).toEqual({ day: '2026-03-03', item: 2 });
    expect(move('month', { day: '2026-03-10', item: 2 }, 'ArrowUp')).toEqual({ day: '2026-03-10', item: 1 });
  });

  it('goes to the week’s ends and a month away', () => {
    expect(move('month', { day: '2026-03-11', item: 1 }, 'Home')).toEqual({ day: '2026-03-09', item: 0 });
    expect(move('month', { day: '2026-03-11', item: 0 }, 'End')).toEqual({ day: '2026-03-15', item: 0 });
    expect(move('month', { day: '2026-03-31', item: 0 }, 'PageDown')).toEqual({ day: '2026-04-30', item: 0 });
    expect(move('month', { day: '2026-03-10', item: 0 }, 'PageUp')).toEqual({ day: '2026-02-10', item: 0 });
  });

  it('leaves other keys alone', () => {
    expect(move('month', { day: '2026-03-10', item: 0 }, 'a')).toBeNull();
    expect(move('month', { day: '2026-03-10', item: 0 }, 'Tab')).toBeNull();
  });
});

describe('moveGridFocus in the week', () => {
  it('stays within the day going up and down, and steps a week with Page keys', () => {
    expect(move('week', { day: '2026-03-10', item: 3 }, 'ArrowDown')).toEqual({ day: '2026-03-10', item: 3 });
    expect(move('week', { day: '2026-03-10', item: 0 }, 'ArrowUp')).toEqual({ day: '2026-03-10', item: 0 });
    expect(move('week', { day: '2026-03-10', item: 1 }, 'ArrowDown')).toEqual({ day: '2026-03-10', item: 2 });
    expect(move('week', { day: '2026-03-10', item: 0 }, 'PageDown')).toEqual({ day: '2026-03-17', item: 0 });
  });
});
