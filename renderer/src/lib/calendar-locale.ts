// How the calendar reads: the first day of the week, the clock and the zone, as the user's preferences say (the
// computer's until the user picks). The formatters are rebuilt when a preference changes.
import type { Day } from 'date-fns';
import { preferences } from './preferences';

export function weekStartsOn(): Day {
  return preferences().weekStartsOn;
}

interface Formatter {
  format(date: Date | number): string;
}

/**
 * The preferred clock as format options. A 24-hour clock always writes two hour digits ("09:30", "00:30"), as the
 * composer's time field and the posting slots do; some languages' own pattern (en-GB's) would write "9:30".
 */
function clockOptions(hourCycle: Intl.DateTimeFormatOptions['hourCycle']): Intl.DateTimeFormatOptions {
  const cycle = hourCycle ?? new Intl.DateTimeFormat(undefined, { hour: 'numeric' }).resolvedOptions().hourCycle;
  const twentyFour = cycle === 'h23' || cycle === 'h24';
  return { ...(hourCycle ? { hourCycle } : {}), ...(twentyFour ? { hour: '2-digit' } : {}) };
}

/** A formatter in the preferred zone and clock, made again only when the preferences change. */
function preferred(options: Intl.DateTimeFormatOptions, withClock: boolean): Formatter {
  let version = -1;
  let made: Intl.DateTimeFormat | undefined;
  const get = (): Intl.DateTimeFormat => {
    const prefs = preferences();
    if (!made || version !== prefs.version) {
      const clock = withClock ? clockOptions(prefs.hourCycle) : {};
      made = new Intl.DateTimeFormat(undefined, { ...options, ...clock, timeZone: prefs.timeZone });
      version = prefs.version;
    }
    return made;
  };
  return { format: (date) => get().format(date) };
}

/** "09:30" or "9:30 AM". */
export const timeOfDay = preferred({ hour: 'numeric', minute: '2-digit' }, true);
/** "Mon". */
export const weekdayShort = preferred({ weekday: 'short' }, false);
/** "November". */
export const monthLong = preferred({ month: 'long' }, false);
/** "Monday 30 November". */
export const dayLong = preferred({ weekday: 'long', day: 'numeric', month: 'long' }, false);

/**
 * Makes the calendar's formatters and formats a count once, in an idle moment after start. The first of each costs
 * 5–15 ms (ICU loads the language's patterns and number data): ~35 ms a first visit to the calendar otherwise pays
 * between the posts' answer and its first draw.
 */
export function warmCalendarFormats(): void {
  const now = Date.now();
  for (const formatter of [timeOfDay, weekdayShort, monthLong, dayLong]) formatter.format(now);
  (0).toLocaleString();
}

let hourFormat: { version: number; format: Intl.DateTimeFormat } | undefined;

/** "09:00" or "9:00 AM": an hour of the day as a label, whatever the zone. */
export function hourLabel(hour: number): string {
  const prefs = preferences();
  if (!hourFormat || hourFormat.version !== prefs.version) {
    const clock = clockOptions(prefs.hourCycle);
    hourFormat = {
      version: prefs.version,
      format: new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', ...clock, timeZone: 'UTC' }),
    };
  }
  return hourFormat.format.format(Date.UTC(2000, 0, 1, hour));
}
