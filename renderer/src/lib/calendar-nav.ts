// The calendar toolbar's arithmetic: step a view back or forward, and name what is on screen.
import { addDays, addWeeks } from 'date-fns';
import { LIST_DAYS, stepMonth, type DateRange } from './calendar-events';
import { preferences, zonedDate } from './preferences';
import type { CalendarViewName } from './route';

export function shiftDate(date: Date, view: CalendarViewName, direction: -1 | 1, today: Date = zonedDate()): Date {
  switch (view) {
    case 'month':
      return stepMonth(date, direction, today);
    case 'week':
      return addWeeks(date, direction);
    case 'day':
      return addDays(date, direction);
    case 'list':
      return addDays(date, direction * LIST_DAYS);
  }
}

export function rangeLabel(date: Date, view: CalendarViewName, range: DateRange, locale?: string): string {
  const timeZone = preferences().timeZone;
  switch (view) {
    case 'month':
      return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone }).format(date);
    case 'week':
    case 'list':
      return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone }).formatRange(range.from, range.to);
    case 'day':
      return new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(date);
  }
}
