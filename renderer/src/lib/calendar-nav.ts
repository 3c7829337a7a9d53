// The calendar toolbar's arithmetic: step a view back or forward, and name what is on screen.
import { addDays, addMonths, addWeeks } from 'date-fns';
import type { DateRange } from './calendar-events';
import type { CalendarViewName } from './route';

export function shiftDate(date: Date, view: CalendarViewName, direction: -1 | 1): Date {
  switch (view) {
    case 'month':
      return addMonths(date, direction);
    case 'week':
      return addWeeks(date, direction);
    case 'day':
      return addDays(date, direction);
  }
}

export function rangeLabel(date: Date, view: CalendarViewName, range: DateRange, locale?: string): string {
  switch (view) {
    case 'month':
      return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric' }).format(date);
    case 'week':
      return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' }).formatRange(range.from, range.to);
    case 'day':
      return new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(date);
  }
}
