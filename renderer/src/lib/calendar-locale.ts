// How the calendar reads in the user's locale: the first day of the week, and the clock.

interface WeekInfo {
  firstDay: number;
}

/** 0 = Sunday … 6 = Saturday, as date-fns counts; from the locale's week data where the runtime has it. */
function localeWeekStart(): 0 | 1 | 2 | 3 | 4 | 5 | 6 {
  try {
    const locale = new Intl.Locale(Intl.DateTimeFormat().resolvedOptions().locale) as Intl.Locale & {
      getWeekInfo?: () => WeekInfo;
      weekInfo?: WeekInfo;
    };
    const firstDay = (locale.getWeekInfo?.() ?? locale.weekInfo)?.firstDay;
    // Intl counts Monday 1 … Sunday 7.
    if (firstDay !== undefined && firstDay >= 1 && firstDay <= 7) return (firstDay % 7) as 0 | 1 | 2 | 3 | 4 | 5 | 6;
  } catch {
    // An unknown locale: fall back on the clock below.
  }
  return twelveHourClock() ? 0 : 1;
}

function twelveHourClock(): boolean {
  return new Intl.DateTimeFormat(undefined, { hour: 'numeric' }).resolvedOptions().hourCycle?.startsWith('h1') ?? false;
}

export const WEEK_STARTS_ON = localeWeekStart();

/** "09:30" or "9:30 AM". */
export const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
/** "Mon". */
export const weekdayShort = new Intl.DateTimeFormat(undefined, { weekday: 'short' });
/** "Monday 30 November". */
export const dayLong = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' });
