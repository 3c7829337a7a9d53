// What a chip can ask of the calendar around it (show the full post, start a drag), through one context whose
// value never changes, so memoised chips do not re-render when the calendar's state does.
import { createContext, useContext, type DragEvent } from 'react';
import type { PostSummary } from '../../../../shared/post-summary';

export interface CalendarInteractions {
  /** Show the post in full next to its chip; `at once` for keyboard focus, after a short pause for the pointer. */
  peek(post: PostSummary, anchor: HTMLElement, atOnce: boolean): void;
  unpeek(): void;
  dragStart(post: PostSummary): void;
  dragEnd(): void;
  /** The post being dragged, if any: only its drag may drop on a day. */
  dragging(): PostSummary | null;
  /** Drops the dragged post on a day (YYYY-MM-DD), at an hour or (null) at its own time of day. */
  drop(day: string, hour: number | null): void;
  /** Opens the composer for a new post on that day, at an hour or (null) at the usual one. */
  create(day: string, hour: number | null): void;
}

const nothing = (): void => undefined;
const NONE: CalendarInteractions = {
  peek: nothing,
  unpeek: nothing,
  dragStart: nothing,
  dragEnd: nothing,
  dragging: () => null,
  drop: nothing,
  create: nothing,
};

export const CalendarInteractionsContext = createContext<CalendarInteractions>(NONE);

export function useCalendarInteractions(): CalendarInteractions {
  return useContext(CalendarInteractionsContext);
}

/** What makes an element a place to drop a dragged post: a day, or an hour of it. */
export function dropTarget(interactions: CalendarInteractions, day: string, hour: number | null) {
  return {
    onDragOver(event: DragEvent<HTMLElement>) {
      if (!interactions.dragging()) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'move';
      event.currentTarget.classList.add('is-drop-target');
    },
    onDragLeave(event: DragEvent<HTMLElement>) {
      event.currentTarget.classList.remove('is-drop-target');
    },
    onDrop(event: DragEvent<HTMLElement>) {
      event.currentTarget.classList.remove('is-drop-target');
      if (!interactions.dragging()) return;
      event.preventDefault();
      interactions.drop(day, hour);
    },
  };
}
