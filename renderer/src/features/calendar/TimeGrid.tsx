// Week and day: a row per hour, a column per day. Posts in the same hour stack one under another at full width,
// each readable, instead of sharing the width as ever thinner slivers; a busy hour's row grows to hold them.
// One Tab stop, as in the month: the arrow keys move between days and their posts. A scheduled post can be dragged
// to another hour; a click on an empty hour writes a post for it.
import { memo, useLayoutEffect, useMemo, useRef, type MouseEvent } from 'react';
import { dayKey, postTime } from '../../lib/calendar-events';
import { dayLong, hourLabel, weekdayShort } from '../../lib/calendar-locale';
import { zonedDate } from '../../lib/preferences';
import { dropTarget, useCalendarInteractions } from './calendar-interactions';
import { PostChip } from './PostChip';
import { useGridFocus } from './use-grid-focus';
import type { PostSummary } from '../../../../shared/post-summary';

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);
/** Where the grid opens when the days shown have no post earlier. */
const FIRST_WORKING_HOUR = 8;
const NO_POSTS: PostSummary[] = [];

interface HourPosts {
  posts: PostSummary[];
  /** The first post's place among its day's items (item 0 is the day). */
  firstItem: number;
}

/** A day's posts by local hour, each knowing its place in the day's order. */
function byHour(posts: readonly PostSummary[]): Map<number, HourPosts> {
  const hours = new Map<number, HourPosts>();
  posts.forEach((post, index) => {
    const hour = zonedDate(postTime(post) ?? 0).getHours();
    const entry = hours.get(hour);
    if (entry) entry.posts.push(post);
    else hours.set(hour, { posts: [post], firstItem: index + 1 });
  });
  return hours;
}

interface TimeGridProps {
  kind: 'week' | 'day';
  dates: Date[];
  focusDay: string;
  days: ReadonlyMap<string, PostSummary[]>;
  label: string;
  onFocusDay: (day: string) => void;
  onOpenDay: (day: string) => void;
}

export function TimeGrid({ kind, dates, focusDay, days, label, onFocusDay, onOpenDay }: TimeGridProps) {
  const root = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const todayKey = dayKey(zonedDate());
  const keys = useMemo(() => dates.map(dayKey), [dates]);
  const hours = useMemo(() => keys.map((key) => byHour(days.get(key) ?? NO_POSTS)), [keys, days]);
  // Open at the first post of the days shown, or at the start of a working day.
  const firstHour = Math.min(FIRST_WORKING_HOUR, ...hours.flatMap((day) => [...day.keys()]));
  const range = keys.join();
  useLayoutEffect(() => {
    const row = body.current?.querySelector<HTMLElement>(`[data-hour="${firstHour}"]`);
    if (body.current && row) body.current.scrollTop = row.offsetTop;
    // Only when other days are shown, not each time a post changes.
  }, [range]);

  const { focus, onKeyDown, onFocusCapture } = useGridFocus({
    kind,
    root,
    focusDay,
    items: (day) => 1 + (days.get(day)?.length ?? 0),
    onFocusDay,
  });

  const columns = { gridTemplateColumns: `var(--hour-gutter) repeat(${dates.length}, minmax(0, 1fr))` };
  return (
    <div
      className={`time-grid kind-${kind}`}
      ref={root}
      role="grid"
      aria-label={label}
      aria-readonly="true"
      onKeyDown={onKeyDown}
      onFocus={onFocusCapture}
    >
      <div className="tg-head" role="row" style={columns}>
        <div className="tg-corner" aria-hidden="true" />
        {dates.map((date, index) => {
          const key = keys[index];
          const count = days.get(key)?.length ?? 0;
          return (
            <div
              key={key}
              className={`tg-day-head${key === todayKey ? ' is-today' : ''}`}
              role="columnheader"
              tabIndex={focus.day === key && focus.item === 0 ? 0 : -1}
              data-day={key}
              data-item={0}
              aria-label={`${dayLong.format(date)}${key === todayKey ? ', today' : ''}: ${count === 0 ? 'no posts' : `${count} post${count === 1 ? '' : 's'}`}`}
            >
              <button type="button" className="tg-day-button" tabIndex={-1} disabled={kind === 'day'} onClick={() => onOpenDay(key)}>
                <span className="tg-weekday">{weekdayShort.format(date)}</span>
                <span className="tg-date">{date.getDate()}</span>
              </button>
              <span className="tg-count muted">{count === 0 ? '' : `${count} post${count === 1 ? '' : 's'}`}</span>
            </div>
          );
        })}
      </div>
      <div className="tg-body" role="rowgroup" ref={body}>
        {HOURS.map((hour) => (
          <div key={hour} className="tg-row" role="row" data-hour={hour} style={columns}>
            <div className="tg-hour" role="rowheader">
              {hourLabel(hour)}
            </div>
            {keys.map((key, index) => (
              <HourCell key={key} kind={kind} day={key} hour={hour} slot={hours[index].get(hour)} focusItem={focus.day === key ? focus.item : null} />
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}

interface HourCellProps {
  kind: 'week' | 'day';
  day: string;
  hour: number;
  slot: HourPosts | undefined;
  focusItem: number | null;
}

const HourCell = memo(function HourCell({ kind, day, hour, slot, focusItem }: HourCellProps) {
  const interactions = useCalendarInteractions();
  const onClick = (event: MouseEvent<HTMLDivElement>): void => {
    if (event.target === event.currentTarget) interactions.create(day, hour);
  };
  return (
    <div
      className="tg-cell"
      role="gridcell"
      data-testid="hour-cell"
      data-day={day}
      data-hour={hour}
      onClick={onClick}
      {...dropTarget(interactions, day, hour)}
    >
      {slot?.posts.map((post, index) => {
        const item = slot.firstItem + index;
        return <PostChip key={post.id} post={post} variant={kind} tabStop={focusItem === item} day={day} item={item} />;
      })}
    </div>
  );
});
