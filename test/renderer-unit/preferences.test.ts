import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type PostView } from '../../shared/domain';
import { dayFromKey, dayKey, monthWeeks, postsByDay } from '../../renderer/src/lib/calendar-events';
import { timeOfDay, weekStartsOn } from '../../renderer/src/lib/calendar-locale';
import { applySettings, preferences, preferencesFrom } from '../../renderer/src/lib/preferences';
import { formatInstant, userTimeZone } from '../../renderer/src/lib/time';

const post = (id: string, scheduledAt: string): PostView => ({
  id,
  text: id,
  mediaUrls: [],
  media: [],
  scheduledAt,
  timeZone: 'UTC',
  status: 'scheduled',
  createdAt: scheduledAt,
  updatedAt: scheduledAt,
  targets: [],
});

afterEach(() => applySettings(DEFAULT_SETTINGS));

describe('display preferences', () => {
  it('map the settings: a chosen first day and clock, else the language’s', () => {
    expect(preferencesFrom({ ...DEFAULT_SETTINGS, weekStartsOn: 'sunday', clock: '24h' })).toMatchObject({ weekStartsOn: 0, hourCycle: 'h23' });
    expect(preferencesFrom({ ...DEFAULT_SETTINGS, weekStartsOn: 'saturday', clock: '12h' })).toMatchObject({ weekStartsOn: 6, hourCycle: 'h12' });
    expect(preferencesFrom(DEFAULT_SETTINGS).hourCycle).toBeUndefined();
    // A zone the runtime does not know falls back on the computer's.
    expect(preferencesFrom({ ...DEFAULT_SETTINGS, timeZone: 'Mars/Base' }).timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });

  it('put posts on the days of the chosen zone, with weeks from the chosen first day and times on the chosen clock', () => {
    const before = preferences().version;
    applySettings({ ...DEFAULT_SETTINGS, timeZone: 'Pacific/Auckland', weekStartsOn: 'monday', clock: '24h' });
    expect(preferences().version).toBe(before + 1);
    expect(userTimeZone()).toBe('Pacific/Auckland');
    // 20:00 UTC on 1 November is 09:00 on Monday 2 November in Auckland (UTC+13).
    const days = postsByDay([post('a', '2026-11-01T20:00:00.000Z')]);
    expect([...days.keys()]).toEqual(['2026-11-02']);
    expect(timeOfDay.format(Date.parse('2026-11-01T20:00:00.000Z'))).toBe('09:00');
    expect(dayFromKey('2026-11-02').getTime()).toBe(Date.parse('2026-11-01T11:00:00.000Z'));
    expect(weekStartsOn()).toBe(1);
    expect(dayKey(monthWeeks(dayFromKey('2026-11-02'), weekStartsOn())[0]?.[0] as Date)).toBe('2026-10-26');
    expect(formatInstant('2026-11-01T20:00:00.000Z', userTimeZone())).toMatch(/09:00/);

    applySettings({ ...DEFAULT_SETTINGS, timeZone: 'Pacific/Auckland', weekStartsOn: 'sunday', clock: '12h' });
    expect(dayKey(monthWeeks(dayFromKey('2026-11-02'), weekStartsOn())[0]?.[0] as Date)).toBe('2026-11-01');
    expect(timeOfDay.format(Date.parse('2026-11-01T20:00:00.000Z')).toLowerCase()).toMatch(/^9:00\s?am$/);
  });

  it('only a real change counts as one', () => {
    applySettings({ ...DEFAULT_SETTINGS, clock: '24h' });
    const version = preferences().version;
    applySettings({ ...DEFAULT_SETTINGS, clock: '24h', lateToleranceMinutes: 5 });
    expect(preferences().version).toBe(version);
  });
});
