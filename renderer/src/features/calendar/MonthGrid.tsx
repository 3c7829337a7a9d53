// The month: whole weeks of days, each with as many readable chips as its cell holds and "+N more" for the rest.
// One Tab stop: the arrow keys move between days and their posts (see calendar-keys), Enter on a day writes a post
// for it, and Esc closes the "+N more" list. A scheduled post can be dragged to another day.
import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { dayKey, monthWeeks } from '../../lib/calendar-events';
import { dayLong, weekStartsOn, weekdayShort } from '../../lib/calendar-locale';
import { CHIP_PX, HEAD_PX, chipsShown } from '../../lib/month-chips';
import { zonedDate } from '../../lib/preferences';
import { warmThumbnail } from '../../lib/post-thumbnail';
import { dropTarget, useCalendarInteractions } from './calendar-interactions';
import { DayPopover } from './DayPopover';
import { PostChip } from './PostChip';
import { useGridFocus } from './use-grid-focus';
import type { PostSummary } from '../../../../shared/post-summary';

const NO_POSTS: PostSummary[] = [];
/** The room last measured: a grid drawn again (another month, back from another screen) starts with it, so its
 * first chips are already the ones that fit and are not made again once it is measured. */
let lastRoom = CHIP_PX * 2;

/** A day's count: its own when known, at least the posts held for it (a change shown before the days are read again). */
function dayCount(posts: readonly PostSummary[], counted: number | undefined): number {
  return Math.max(posts.length, counted ?? 0);
}

/**
 * Asks for the pictures of the chips the grid will draw for these days as soon as the posts are in, before the grid
 * is rendered: they load while it is built and laid out, and show with it. Asked for by the chips themselves, they
 * came in after the first paint and took two more frames (60–80 ms of a busy month's 300 ms).
 */
export function warmMonthThumbnails(days: ReadonlyMap<string, readonly PostSummary[]>): void {
  for (const posts of days.values()) {
    for (const post of posts.slice(0, chipsShown(posts.length, lastRoom))) warmThumbnail(post);
  }
}

interface MonthGridProps {
  month: Date;
  /** The day the grid's focus starts on (the route's day). */
  focusDay: string;
  days: ReadonlyMap<string, PostSummary[]>;
  /** Each day's count when `days` holds only its first posts (a month read by day); null when it holds them all. */
  counts: ReadonlyMap<string, number> | null;
  label: string;
  /** Focus moved to a day by keyboard; the view keeps it (so Week opens on its week), or moves to its month. */
  onFocusDay: (day: string) => void;
  onOpenDay: (day: string) => void;
}

export function MonthGrid({ month, focusDay, days, counts, label, onFocusDay, onOpenDay }: MonthGridProps) {
  const weeks = useMemo(() => monthWeeks(month, weekStartsOn()), [month]);
  const monthIndex = month.getMonth();
  const todayKey = dayKey(zonedDate());
  const root = useRef<HTMLDivElement>(null);
  const [room, setRoom] = useState(lastRoom);
  const [openDay, setOpenDay] = useState<string | null>(null);

  useLayoutEffect(() => {
    const grid = root.current;
    if (!grid) return;
    const measure = (): void => {
      const cell = grid.querySelector<HTMLElement>('.month-day');
      if (!cell) return;
      lastRoom = cell.clientHeight - HEAD_PX;
      setRoom(lastRoom);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(grid);
    return () => observer.disconnect();
  }, [weeks.length]);

  const countOf = useCallback((day: string): number => dayCount(days.get(day) ?? NO_POSTS, counts?.get(day)), [days, counts]);
  const items = useCallback(
    (day: string): number => {
      const shown = chipsShown(days.get(day)?.length ?? 0, room);
      return 1 + shown + (shown < countOf(day) ? 1 : 0);
    },
    [days, room, countOf],
  );

  const { focus, onKeyDown, onFocusCapture } = useGridFocus({ kind: 'month', root, focusDay, items, onFocusDay, paused: openDay !== null });

  const closePopover = useCallback(() => {
    const day = openDay;
    setOpenDay(null);
    if (day !== null) root.current?.querySelector<HTMLElement>(`.month-more[data-day="${day}"]`)?.focus();
  }, [openDay]);

  return (
    <div className="month-grid" ref={root}>
      <div className="month-table" role="grid" aria-label={label} aria-readonly="true" onKeyDown={onKeyDown} onFocus={onFocusCapture}>
        <div className="month-head" role="row">
          {weeks[0]?.map((day) => (
            <div key={day.getDay()} className="month-head-cell" role="columnheader">
              {weekdayShort.format(day)}
            </div>
          ))}
        </div>
        <div className="month-body" role="rowgroup" style={{ gridTemplateRows: `repeat(${weeks.length}, minmax(0, 1fr))` }}>
          {weeks.map((week) => (
            <div key={dayKey(week[0])} className="month-week" role="row">
              {week.map((day) => {
                const key = dayKey(day);
                const posts = days.get(key) ?? NO_POSTS;
                return (
                  <DayCell
                    key={key}
                    day={day}
                    dayKey={key}
                    posts={posts}
                    count={countOf(key)}
                    shown={chipsShown(posts.length, room)}
                    inMonth={day.getMonth() === monthIndex}
                    today={key === todayKey}
                    focusItem={focus.day === key ? focus.item : null}
                    onOpenDay={onOpenDay}
                    onMore={setOpenDay}
                  />
                );
              })}
            </div>
          ))}
        </div>
      </div>
      {openDay !== null ? (
        <DayPopover
          container={root}
          day={openDay}
          posts={days.get(openDay) ?? NO_POSTS}
          count={countOf(openDay)}
          onClose={closePopover}
          onOpenDay={onOpenDay}
        />
      ) : null}
    </div>
  );
}

interface DayCellProps {
  day: Date;
  dayKey: string;
  /** The day's posts held: all of them, or its first. */
  posts: PostSummary[];
  count: number;
  shown: number;
  inMonth: boolean;
  today: boolean;
  /** Which of the day's items holds the grid's Tab stop; null when another day has it. */
  focusItem: number | null;
  onOpenDay: (day: string) => void;
  onMore: (day: string) => void;
}

const DayCell = memo(function DayCell({ day, dayKey: key, posts, count, shown, inMonth, today, focusItem, onOpenDay, onMore }: DayCellProps) {
  const interactions = useCalendarInteractions();
  const hidden = count - shown;
  const name = dayLong.format(day);
  // A click on the day's empty space writes a post for it, as a click on an empty calendar slot does elsewhere.
  const onClick = (event: MouseEvent<HTMLDivElement>): void => {
    const target = event.target as HTMLElement;
    if (target === event.currentTarget || target.classList.contains('month-day-posts')) interactions.create(key, null);
  };
  return (
    <div
      className={`month-day${inMonth ? '' : ' is-outside'}${today ? ' is-today' : ''}`}
      role="gridcell"
      tabIndex={focusItem === 0 ? 0 : -1}
      data-day={key}
      data-item={0}
      data-testid="month-day"
      aria-label={`${name}${today ? ', today' : ''}: ${count === 0 ? 'no posts' : `${count} post${count === 1 ? '' : 's'}`}`}
      onClick={onClick}
      {...dropTarget(interactions, key, null)}
    >
      <div className="month-day-head">
        {hidden > 0 ? (
          <button
            type="button"
            className="month-more"
            tabIndex={focusItem === shown + 1 ? 0 : -1}
            data-day={key}
            data-item={shown + 1}
            data-testid="month-more"
            aria-haspopup="dialog"
            aria-label={`${hidden} more post${hidden === 1 ? '' : 's'} on ${name}`}
            onClick={() => onMore(key)}
          >
            +{hidden} more
          </button>
        ) : null}
        <button type="button" className="month-day-number" tabIndex={-1} aria-label={`Open ${name} in the day view`} onClick={() => onOpenDay(key)}>
          {day.getDate()}
        </button>
      </div>
      <div className="month-day-posts">
        {posts.slice(0, shown).map((post, index) => (
          <PostChip key={post.id} post={post} variant="month" tabStop={focusItem === index + 1} day={key} item={index + 1} />
        ))}
      </div>
    </div>
  );
});
