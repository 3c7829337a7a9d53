// Wall time in a chosen IANA zone ⇄ instants. The engine stores instants; people pick a date and a time somewhere.
import { TZDate } from '@date-fns/tz';
import { gapMessage, isoInZone, overlapNote, resolveWallTime } from '../../../shared/wall-time';
import { preferences } from './preferences';

export interface WallTime {
  /** YYYY-MM-DD */
  date: string;
  /** HH:mm (24 h) */
  time: string;
}

export interface ResolvedInstant {
  /** ISO-8601 with the zone's offset, e.g. 2026-03-01T09:00:00.000+01:00. */
  iso: string;
  /** When the wall time happens twice (the clocks go back): which occurrence was taken. */
  note: string | null;
}

/** A picked wall time: not a date and time at all, skipped by the clocks (with why and the valid neighbours), or fine. */
export type WallTimeCheck = { kind: 'invalid' } | { kind: 'gap'; message: string } | { kind: 'ok'; instant: ResolvedInstant };

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^(\d{2}):(\d{2})$/;

/** The user's zone: the default zone of the settings, else this computer's. */
export function userTimeZone(): string {
  return preferences().timeZone;
}

export function isValidTimeZone(zone: string): boolean {
  if (zone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Every zone the runtime knows, with the user's zone and UTC guaranteed present. */
export function timeZoneChoices(userZone: string): string[] {
  const zones = new Set(Intl.supportedValuesOf('timeZone'));
  zones.add('UTC');
  zones.add(userZone);
  return [...zones].sort((a, b) => a.localeCompare(b));
}

const pad = (value: number): string => String(value).padStart(2, '0');

function wallTimeOf(date: TZDate): WallTime {
  return {
    date: `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`,
    time: `${pad(date.getHours())}:${pad(date.getMinutes())}`,
  };
}

/** The instant a wall time in a zone names, by the rule the engine and the CLI apply too. */
export function checkWallTime(wall: WallTime, zone: string): WallTimeCheck {
  const day = DATE_PATTERN.exec(wall.date);
  const clock = TIME_PATTERN.exec(wall.time);
  if (!day || !clock || !isValidTimeZone(zone)) return { kind: 'invalid' };
  const [year, month, date] = [Number(day[1]), Number(day[2]), Number(day[3])];
  const [hour, minute] = [Number(clock[1]), Number(clock[2])];
  if (hour > 23 || minute > 59) return { kind: 'invalid' };
  // Date would roll 31 February over into March; refuse instead.
  const calendarDay = new Date(Date.UTC(year, month - 1, date));
  if (calendarDay.getUTCFullYear() !== year || calendarDay.getUTCMonth() !== month - 1 || calendarDay.getUTCDate() !== date)
    return { kind: 'invalid' };
  const resolved = resolveWallTime({ year, month, day: date, hour, minute }, zone);
  const written = `${wall.date} ${wall.time}`;
  if (resolved.kind === 'gap') return { kind: 'gap', message: gapMessage(written, zone, resolved) };
  if (resolved.kind === 'overlap')
    return { kind: 'ok', instant: { iso: isoInZone(resolved.first), note: overlapNote(written, zone, resolved, 'first') } };
  return { kind: 'ok', instant: { iso: isoInZone(resolved.instant), note: null } };
}

/** The instant a wall time in a zone names; null when the date, time or zone is not valid, or the clocks skip it. */
export function wallTimeToInstant(wall: WallTime, zone: string): ResolvedInstant | null {
  const check = checkWallTime(wall, zone);
  return check.kind === 'ok' ? check.instant : null;
}

export function instantToWallTime(instant: string | number | Date, zone: string): WallTime {
  const ms = instant instanceof Date ? instant.getTime() : typeof instant === 'number' ? instant : Date.parse(instant);
  return wallTimeOf(new TZDate(ms, isValidTimeZone(zone) ? zone : 'UTC'));
}

/** A sensible first guess for a new post: the next full hour that is at least 30 minutes away. */
export function defaultScheduleWallTime(now: Date, zone: string): WallTime {
  const later = new TZDate(now.getTime() + 30 * 60_000, isValidTimeZone(zone) ? zone : 'UTC');
  later.setMinutes(0, 0, 0);
  return instantToWallTime(later.getTime() + 60 * 60_000, zone);
}

export function formatInstant(instant: string | Date, zone: string, style: 'long' | 'short' = 'long'): string {
  const date = instant instanceof Date ? instant : new Date(instant);
  if (Number.isNaN(date.getTime())) return '';
  const { hourCycle } = preferences();
  const clock = hourCycle ? { hourCycle } : {};
  const options: Intl.DateTimeFormatOptions =
    style === 'long'
      ? { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', ...clock, timeZone: zone }
      : { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', ...clock, timeZone: zone };
  return new Intl.DateTimeFormat(undefined, isValidTimeZone(zone) ? options : { ...options, timeZone: 'UTC' }).format(date);
}

/** "in 3 hours", "2 days ago": how far an instant is from now, in words. */
export function relativeToNow(instant: string | Date, now: Date = new Date()): string {
  const date = instant instanceof Date ? instant : new Date(instant);
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(0, 'minute');
}
