import { describe, expect, it } from 'vitest';
import { dayKey, visibleRange } from '../../renderer/src/lib/calendar-events';
import { rangeLabel, shiftDate } from '../../renderer/src/lib/calendar-nav';

describe('shiftDate', () => {
  it('steps by the unit of the view', () => {
    const date = new Date(2026, 0, 31);
    expect(dayKey(shiftDate(date, 'month', 1))).toBe('2026-02-28');
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
  });
});
