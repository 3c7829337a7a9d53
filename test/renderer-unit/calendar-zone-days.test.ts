import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type PostView } from '../../shared/domain';
import { dayKey, postsByDay } from '../../renderer/src/lib/calendar-events';
import { applySettings, zonedDate } from '../../renderer/src/lib/preferences';

const post = (at: number): PostView => {
  const iso = new Date(at).toISOString();
  return {
    id: iso,
    text: iso,
    mediaUrls: [],
    media: [],
    scheduledAt: iso,
    timeZone: 'UTC',
    status: 'scheduled',
    createdAt: iso,
    updatedAt: iso,
    targets: [],
  };
};

afterEach(() => applySettings(DEFAULT_SETTINGS));

describe('posts by day in a zone other than the computer’s', () => {
  // Clocks that change by an hour or by half an hour, at night or at midnight, zones off the hour, and far from UTC.
  const zones = [
    'America/New_York',
    'Europe/London',
    'Australia/Lord_Howe',
    'America/Havana',
    'Asia/Kathmandu',
    'Pacific/Chatham',
    'Pacific/Kiritimati',
  ];
  // Weeks around the 2026 changes in both hemispheres.
  const spans = [Date.UTC(2026, 2, 5), Date.UTC(2026, 2, 26), Date.UTC(2026, 3, 1), Date.UTC(2026, 9, 22), Date.UTC(2026, 10, 1)];

  it('puts every post on the day its zoned date reads, across clock changes', () => {
    for (const timeZone of zones) {
      applySettings({ ...DEFAULT_SETTINGS, timeZone });
      for (const start of spans) {
        // Every 7 minutes for 9 days: through each local midnight and each change.
        const posts = Array.from({ length: (9 * 24 * 60) / 7 }, (_, index) => post(start + index * 7 * 60_000));
        const days = postsByDay(posts);
        for (const [key, onDay] of days) {
          for (const shown of onDay) expect(key, `${shown.scheduledAt} in ${timeZone}`).toBe(dayKey(zonedDate(Date.parse(shown.scheduledAt ?? ''))));
        }
        expect([...days.values()].reduce((sum, list) => sum + list.length, 0)).toBe(posts.length);
      }
    }
  });
});
