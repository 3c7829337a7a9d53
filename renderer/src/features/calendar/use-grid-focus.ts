// One roving Tab stop for a calendar grid (month, week or day): the arrow keys move it, a click or Tab into the grid
// moves it there too, and Enter on a day's head starts a post on that day.
import { useLayoutEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type RefObject } from 'react';
import { moveGridFocus, type GridFocus, type GridKind } from '../../lib/calendar-keys';
import { weekStartsOn } from '../../lib/calendar-locale';
import { useCalendarInteractions } from './calendar-interactions';

interface GridFocusOptions {
  kind: GridKind;
  root: RefObject<HTMLDivElement | null>;
  /** The day the focus starts on (the route's day). */
  focusDay: string;
  /** How many focusable items a day has, its head included. */
  items: (day: string) => number;
  onFocusDay: (day: string) => void;
  /** While a dialog of the grid is open, its keys are its own. */
  paused?: boolean;
}

export function useGridFocus({ kind, root, focusDay, items, onFocusDay, paused = false }: GridFocusOptions) {
  const interactions = useCalendarInteractions();
  const [focus, setFocus] = useState<GridFocus>({ day: focusDay, item: 0 });
  const [shownDay, setShownDay] = useState(focusDay);
  const moveFocus = useRef(false);

  // The route's day changed (the toolbar, or a move past the grid's edge): focus starts there.
  if (shownDay !== focusDay) {
    setShownDay(focusDay);
    if (focus.day !== focusDay) setFocus({ day: focusDay, item: 0 });
  }

  // After a key moved the focus: once its day is drawn (a move past the grid's edge waits for the next range).
  useLayoutEffect(() => {
    if (!moveFocus.current) return;
    const element = root.current?.querySelector<HTMLElement>(`[data-day="${focus.day}"][data-item="${focus.item}"]`);
    if (!element) return;
    moveFocus.current = false;
    element.focus();
  });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.altKey || event.ctrlKey || event.metaKey || paused) return;
    const target = event.target as HTMLElement;
    if (event.key === 'Enter' && target.dataset.item === '0' && target.dataset.day) {
      event.preventDefault();
      interactions.create(target.dataset.day, null);
      return;
    }
    const next = moveGridFocus(kind, focus, event.key, items, weekStartsOn());
    if (!next) return;
    event.preventDefault();
    moveFocus.current = true;
    setFocus(next);
    if (next.day !== focus.day) onFocusDay(next.day);
  };

  const onFocusCapture = (event: FocusEvent<HTMLDivElement>): void => {
    const item = (event.target as HTMLElement).closest<HTMLElement>('[data-item]');
    const day = item?.dataset.day;
    const index = Number(item?.dataset.item);
    if (day && Number.isInteger(index) && (day !== focus.day || index !== focus.item)) setFocus({ day, item: index });
  };

  return { focus, onKeyDown, onFocusCapture };
}
