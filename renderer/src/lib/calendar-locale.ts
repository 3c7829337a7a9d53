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

/** A formatter in the preferred zone and clock, made again only when the preferences change. */
function preferred(options: Intl.DateTimeFormatOptions, withClock: boolean): Formatter {
  let version = -1;
  let made: Intl.DateTimeFormat | undefined;
  const get = (): Intl.DateTimeFormat => {
    const prefs = preferences();
    if (!made || version !== prefs.version) {
      const clock = withClock && prefs.hourCycle ? { hourCycle: prefs.hourCycle } : {};
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

let hourFormat: { version: number; format: Intl.DateTimeFormat } | undefined;

/** "09" or "9 AM": an hour of the day as a label, whatever the zone. */
export function hourLabel(hour: number): string {
  const prefs = preferences();
  if (!hourFormat || hourFormat.version !== prefs.version) {
    const clock = prefs.hourCycle ? { hourCycle: prefs.hourCycle } : {};
    hourFormat = {
      version: prefs.version,
      format: new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', ...clock, timeZone: 'UTC' }),
    };
  }
  return hourFormat.format.format(Date.UTC(2000, 0, 1, hour));
}
