// The settings that decide how times and weeks read everywhere in the app: the default zone (the calendar's days and
// every time shown are in it), the first day of the week, and the clock. Each follows the computer until the user
// picks one. Read synchronously by the formatters, and as a hook by screens that must redraw when they change.
import { TZDate } from '@date-fns/tz';
import type { Day } from 'date-fns';
import { useSyncExternalStore } from 'react';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/domain';

export interface Preferences {
  /** IANA zone every time is shown in, and new posts are written in. */
  timeZone: string;
  /** 0 = Sunday … 6 = Saturday, as date-fns counts. */
  weekStartsOn: Day;
  /** 'h12' (9:30 PM), 'h23' (21:30), or undefined for the language's own. */
  hourCycle: 'h12' | 'h23' | undefined;
  /** Accounts a new post starts with. */
  defaultAccountIds: readonly string[];
  /** Changes whenever any of the above does: a key for what must redraw. */
  version: number;
}

/** This computer's zone. */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

interface WeekInfo {
  firstDay: number;
}

/** The first day of the week of the user's language, from its week data where the runtime has it. */
function localeWeekStart(): Day {
  try {
    const locale = new Intl.Locale(Intl.DateTimeFormat().resolvedOptions().locale) as Intl.Locale & {
      getWeekInfo?: () => WeekInfo;
      weekInfo?: WeekInfo;
    };
    const firstDay = (locale.getWeekInfo?.() ?? locale.weekInfo)?.firstDay;
    // Intl counts Monday 1 … Sunday 7.
    if (firstDay !== undefined && firstDay >= 1 && firstDay <= 7) return (firstDay % 7) as Day;
  } catch {
    // An unknown locale: fall back on the clock below.
  }
  return new Intl.DateTimeFormat(undefined, { hour: 'numeric' }).resolvedOptions().hourCycle?.startsWith('h1') ? 0 : 1;
}

const WEEK_START_DAYS: Record<Exclude<Settings['weekStartsOn'], 'auto'>, Day> = { sunday: 0, monday: 1, saturday: 6 };

function validZone(zone: string | null): string | null {
  if (zone === null) return null;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    return null;
  }
}

export function preferencesFrom(settings: Pick<Settings, 'timeZone' | 'weekStartsOn' | 'clock' | 'defaultAccountIds'>, version = 0): Preferences {
  return {
    timeZone: validZone(settings.timeZone) ?? systemTimeZone(),
    weekStartsOn: settings.weekStartsOn === 'auto' ? localeWeekStart() : WEEK_START_DAYS[settings.weekStartsOn],
    hourCycle: settings.clock === '12h' ? 'h12' : settings.clock === '24h' ? 'h23' : undefined,
    defaultAccountIds: settings.defaultAccountIds,
    version,
  };
}

// Made on first use, not as the page loads: the first reading of the computer's zone starts the runtime's time zone
// data (tens of ms), which had better come after the start-up's requests have left.
let made: Preferences | undefined;
const current = (): Preferences => (made ??= preferencesFrom(DEFAULT_SETTINGS));
const listeners = new Set<() => void>();

/** Takes the settings as the engine stored them; screens that follow preferences redraw when something changed. */
export function applySettings(settings: Settings): void {
  const before = current();
  const next = preferencesFrom(settings, before.version);
  const same =
    next.timeZone === before.timeZone &&
    next.weekStartsOn === before.weekStartsOn &&
    next.hourCycle === before.hourCycle &&
    next.defaultAccountIds.join() === before.defaultAccountIds.join();
  if (same) return;
  made = { ...next, version: before.version + 1 };
  for (const listener of listeners) listener();
}

export function preferences(): Preferences {
  return current();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function usePreferences(): Preferences {
  return useSyncExternalStore(subscribe, preferences);
}

// In the computer's own zone a plain Date already reads right, and costs less: a month holds thousands of posts.
let computerZone: string | undefined;
/** Whether a zone reads as this computer's: plain Dates then read right in it. */
export const inComputerZone = (zone: string): boolean => zone === (computerZone ??= systemTimeZone());

/** An instant as a date whose getters (day, hour …) read in the preferred zone; date-fns keeps the zone. */
export function zonedDate(instant: number | Date = Date.now()): Date {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  const { timeZone } = current();
  return inComputerZone(timeZone) ? new Date(ms) : new TZDate(ms, timeZone);
}

/** Midnight of a calendar day in the preferred zone. */
export function zonedDay(year: number, monthIndex: number, day: number): Date {
  const { timeZone } = current();
  return inComputerZone(timeZone) ? new Date(year, monthIndex, day) : new TZDate(year, monthIndex, day, timeZone);
}
