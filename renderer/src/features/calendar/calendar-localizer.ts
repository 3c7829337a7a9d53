// react-big-calendar reads dates through date-fns in the OS zone; the week starts and the clock reads as the user's
// locale does. Built on the library's DateLocalizer like its own date-fns localizer, plus fast event range checks.
import { format, getDay, startOfWeek } from 'date-fns';
import { enGB } from 'date-fns/locale/en-GB';
import { enUS } from 'date-fns/locale/en-US';
import { DateLocalizer } from 'react-big-calendar/lib/localizer';
import { formats } from 'react-big-calendar/lib/localizers/date-fns';
import { inEventRange, isSameDate, sortEvents } from '../../lib/calendar-fast-dates';

const twelveHour = new Intl.DateTimeFormat(undefined, { hour: 'numeric' }).resolvedOptions().hourCycle?.startsWith('h1') ?? false;

/** en-US: Sunday first, 12-hour clock; en-GB: Monday first, 24-hour clock. */
export const CALENDAR_CULTURE = twelveHour ? 'en-US' : 'en-GB';
export const WEEK_STARTS_ON: 0 | 1 = twelveHour ? 0 : 1;

const locales: Record<string, typeof enUS> = { 'en-US': enUS, 'en-GB': enGB };

export const localizer = new DateLocalizer({
  formats,
  firstOfWeek: (culture) => getDay(startOfWeek(new Date(), { locale: locales[culture] })),
  format: (value, pattern, culture) => format(new Date(value), pattern, { locale: locales[culture] }),
  inEventRange,
  isSameDate,
  sortEvents,
});
