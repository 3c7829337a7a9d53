// The calendar view the user last chose (month, week, day or list), kept so the calendar opens in it again: a manager
// who lives in the List view should not be sent back to the month each time.
import { CALENDAR_VIEWS, type CalendarViewName } from './route';

const STORAGE_KEY = 'publishing-engine:calendar-view';

export function rememberCalendarView(view: CalendarViewName): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, view);
  } catch {
    // Storage unavailable: the calendar opens on the month.
  }
}

export function lastCalendarView(): CalendarViewName {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return (CALENDAR_VIEWS as readonly (string | null)[]).includes(value) ? (value as CalendarViewName) : 'month';
  } catch {
    return 'month';
  }
}
