import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/domain';
import { dayFromKey, visibleRange } from '../../renderer/src/lib/calendar-events';
import { weekStartsOn } from '../../renderer/src/lib/calendar-locale';
import { startupRange } from '../../renderer/src/lib/calendar-posts-ahead';
import { applySettings } from '../../renderer/src/lib/preferences';
import { CALENDAR_VIEWS } from '../../renderer/src/lib/route';

// The zones furthest ahead of and behind UTC, and ones off the hour.
const ZONES = ['Pacific/Kiritimati', 'Etc/GMT+12', 'Pacific/Pago_Pago', 'Asia/Kathmandu', 'America/St_Johns', 'Europe/London', 'UTC'];
const WEEK_STARTS: Settings['weekStartsOn'][] = ['sunday', 'monday', 'saturday'];
// Month and year edges, a month whose first is a Sunday and one whose last is a Saturday, a leap day, a DST change.
const DAYS = ['2026-01-01', '2026-02-28', '2026-02-01', '2026-03-29', '2026-10-31', '2026-11-15', '2028-02-29', '2026-12-31'];

afterEach(() => applySettings(DEFAULT_SETTINGS));

describe('the calendar posts asked for at start-up, before the settings are known', () => {
  it('cover the days every view shows, in any zone and with any first day of the week', () => {
    for (const timeZone of ZONES) {
      for (const weekStart of WEEK_STARTS) {
        applySettings({ ...DEFAULT_SETTINGS, timeZone, weekStartsOn: weekStart });
        for (const view of CALENDAR_VIEWS) {
          for (const date of DAYS) {
            const shown = visibleRange(dayFromKey(date), view, weekStartsOn());
            const asked = startupRange({ name: 'calendar', view, date }, Date.parse('2026-06-01T00:00:00Z'));
            const where = `${view} of ${date} in ${timeZone}, weeks from ${weekStart}`;
            expect(asked.from.getTime(), where).toBeLessThanOrEqual(shown.from.getTime());
            expect(asked.to.getTime(), where).toBeGreaterThanOrEqual(shown.to.getTime());
          }
        }
      }
    }
  });

  it('cover today’s day, week and list in any zone when the route names no day', () => {
    for (const now of [Date.parse('2026-06-15T23:30:00Z'), Date.parse('2026-06-15T00:30:00Z'), Date.parse('2026-12-31T12:00:00Z')]) {
      for (const timeZone of ZONES) {
        applySettings({ ...DEFAULT_SETTINGS, timeZone, weekStartsOn: 'saturday' });
        for (const view of ['day', 'week', 'list'] as const) {
          const shown = visibleRange(dayFromKey(null, new Date(now)), view, weekStartsOn());
          const asked = startupRange({ name: 'calendar', view, date: null }, now);
          expect(asked.from.getTime(), `${view} in ${timeZone}`).toBeLessThanOrEqual(shown.from.getTime());
          expect(asked.to.getTime(), `${view} in ${timeZone}`).toBeGreaterThanOrEqual(shown.to.getTime());
        }
      }
    }
  });

  it('ask for little more: six days and one on each side of a month, a day on each side of a day', () => {
    const asked = startupRange({ name: 'calendar', view: 'month', date: '2026-12-15' }, Date.now());
    expect(asked.from.toISOString()).toBe('2026-11-24T00:00:00.000Z');
    expect(asked.to.toISOString()).toBe('2027-01-08T00:00:00.000Z');
    const day = startupRange({ name: 'calendar', view: 'day', date: '2026-12-15' }, Date.now());
    expect(day.from.toISOString()).toBe('2026-12-14T00:00:00.000Z');
    expect(day.to.toISOString()).toBe('2026-12-17T00:00:00.000Z');
  });
});
