import { describe, expect, it } from 'vitest';
import { dayKey, visibleRange } from '../../renderer/src/lib/calendar-events';
import { rangeLabel, shiftDate } from '../../renderer/src/lib/calendar-nav';

describe('shiftDate', () => {
  it('steps by the unit of the view', () => {
    const date = new Date(2026, 0, 31);
    const today = new Date(2026, 1, 10, 9);
    // A month step lands on today in the current month, else on the first: Week then opens on a week of that month.
    expect(dayKey(shiftDate(date, 'month', 1, today))).toBe('2026-02-10');
    expect(dayKey(shiftDate(date, 'month', 1, new Date(2025, 5, 1)))).toBe('2026-02-01');
    expect(dayKey(shiftDate(date, 'list', 1))).toBe('2026-02-28');
    expect(dayKey(shiftDate(date, 'week', -1))).toBe('2026-01-24');
    expect(dayKey(shiftDate(date, 'day', 1))).toBe('2026-02-01');
  });
});

describe('rangeLabel', () => {
  it('names the month, week or day on screen', () => {
    const date = new Date(2026, 2, 11);
    expect(rangeLabel(date, 'month', visibleRange(date, 'month'), 'en-US')).toBe('March 2026');
    // Intl puts thin spaces around the dash.
    expect(rangeLabel(date, 'week', visibleRange(date, 'week', 1), 'en-US').replace(/\s/g, ' ')).toBe('Mar 9 – 15, 2026');
    expect(rangeLabel(date, 'day', visibleRange(date, 'day'), 'en-US')).toBe('Wednesday, March 11, 2026');
    expect(rangeLabel(date, 'list', visibleRange(date, 'list', 1, 28), 'en-US').replace(/\s/g, ' ')).toBe('Mar 11 – Apr 7, 2026');
  });
});
