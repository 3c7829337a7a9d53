// "+N more": every post of a month day in a panel over its cell. Focus moves in; the arrow keys step through the
// posts; Esc, the close button or a click elsewhere closes it and focus returns to "+N more". A month read by day holds
// only each day's first posts: the panel shows those at once and asks for the rest of the day.
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { Icon } from '../../components/Icon';
import { calendarRange, dayFromKey } from '../../lib/calendar-events';
import { calendarFilter } from '../../lib/calendar-filter';
import { askCalendar, calendarAsk } from '../../lib/calendar-load';
import { dayLong } from '../../lib/calendar-locale';
import { PostChip } from './PostChip';
import type { PostSummary } from '../../../../shared/post-summary';

const MIN_WIDTH_PX = 300;

interface DayPopoverProps {
  container: RefObject<HTMLDivElement | null>;
  day: string;
  /** The day's posts the grid holds: all of them, or its first. */
  posts: PostSummary[];
  count: number;
  onClose: () => void;
  onOpenDay: (day: string) => void;
}

export function DayPopover({ container, day, posts: held, count, onClose, onOpenDay }: DayPopoverProps) {
  const panel = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState<{ top: number; left: number; width: number } | null>(null);
  const name = dayLong.format(dayFromKey(day));
  const [rest, setRest] = useState<{ of: PostSummary[]; posts: PostSummary[] } | null>(null);
  const complete = rest?.of === held;
  const posts = complete ? rest.posts : held;
  const total = complete ? posts.length : count;
  const missing = count > held.length;

  // Asked again whenever the grid's own posts of the day change (a change was read again).
  useEffect(() => {
    if (!missing) return;
    let current = true;
    askCalendar(calendarAsk('day', calendarFilter()), calendarRange(dayFromKey(day), 'day')).then(
      (load) => {
        if (current) setRest({ of: held, posts: load.posts });
      },
      // The first posts stay shown; the day view (its name above) shows them all.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [day, held, missing]);

  useLayoutEffect(() => {
    const grid = container.current;
    const cell = grid?.querySelector<HTMLElement>(`.month-day[data-day="${day}"]`);
    if (!grid || !cell) return;
    const gridBox = grid.getBoundingClientRect();
    const cellBox = cell.getBoundingClientRect();
    const width = Math.min(gridBox.width, Math.max(cellBox.width + 16, MIN_WIDTH_PX));
    const left = Math.min(Math.max(0, cellBox.left - gridBox.left - 8), gridBox.width - width);
    const height = panel.current?.offsetHeight ?? 0;
    const top = Math.max(0, Math.min(cellBox.top - gridBox.top - 4, gridBox.height - height));
    setPlace({ top, left, width });
  }, [container, day, posts.length]);

  // Focus moves in once the panel is placed (a hidden element cannot take focus).
  const placed = place !== null;
  useEffect(() => {
    if (placed) panel.current?.querySelector<HTMLElement>('.chip')?.focus();
  }, [placed, day]);

  useEffect(() => {
    const onPointer = (event: PointerEvent): void => {
      if (!panel.current?.contains(event.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [onClose]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const chips = [...(panel.current?.querySelectorAll<HTMLElement>('.chip') ?? [])];
    const index = chips.indexOf(document.activeElement as HTMLElement);
    const next = event.key === 'ArrowDown' ? Math.min(chips.length - 1, index + 1) : Math.max(0, index - 1);
    chips[next]?.focus();
  };

  return (
    <div
      ref={panel}
      className="day-popover"
      role="dialog"
      aria-label={`${name}: ${total} posts`}
      aria-busy={posts.length < total}
      data-testid="day-popover"
      style={place ? { top: place.top, left: place.left, width: place.width } : { visibility: 'hidden' }}
      onKeyDown={onKeyDown}
    >
      <div className="day-popover-head">
        <button type="button" className="link-button" onClick={() => onOpenDay(day)}>
          {name}
        </button>
        <span className="muted">
          {total} post{total === 1 ? '' : 's'}
        </span>
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
          <Icon name="close" size={16} />
        </button>
      </div>
      <div className="day-popover-list">
        {posts.map((post) => (
          <PostChip key={post.id} post={post} variant="popover" tabStop />
        ))}
      </div>
    </div>
  );
}
