// Arrow keys in the calendar grids. The grid is one Tab stop; inside it, focus sits on a day or on one of its items:
// item 0 is the day itself, then its posts in time order, then "+N more" where the month cell has one.
import { addDays, addMonths, endOfWeek, startOfWeek, type Day } from 'date-fns';
import { dayFromKey, dayKey } from './calendar-events';

export interface GridFocus {
  /** YYYY-MM-DD */
  day: string;
  item: number;
}

export type GridKind = 'month' | 'week' | 'day';

/**
 * Where a key moves focus; null when the key is not one the grid handles. `items(day)` counts a day's focusable
 * items (at least 1, the day). Month: Up and Down walk down a weekday's column through each day's items; Left and
 * Right step a day, keeping the item where the day has it; Home and End go to the week's ends; Page Up and Page Down
 * a month. Week and day: Up and Down stay within the day; Page Up and Page Down step a week.
 */
export function moveGridFocus(kind: GridKind, focus: GridFocus, key: string, items: (day: string) => number, weekStartsOn: Day): GridFocus | null {
  const date = dayFromKey(focus.day);
  const count = items(focus.day);
  const at = (day: Date, item: number): GridFocus => {
    const key = dayKey(day);
    return { day: key, item: Math.max(0, Math.min(item, items(key) - 1)) };
  };
  switch (key) {
    case 'ArrowLeft':
      return at(addDays(date, -1), focus.item);
    case 'ArrowRight':
      return at(addDays(date, 1), focus.item);
    case 'ArrowDown':
      if (focus.item < count - 1) return { day: focus.day, item: focus.item + 1 };
      return kind === 'month' ? at(addDays(date, 7), 0) : focus;
    case 'ArrowUp': {
      if (focus.item > 0) return { day: focus.day, item: focus.item - 1 };
      if (kind !== 'month') return focus;
      const above = addDays(date, -7);
      return at(above, items(dayKey(above)) - 1);
    }
    case 'Home':
      return at(startOfWeek(date, { weekStartsOn }), 0);
    case 'End':
      return at(endOfWeek(date, { weekStartsOn }), 0);
    case 'PageUp':
      return at(kind === 'month' ? addMonths(date, -1) : addDays(date, -7), 0);
    case 'PageDown':
      return at(kind === 'month' ? addMonths(date, 1) : addDays(date, 7), 0);
    default:
      return null;
  }
}
