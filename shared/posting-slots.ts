// Posting slots (Buffer's queue): each account may have weekly wall times, in the account's own zone, at which
// queued posts go out. This file turns a weekly schedule into instants. The engine decides which are free and fills
// them; the CLI and the UI show them. A slot the clocks skip (a DST gap) does not happen that day; one they live
// twice happens once, at its first occurrence (the rule of shared/wall-time.ts).
import { TZDate } from '@date-fns/tz';
import { resolveWallTime } from './wall-time';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const WEEKDAY_LABELS: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

/** One weekly time: `{ day: 'mon', time: '09:00' }` (24-hour wall time in the schedule's zone). */
export interface PostingSlot {
  day: Weekday;
  time: string;
}

/** An account's weekly slots and the zone they are read in. */
export interface PostingSchedule {
  accountId: string;
  timeZone: string;
  /** In week order (Monday first), then by time; empty when the account has no queue. */
  slots: PostingSlot[];
}

/** A slot on a given day with no post in it yet. */
export interface OpenSlot {
  accountId: string;
  /** ISO instant (UTC). */
  at: string;
}

/** At most this many slots per account: every quarter hour of a week would be 672. */
export const MAX_SLOTS_PER_ACCOUNT = 200;

export const SLOT_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

const DAY_MS = 86_400_000;

export function slotMinute(time: string): number {
  const match = SLOT_TIME.exec(time);
  if (!match) throw new Error(`Not a slot time: ${time}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

export function slotTime(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** Slots without repeats, in week order then by time. */
export function normalizeSlots(slots: readonly PostingSlot[]): PostingSlot[] {
  const seen = new Set<string>();
  const unique: PostingSlot[] = [];
  for (const slot of slots) {
    const key = `${slot.day} ${slot.time}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push({ day: slot.day, time: slot.time });
  }
  return unique.sort((a, b) => WEEKDAYS.indexOf(a.day) - WEEKDAYS.indexOf(b.day) || slotMinute(a.time) - slotMinute(b.time));
}

/** Monday = 0 … Sunday = 6 for a date-fns style day (Sunday = 0). */
function weekdayOf(jsDay: number): Weekday {
  return WEEKDAYS[(jsDay + 6) % 7] as Weekday;
}

/**
 * Every instant of a schedule in [from, to), in time order. Days are walked in the schedule's zone, so a slot at
 * 09:00 stays at 09:00 there across a DST change.
 */
export function slotInstants(schedule: Pick<PostingSchedule, 'timeZone' | 'slots'>, from: number, to: number): number[] {
  if (schedule.slots.length === 0 || to <= from) return [];
  const byDay = new Map<Weekday, number[]>();
  for (const slot of schedule.slots) {
    const list = byDay.get(slot.day) ?? [];
    list.push(slotMinute(slot.time));
    byDay.set(slot.day, list);
  }
  const instants: number[] = [];
  // From the zone's calendar day that holds `from` (minus one, for zones far behind UTC) to the one after `to`.
  const start = new TZDate(from - DAY_MS, schedule.timeZone);
  for (let cursor = new TZDate(start.getFullYear(), start.getMonth(), start.getDate(), schedule.timeZone); ;) {
    const dayStart = cursor.getTime();
    if (dayStart > to + DAY_MS) break;
    const minutes = byDay.get(weekdayOf(cursor.getDay())) ?? [];
    for (const minute of minutes) {
      const wall = resolveWallTime(
        { year: cursor.getFullYear(), month: cursor.getMonth() + 1, day: cursor.getDate(), hour: Math.floor(minute / 60), minute: minute % 60 },
        schedule.timeZone,
      );
      if (wall.kind === 'gap') continue;
      const at = wall.kind === 'single' ? wall.instant.epochMs : wall.first.epochMs;
      if (at >= from && at < to) instants.push(at);
    }
    cursor = new TZDate(cursor.getFullYear(), cursor.getMonth(), cursor.getDate() + 1, schedule.timeZone);
  }
  return instants.sort((a, b) => a - b);
}
