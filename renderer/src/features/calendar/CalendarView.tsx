// Month, week and day of every post, coloured by status; drag a scheduled post to move it. Only the visible range
// is loaded, and engine events keep it current.
import { useCallback, useEffect, useMemo, useRef, useState, type ComponentProps, type KeyboardEvent, type SyntheticEvent } from 'react';
import type { SlotInfo, View } from 'react-big-calendar';
import Calendar from 'react-big-calendar/lib/Calendar';
import withDragAndDrop, { type EventInteractionArgs } from 'react-big-calendar/lib/addons/dragAndDrop';
import type { PostView } from '../../../../shared/domain';
import type { AppError } from '../../../../shared/errors';
import { Icon } from '../../components/Icon';
import { PageHeader } from '../../components/PageHeader';
import { call } from '../../lib/api';
import { dayFromKey, dayKey, isInRange, postEventTime, postsToEvents, visibleRange, type PostEvent } from '../../lib/calendar-events';
import { rangeLabel, shiftDate } from '../../lib/calendar-nav';
import { applyTargetToPosts, removeById, upsertById } from '../../lib/live-updates';
import { toAppError } from '../../lib/result';
import { postHref, routeHref, type CalendarViewName } from '../../lib/route';
import { POST_STATUS_META } from '../../lib/status';
import { formatInstant, userTimeZone } from '../../lib/time';
import { showToast } from '../../lib/toasts';
import { useEngineEvent } from '../../lib/use-engine-event';
import { navigate } from '../../lib/use-route';
import { CALENDAR_CULTURE, WEEK_STARTS_ON, localizer } from './calendar-localizer';
import { MonthEvent, TimeGridEvent } from './CalendarEventContent';
import { CalendarToolbar } from './CalendarToolbar';
import { StatusLegend } from './StatusLegend';

const DragAndDropCalendar = withDragAndDrop<PostEvent>(Calendar);

const LIST_LIMIT = 20_000;
const DEFAULT_HOUR = 9;

const eventClass = (event: PostEvent) => ({ className: `status-${event.status}${event.draggable ? '' : ' is-fixed'}` });
const eventTooltip = (event: PostEvent) => `${event.title} (${POST_STATUS_META[event.status].label})`;
const openPost = (event: PostEvent) => navigate(postHref(event.id));
const openPostByKey = (event: PostEvent, key: SyntheticEvent) => {
  const { key: pressed } = key as KeyboardEvent;
  if (pressed === 'Enter' || pressed === ' ') openPost(event);
};

// Everything the calendar receives that does not depend on the view, the date or the posts: one object for the app's
// life, so only a change of posts re-renders events.
const STABLE_PROPS = {
  localizer,
  culture: CALENDAR_CULTURE,
  views: ['month', 'week', 'day'],
  components: {
    toolbar: () => null,
    month: { event: MonthEvent },
    week: { event: TimeGridEvent },
    day: { event: TimeGridEvent },
  },
  messages: { showMore: (count: number) => `+${count} more` },
  // A post is an instant: its block is labelled with its start only.
  formats: {
    eventTimeRangeFormat: ({ start }, culture, local) => local?.format(start, 'p', culture) ?? '',
  },
  popup: true,
  selectable: true,
  resizable: false,
  draggableAccessor: 'draggable',
  eventPropGetter: eventClass,
  tooltipAccessor: eventTooltip,
  onSelectEvent: openPost,
  onKeyPressEvent: openPostByKey,
  scrollToTime: new Date(1970, 0, 1, 8, 0),
  dayLayoutAlgorithm: 'no-overlap',
  style: { height: '100%' },
} satisfies Partial<ComponentProps<typeof DragAndDropCalendar>>;

export default function CalendarView({ view, dateKey }: { view: CalendarViewName; dateKey: string | null }) {
  const date = useMemo(() => dayFromKey(dateKey), [dateKey]);
  const range = useMemo(() => visibleRange(date, view, WEEK_STARTS_ON), [date, view]);
  const rangeRef = useRef(range);
  rangeRef.current = range;
  const timeZone = useMemo(() => userTimeZone(), []);

  const [posts, setPosts] = useState<PostView[]>([]);
  const postsRef = useRef(posts);
  postsRef.current = posts;
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<AppError | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(null);
    call('posts:list', { from: range.from.toISOString(), to: range.to.toISOString(), limit: LIST_LIMIT }).then(
      (loaded) => {
        if (!current) return;
        setPosts(loaded);
        setLoading(false);
      },
      (failure: unknown) => {
        if (!current) return;
        setError(toAppError(failure));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [range, attempt]);

  useEngineEvent('post:changed', ({ post }) => setPosts((list) => upsertById(list, post, isInRange(postEventTime(post), rangeRef.current))));
  useEngineEvent('post:deleted', ({ postId }) => setPosts((list) => removeById(list, postId)));
  useEngineEvent('target:changed', ({ target }) => setPosts((list) => applyTargetToPosts(list, target)));

  const events = useMemo(() => postsToEvents(posts), [posts]);

  const go = useCallback((nextDate: Date, nextView: CalendarViewName) => {
    navigate(routeHref({ name: 'calendar', view: nextView, date: dayKey(nextDate) }));
  }, []);
  const onNavigate = useCallback((nextDate: Date, nextView: View) => go(nextDate, nextView as CalendarViewName), [go]);
  const onView = useCallback((nextView: View) => go(date, nextView as CalendarViewName), [go, date]);

  const onSelectSlot = useCallback(
    (slot: SlotInfo) => {
      const start = new Date(slot.start);
      if (view === 'month') start.setHours(DEFAULT_HOUR, 0, 0, 0);
      if (start.getTime() <= Date.now()) {
        if (dayKey(start) !== dayKey(new Date())) return;
        navigate(routeHref({ name: 'compose', postId: null, at: null }));
        return;
      }
      navigate(routeHref({ name: 'compose', postId: null, at: start.toISOString() }));
    },
    [view],
  );

  const onEventDrop = useCallback(({ event, start }: EventInteractionArgs<PostEvent>) => {
    const when = new Date(start);
    if (when.getTime() === event.start.getTime()) return;
    if (when.getTime() <= Date.now()) {
      showToast({ tone: 'warning', message: 'A post can only move to a time that is still ahead.' });
      return;
    }
    const scheduledAt = when.toISOString();
    const previous = postsRef.current.find((post) => post.id === event.id);
    if (previous) setPosts((list) => upsertById(list, { ...previous, scheduledAt }));
    call('publishing:reschedule', { postId: event.id, scheduledAt }).then(
      (moved) => {
        setPosts((list) => upsertById(list, moved, isInRange(postEventTime(moved), rangeRef.current)));
        showToast({
          tone: 'success',
          message: `Moved to ${formatInstant(scheduledAt, moved.timeZone)} (${moved.timeZone}).`,
          href: postHref(moved.id),
          linkLabel: 'Open',
        });
      },
      (failure: unknown) => {
        if (previous) setPosts((list) => upsertById(list, previous));
        showToast({ tone: 'danger', message: `Could not move the post: ${toAppError(failure).message}` });
      },
    );
  }, []);

  return (
    <section className="page calendar-page" aria-labelledby="calendar-title">
      <PageHeader title={<span id="calendar-title">Calendar</span>}>
        <a className="button button-primary" href={routeHref({ name: 'compose', postId: null, at: null })}>
          <Icon name="plus" /> New post
        </a>
      </PageHeader>
      <CalendarToolbar
        label={rangeLabel(date, view, range)}
        view={view}
        loading={loading}
        count={error ? null : events.length}
        timeZone={timeZone}
        onPrevious={() => go(shiftDate(date, view, -1), view)}
        onToday={() => go(new Date(), view)}
        onNext={() => go(shiftDate(date, view, 1), view)}
        onView={(next) => go(date, next)}
      />
      {error ? (
        <div className="banner tone-danger" role="alert" data-testid="error-state">
          <Icon name="alert" />
          <span>Could not load posts: {error.message}</span>
          <button type="button" className="button" onClick={() => setAttempt((value) => value + 1)}>
            Try again
          </button>
        </div>
      ) : null}
      <StatusLegend />
      <div className={`calendar-frame view-${view}`} data-testid="calendar" aria-busy={loading}>
        <DragAndDropCalendar
          {...STABLE_PROPS}
          events={events}
          date={date}
          view={view}
          onNavigate={onNavigate}
          onView={onView}
          onSelectSlot={onSelectSlot}
          onEventDrop={onEventDrop}
        />
      </div>
    </section>
  );
}
