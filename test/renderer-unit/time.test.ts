import { describe, expect, it } from 'vitest';
import {
  checkWallTime,
  defaultScheduleWallTime,
  instantToWallTime,
  isValidTimeZone,
  timeZoneChoices,
  wallTimeToInstant,
} from '../../renderer/src/lib/time';

describe('wallTimeToInstant', () => {
  it('gives the ISO instant with the zone offset', () => {
    const winter = wallTimeToInstant({ date: '2026-01-05', time: '09:00' }, 'Europe/Berlin');
    expect(winter?.iso).toBe('2026-01-05T09:00:00.000+01:00');
    expect(Date.parse(winter!.iso)).toBe(Date.parse('2026-01-05T08:00:00Z'));
    const summer = wallTimeToInstant({ date: '2026-07-05', time: '09:00' }, 'Europe/Berlin');
    expect(summer?.iso).toBe('2026-07-05T09:00:00.000+02:00');
    expect(wallTimeToInstant({ date: '2026-01-05', time: '09:00' }, 'Asia/Kolkata')?.iso).toBe('2026-01-05T09:00:00.000+05:30');
    expect(wallTimeToInstant({ date: '2026-01-05', time: '09:00' }, 'UTC')?.iso).toBe('2026-01-05T09:00:00.000+00:00');
  });

  it('matches the offset pattern the contract requires', () => {
    const iso = wallTimeToInstant({ date: '2026-11-01', time: '23:45' }, 'America/New_York')!.iso;
    expect(iso).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/);
  });

  it('refuses a wall time skipped by a DST jump, offering the valid neighbours (as the engine and the CLI do)', () => {
    expect(wallTimeToInstant({ date: '2027-03-28', time: '02:30' }, 'Europe/Berlin')).toBeNull();
    expect(checkWallTime({ date: '2027-03-28', time: '02:30' }, 'Europe/Berlin')).toEqual({
      kind: 'gap',
      message: '2027-03-28 02:30 does not exist in Europe/Berlin: the clocks jump from 02:00 to 03:00. Choose 01:59 or 03:00.',
    });
    expect(wallTimeToInstant({ date: '2027-03-28', time: '03:00' }, 'Europe/Berlin')).toEqual({ iso: '2027-03-28T03:00:00.000+02:00', note: null });
  });

  it('takes the first of a doubled wall time and says so', () => {
    const overlap = wallTimeToInstant({ date: '2027-10-31', time: '02:30' }, 'Europe/Berlin');
    expect(overlap?.iso).toBe('2027-10-31T02:30:00.000+02:00');
    expect(overlap?.note).toMatch(/happens twice in Europe\/Berlin .* the first one, at \+02:00, was taken/);
  });

  it('refuses impossible dates, times and zones', () => {
    expect(wallTimeToInstant({ date: '2026-02-31', time: '09:00' }, 'UTC')).toBeNull();
    expect(wallTimeToInstant({ date: '2026-02-10', time: '24:00' }, 'UTC')).toBeNull();
    expect(wallTimeToInstant({ date: '', time: '09:00' }, 'UTC')).toBeNull();
    expect(wallTimeToInstant({ date: '2026-02-10', time: '09:00' }, 'Mars/Olympus')).toBeNull();
  });
});

describe('instantToWallTime', () => {
  it('reads an instant as wall time in a zone', () => {
    expect(instantToWallTime('2026-01-05T03:30:00Z', 'America/New_York')).toEqual({ date: '2026-01-04', time: '22:30' });
    expect(instantToWallTime('2026-01-05T03:30:00Z', 'Asia/Tokyo')).toEqual({ date: '2026-01-05', time: '12:30' });
  });

  it('round-trips with wallTimeToInstant', () => {
    for (const zone of ['Europe/Berlin', 'America/Los_Angeles', 'Australia/Lord_Howe', 'Asia/Kathmandu']) {
      const wall = { date: '2026-06-15', time: '17:05' };
      expect(instantToWallTime(wallTimeToInstant(wall, zone)!.iso, zone)).toEqual(wall);
    }
  });
});

describe('defaultScheduleWallTime', () => {
  it('picks the next full hour at least 30 minutes away, in the zone', () => {
    expect(defaultScheduleWallTime(new Date('2026-01-05T10:10:00Z'), 'UTC')).toEqual({ date: '2026-01-05', time: '11:00' });
    expect(defaultScheduleWallTime(new Date('2026-01-05T10:40:00Z'), 'UTC')).toEqual({ date: '2026-01-05', time: '12:00' });
    expect(defaultScheduleWallTime(new Date('2026-01-05T23:50:00Z'), 'UTC')).toEqual({ date: '2026-01-06', time: '01:00' });
    expect(defaultScheduleWallTime(new Date('2026-01-05T10:10:00Z'), 'Asia/Kolkata')).toEqual({ date: '2026-01-05', time: '17:00' });
  });
});

describe('time zones', () => {
  it('validates zones and lists them with the user zone included', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone('Nowhere/City')).toBe(false);
    const choices = timeZoneChoices('UTC');
    expect(choices).toContain('UTC');
    expect(choices).toContain('Europe/Berlin');
    expect([...choices].sort((a, b) => a.localeCompare(b))).toEqual(choices);
  });
});
