// Month, week, day and list of every post, coloured by status, filtered as the user left it; drag a scheduled post to
// move it. Only the visible range is loaded (filtered by the engine), and engine events keep it current.
import { startOfMonth } from 'date-fns';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AccountView, PostView } from '../../../../shared/domain';
import { postSummary, targetSummary, type PostSummary } from '../../../../shared/post-summary';
import type { OpenSlot } from '../../../../shared/posting-slots';
import type { AppError } from '../../../../shared/errors';
import { isFilterActive, postMatchesFilter } from '../../../../shared/post-filter';
import { Icon } from '../../components/Icon';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/StateViews';
import { accountsResource } from '../../lib/accounts-store';
import { call } from '../../lib/api';
import { filterInput, setCalendarFilter, useCalendarFilter, EMPTY_FILTER } from '../../lib/calendar-filter';
import { askCalendar, calendarAsk, type CalendarLoad } from '../../lib/calendar-load';
import { takeCalendarPostsAhead } from '../../lib/calendar-posts-ahead';
import {
  LIST_DAYS,
  calendarRange,
  countInRange,
  countOnDays,
  dayFromKey,
  dayKey,
  isInRange,
  monthRange,
  postEventTime,
  postTime,
  postsByDay,
  weekDays,
  type DateRange,
} from '../../lib/calendar-events';
import { monthLong, weekStartsOn } from '../../lib/calendar-locale';
import { preferences, zonedDate } from '../../lib/preferences';
import { rememberCalendarView } from '../../lib/calendar-view-memory';
import { rangeLabel, shiftDate } from '../../lib/calendar-nav';
import { applyTargetToPosts, removeById, upsertById, upsertPost } from '../../lib/live-updates';
import { toAppError } from '../../lib/result';
import { postHref, routeHref, type CalendarViewName } from '../../lib/route';
import { formatInstant } from '../../lib/time';
import { postTitle } from '../../lib/calendar-events';
import { showToast } from '../../lib/toasts';
import { useEngineEvent } from '../../lib/use-engine-event';
import { useSettled } from '../../lib/use-settled';
import { navigate, replaceRoute } from '../../lib/use-route';
import { AgendaList } from './AgendaList';
import { CalendarInteractionsContext, type CalendarInteractions } from './calendar-interactions';
import { ActiveFilters, CalendarFilters } from './CalendarFilters';
import { CalendarToolbar } from './CalendarToolbar';
import { StartAtLoginBanner } from './StartAtLoginBanner';
import { DraftsTray } from './DraftsTray';
import { ScheduleDraftDialog } from './ScheduleDraftDialog';
import { MonthGrid, warmMonthThumbnails } from './MonthGrid';
import { PostPeek } from './PostPeek';
import { StatusLegend } from './StatusLegend';
import { TimeGrid } from './TimeGrid';

const DEFAULT_HOUR = 9;
const PEEK_DELAY_MS = 350;
const NO_ACCOUNTS: AccountView[] = [];
/** slots:open answers for at most this many days at once (the engine's OPEN_SLOTS_MAX_DAYS). */
const SLOT_DAYS = 92;
/** Posts change in bursts (a bulk import, a reorder): the empty slots are asked for again once they settle. */
const SLOTS_RELOAD_MS = 300;
/** The same for a month read by day, whose days' counts and first posts any change may alter. */
const DAYS_RELOAD_MS = 300;

/** The empty slots a filter keeps: those of the accounts and platforms it names; none when it filters by status or words. */
function slotsForFilter(open: readonly OpenSlot[], filter: ReturnType<typeof useCalendarFilter>, accounts: readonly AccountView[]): OpenSlot[] {
  if ((filter.statuses?.length ?? 0) > 0 || (filter.search ?? '').trim() !== '') return [];
  const platformOf = new Map(accounts.map((account) => [account.id, account.platform]));
  return open.filter((slot) => {
    if (filter.accountIds && filter.accountIds.length > 0 && !filter.accountIds.includes(slot.accountId)) return false;
    const platform = platformOf.get(slot.accountId);
    return !filter.platforms || filter.platforms.length === 0 || (platform !== undefined && filter.platforms.includes(platform));
  });
}

/** The last posts placed on days, kept so the render reuses what the answer's thumbnails were chosen from. */
let lastPlaced: { posts: readonly PostSummary[]; version: number; days: Map<string, PostSummary[]> } | null = null;

function daysOf(posts: readonly PostSummary[]): Map<string, PostSummary[]> {
  const { version } = preferences();
  if (lastPlaced?.posts !== posts || lastPlaced.version !== version) lastPlaced = { posts, version, days: postsByDay(posts) };
  return lastPlaced.days;
}

const calendarHref = (view: CalendarViewName, date: Date): string => routeHref({ name: 'calendar', view, date: dayKey(date) });

/** What the toolbar's count counts, in words: the month's own posts, not the neighbours' days the grid shows. */
function countText(view: CalendarViewName, count: number, filtered: boolean, date: Date, listDays: number): { text: string; empty: boolean } {
  const where =
    view === 'month'
      ? `in ${monthLong.format(date)}`
      : view === 'week'
        ? 'this week'
        : view === 'day'
          ? 'on this day'
          : `in these ${listDays / 7} weeks`;
  const what = filtered ? 'matching post' : 'post';
  if (count === 0) return { text: `No ${what}s ${where}`, empty: true };
  return { text: `${count.toLocaleString()} ${what}${count === 1 ? '' : 's'} ${where}`, empty: false };
}

export default function CalendarView({ view, dateKey }: { view: CalendarViewName; dateKey: string | null }) {
  const date = useMemo(() => dayFromKey(dateKey), [dateKey]);
  const focusDay = dayKey(date);
  const [listDays, setListDays] = useState(LIST_DAYS);
  const [listFrom, setListFrom] = useState(focusDay);
  if (listFrom !== focusDay) {
    setListFrom(focusDay);
    setListDays(LIST_DAYS);
  }
  const computed = calendarRange(date, view, listDays);
  const rangeKey = `${computed.from.getTime()}:${computed.to.getTime()}`;
  // The same range keeps the same object, so moving the focus within it reloads nothing.
  const range = useMemo<DateRange>(() => computed, [rangeKey]);
  const month = useMemo(() => startOfMonth(date), [date.getFullYear(), date.getMonth()]);
  const dates = useMemo(() => (view === 'week' ? weekDays(date, weekStartsOn()) : [date]), [rangeKey]);
  const rangeRef = useRef(range);
  rangeRef.current = range;
  const timeZone = preferences().timeZone;

  useEffect(() => rememberCalendarView(view), [view]);

  const filter = useCalendarFilter();
  const filterRef = useRef(filter);
  filterRef.current = filter;
  const filterKey = JSON.stringify(filterInput(filter));
  const filtered = isFilterActive(filter);
  const accounts = accountsResource.useLive().data ?? NO_ACCOUNTS;

  // On a cold start the posts asked for beside the settings are often in by now: then the first render shows them.
  // Otherwise they are asked for at once, so the engine answers while the page draws the empty grid.
  const [startup] = useState(() => takeCalendarPostsAhead(range, view, filter) ?? askCalendar(calendarAsk(view, filter), range));
  const firstLoad = useRef<CalendarLoad | Promise<CalendarLoad> | null>(startup);
  const ready = startup instanceof Promise ? null : startup;
  const [posts, setPosts] = useState<PostSummary[]>(ready?.posts ?? []);
  const postsRef = useRef(posts);
  postsRef.current = posts;
  // A month read by day holds only the first posts of each day; these are the days' own counts.
  const [counts, setCounts] = useState<ReadonlyMap<string, number> | null>(ready?.counts ?? null);
  const countsRef = useRef(counts);
  countsRef.current = counts;
  const [loading, setLoading] = useState(ready === null);
  const loadingRef = useRef(loading);
  loadingRef.current = loading;
  // Until the first answer the grid is not drawn: drawn empty, it would be laid out and painted again with its posts
  // a moment later. Later loads (another range, filter) keep the grid, dimmed while they run.
  const [answered, setAnswered] = useState(ready !== null);
  const [error, setError] = useState<AppError | null>(null);
  const [attempt, setAttempt] = useState(0);
  /** Counts the loads of a range and filter, so a month's quiet reload that answers after the next load is dropped. */
  const loads = useRef(0);

  const show = useCallback((load: CalendarLoad): void => {
    setPosts(load.posts);
    setCounts(load.counts);
  }, []);

  useEffect(() => {
    const first = firstLoad.current;
    firstLoad.current = null;
    const mine = ++loads.current;
    if (first !== null && !(first instanceof Promise)) return;
    let current = true;
    setLoading(true);
    setError(null);
    const loaded = first ?? askCalendar(calendarAsk(view, filterRef.current), range);
    loaded.then(
      (load) => {
        if (!current || mine !== loads.current) return;
        if (view === 'month') warmMonthThumbnails(daysOf(load.posts));
        show(load);
        setLoading(false);
        setAnswered(true);
      },
      (failure: unknown) => {
        if (!current) return;
        setError(toAppError(failure));
        setLoading(false);
        setAnswered(true);
      },
    );
    return () => {
      current = false;
    };
  }, [view, range, filterKey, attempt]);

  // A change may add, move or remove any post of a month read by day, and alter its counts: once changes settle, its
  // days are read again, quietly (the chips it holds change in place meanwhile).
  const reloadDays = useSettled(() => {
    if (countsRef.current === null) return;
    // A load under way answers for the change or is followed by this reload, never overtaken by it.
    if (loadingRef.current) return reloadDays();
    const mine = loads.current;
    askCalendar(calendarAsk('month', filterRef.current), rangeRef.current).then(
      (load) => {
        if (mine === loads.current && countsRef.current !== null) show(load);
      },
      // What is shown stays; the next change or load asks again.
      () => undefined,
    );
  }, DAYS_RELOAD_MS);
  useEngineEvent('post:changed', reloadDays);
  useEngineEvent('post:deleted', reloadDays);

  // Read through the ref, so a late answer is placed against the range shown when it arrives.
  const inRange = useCallback((post: PostSummary): boolean => isInRange(postEventTime(post), rangeRef.current), []);
  // The filter is decided on the full post the event carries (its search looks in each platform's own text too).
  // When the list holds a newer copy, that copy was placed by a later decision, and the event only adds newer targets.
  const belongs =
    (full: PostView) =>
    (next: PostSummary): boolean =>
      inRange(next) && (next.updatedAt !== full.updatedAt || postMatchesFilter(full, filterRef.current));
  useEngineEvent('post:changed', ({ post }) => setPosts((list) => upsertPost(list, postSummary(post), belongs(post))));
  useEngineEvent('post:deleted', ({ postId }) => setPosts((list) => removeById(list, postId)));
  useEngineEvent('target:changed', ({ target }) => setPosts((list) => applyTargetToPosts(list, target, targetSummary)));

  // The List view shows the empty posting slots of its days, as the engine counts them (a post on a slot takes it).
  const [openSlots, setOpenSlots] = useState<OpenSlot[]>([]);
  const [slotsVersion, setSlotsVersion] = useState(0);
  const reloadSlots = useSettled(() => setSlotsVersion((value) => value + 1), SLOTS_RELOAD_MS);
  useEffect(() => {
    if (view !== 'list') return;
    const from = Math.max(range.from.getTime(), Date.now());
    const to = Math.min(range.to.getTime(), from + SLOT_DAYS * 86_400_000);
    if (to <= from) {
      setOpenSlots([]);
      return;
    }
    let current = true;
    call('slots:open', { from: new Date(from).toISOString(), to: new Date(to).toISOString() }).then(
      (open) => {
        if (current) setOpenSlots(open);
      },
      // The posts are what matter here; without slots the list is still right.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [view, range, slotsVersion]);
  useEngineEvent('slots:changed', reloadSlots);
  useEngineEvent('post:changed', reloadSlots);
  useEngineEvent('post:deleted', reloadSlots);
  const visibleSlots = useMemo(() => slotsForFilter(openSlots, filter, accounts), [openSlots, filter, accounts]);

  const reorder = useCallback(async (postIds: string[]) => {
    try {
      const moved = await call('posts:reorder', { postIds });
      setPosts((list) => moved.reduce((next, post) => upsertPost(next, postSummary(post)), list));
      showToast({
        tone: 'success',
        message: moved.length === 2 ? 'Swapped the two posts’ slots.' : `Moved ${moved.length} posts between their slots.`,
      });
    } catch (failure) {
      showToast({ tone: 'danger', message: `Could not move the post: ${toAppError(failure).message}` });
    }
  }, []);

  const days = useMemo(() => daysOf(posts), [posts]);
  const count = useMemo(
    () => (view !== 'month' ? countInRange(posts, range) : counts ? countOnDays(counts, monthRange(date)) : countInRange(posts, monthRange(date))),
    [posts, counts, view, date, range],
  );

  const go = useCallback((nextDate: Date, nextView: CalendarViewName) => navigate(calendarHref(nextView, nextDate)), []);
  const openDay = useCallback((day: string) => go(dayFromKey(day), 'day'), [go]);
  // Keyboard focus on a day: the route follows within what is shown (so Week opens on that week); past the edge, the
  // view moves there. The neighbours' days the month grid shows keep the month in place.
  const focusOn = useCallback(
    (day: string) => {
      const target = dayFromKey(day);
      const shown = rangeRef.current;
      const inView = target >= shown.from && target <= shown.to;
      if (!inView) navigate(calendarHref(view, target));
      else if (view !== 'month' || target.getMonth() === date.getMonth()) replaceRoute(calendarHref(view, target));
    },
    [view, date],
  );

  // A post given a time from the grid: shown where the engine put it, and said with a way to open it.
  const placed = useCallback(
    (post: PostView, done: string, scheduledAt: string) => {
      setPosts((list) => upsertPost(list, postSummary(post), inRange));
      showToast({
        tone: 'success',
        message: `${done} ${formatInstant(scheduledAt, post.timeZone)} (${post.timeZone}).`,
        href: postHref(post.id),
        linkLabel: 'Open',
      });
    },
    [inRange],
  );

  const reschedule = useCallback(
    (postId: string, when: Date): Promise<void> => {
      const previous = postsRef.current.find((post) => post.id === postId);
      if (!previous || when.getTime() === postTime(previous)) return Promise.resolve();
      if (when.getTime() <= Date.now()) {
        showToast({ tone: 'warning', message: 'A post can only move to a time that is still ahead.' });
        return Promise.resolve();
      }
      const scheduledAt = when.toISOString();
      setPosts((list) => upsertById(list, { ...previous, scheduledAt }));
      return call('publishing:reschedule', { id: postId, scheduledAt }).then(
        (moved) => placed(moved, 'Moved to', scheduledAt),
        (failure: unknown) => {
          setPosts((list) => upsertPost(list, previous));
          showToast({ tone: 'danger', message: `Could not move the post: ${toAppError(failure).message}` });
        },
      );
    },
    [placed],
  );

  // A draft dragged from the tray onto a day: scheduled there at the hour it was dropped on (the day view's), else at
  // the usual morning hour, or the next full hour when that has passed today. Without accounts, it asks for them.
  const [asking, setAsking] = useState<{ draft: PostSummary; at: Date } | null>(null);
  const saveDraftAt = useCallback(
    (draft: PostSummary, at: Date, accountIds: string[] | null) => {
      const scheduledAt = at.toISOString();
      call('posts:save', {
        id: draft.id,
        mode: 'schedule',
        scheduledAt,
        timeZone: preferences().timeZone,
        ...(accountIds === null ? {} : { targets: accountIds.map((accountId) => ({ accountId })) }),
      }).then(
        (scheduled) => placed(scheduled, 'Scheduled for', scheduledAt),
        (failure: unknown) => showToast({ tone: 'danger', message: `Could not schedule the draft: ${toAppError(failure).message}` }),
      );
    },
    [placed],
  );
  const scheduleDraft = useCallback(
    (draft: PostSummary, day: string, hour: number | null) => {
      const at = dayFromKey(day);
      at.setHours(hour ?? DEFAULT_HOUR, 0, 0, 0);
      const now = Date.now();
      if (at.getTime() <= now && day === dayKey(zonedDate())) {
        const next = zonedDate(now);
        at.setHours(next.getHours() + 1, 0, 0, 0);
      }
      if (at.getTime() <= now || day !== dayKey(at)) {
        showToast({ tone: 'warning', message: 'A draft can only be scheduled on a day that is still ahead.' });
        return;
      }
      if (draft.targets.length === 0) setAsking({ draft, at });
      else saveDraftAt(draft, at, null);
    },
    [saveDraftAt],
  );

  const [peek, setPeek] = useState<{ post: PostSummary; anchor: HTMLElement } | null>(null);
  const peekTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const dragged = useRef<PostSummary | null>(null);
  useEffect(() => () => clearTimeout(peekTimer.current), []);
  useEffect(() => {
    if (!peek) return;
    // The card sits beside its chip; once the chip scrolls away, so does the card.
    const hide = (): void => setPeek(null);
    window.addEventListener('scroll', hide, true);
    return () => window.removeEventListener('scroll', hide, true);
  }, [peek]);

  const interactions = useMemo<CalendarInteractions>(
    () => ({
      peek(post, anchor, atOnce) {
        clearTimeout(peekTimer.current);
        if (dragged.current) return;
        if (atOnce) setPeek({ post, anchor });
        else peekTimer.current = setTimeout(() => setPeek({ post, anchor }), PEEK_DELAY_MS);
      },
      unpeek() {
        clearTimeout(peekTimer.current);
        setPeek(null);
      },
      dragStart(post) {
        dragged.current = post;
      },
      dragEnd() {
        dragged.current = null;
      },
      dragging: () => dragged.current,
      drop(day, hour) {
        const post = dragged.current;
        dragged.current = null;
        if (post?.status === 'draft' && post.scheduledAt === null) return scheduleDraft(post, day, hour);
        const at = post ? postTime(post) : null;
        if (!post || at === null) return;
        const was = zonedDate(at);
        const when = dayFromKey(day);
        when.setHours(hour ?? was.getHours(), was.getMinutes(), 0, 0);
        void reschedule(post.id, when);
      },
      create(day, hour) {
        const start = dayFromKey(day);
        start.setHours(hour ?? DEFAULT_HOUR, 0, 0, 0);
        if (start.getTime() > Date.now()) {
          navigate(routeHref({ name: 'compose', postId: null, at: start.toISOString() }));
        } else if (day === dayKey(zonedDate())) {
          // Later today: the composer suggests the next free hour itself.
          navigate(routeHref({ name: 'compose', postId: null, at: null }));
        }
      },
    }),
    [reschedule, scheduleDraft],
  );

  const label = useMemo(() => rangeLabel(date, view, range), [date, view, range, timeZone]);
  const showEmptyList = view === 'list' && !loading && !error && posts.length === 0 && visibleSlots.length === 0;
  return (
    <section className={`page calendar-page view-${view}`} aria-labelledby="calendar-title">
      <PageHeader
        title={<span id="calendar-title">Calendar</span>}
        subtitle={filtered ? <ActiveFilters filter={filter} accounts={accounts} /> : undefined}
      >
        <a className="button button-primary" href={routeHref({ name: 'compose', postId: null, at: null })}>
          <Icon name="plus" /> New post
        </a>
      </PageHeader>
      <StartAtLoginBanner />
      <CalendarToolbar
        label={label}
        view={view}
        loading={loading}
        count={error ? null : countText(view, count, filtered, date, listDays)}
        timeZone={timeZone}
        onPrevious={() => go(shiftDate(date, view, -1), view)}
        onToday={() => go(zonedDate(), view)}
        onNext={() => go(shiftDate(date, view, 1), view)}
        onView={(next) => go(date, next)}
      />
      <div className="cal-filter-row">
        <CalendarFilters filter={filter} accounts={accounts} />
        {view === 'list' ? null : <StatusLegend />}
      </div>
      <CalendarInteractionsContext.Provider value={interactions}>
        <DraftsTray />
      </CalendarInteractionsContext.Provider>
      {error ? (
        <div className="banner tone-danger" role="alert" data-testid="error-state">
          <Icon name="alert" />
          <span>Could not load posts: {error.message}</span>
          <button type="button" className="button" onClick={() => setAttempt((value) => value + 1)}>
            Try again
          </button>
        </div>
      ) : null}
      <CalendarInteractionsContext.Provider value={interactions}>
        {view === 'list' ? (
          showEmptyList ? (
            <EmptyState
              title={filtered ? 'No posts match the filters' : 'Nothing planned yet'}
              action={
                filtered ? (
                  <button type="button" className="button" onClick={() => setCalendarFilter(() => EMPTY_FILTER)}>
                    Clear filters
                  </button>
                ) : (
                  <a className="button button-primary" href={routeHref({ name: 'compose', postId: null, at: null })}>
                    <Icon name="plus" /> New post
                  </a>
                )
              }
            >
              {`No posts ${filtered ? 'match in' : 'are planned for'} ${label}.`}
            </EmptyState>
          ) : (
            <AgendaList
              posts={posts}
              slots={visibleSlots}
              accounts={accounts}
              moreLabel="the next four weeks"
              onShowMore={() => setListDays((value) => value + LIST_DAYS)}
              onReorder={reorder}
              onMoveToSlot={(postId, at) => reschedule(postId, new Date(at))}
            />
          )
        ) : (
          <div className={`calendar-frame view-${view}`} data-testid="calendar" aria-busy={loading}>
            {!answered ? null : view === 'month' ? (
              <MonthGrid month={month} focusDay={focusDay} days={days} counts={counts} label={label} onFocusDay={focusOn} onOpenDay={openDay} />
            ) : (
              <TimeGrid kind={view} dates={dates} focusDay={focusDay} days={days} label={label} onFocusDay={focusOn} onOpenDay={openDay} />
            )}
          </div>
        )}
      </CalendarInteractionsContext.Provider>
      {peek ? <PostPeek post={peek.post} anchor={peek.anchor} /> : null}
      {asking ? (
        <ScheduleDraftDialog
          title={postTitle(asking.draft.text, asking.draft.mediaUrls.length)}
          at={asking.at}
          timeZone={timeZone}
          accounts={accounts}
          initial={preferences().defaultAccountIds}
          onCancel={() => setAsking(null)}
          onSchedule={(accountIds) => {
            setAsking(null);
            saveDraftAt(asking.draft, asking.at, accountIds);
          }}
        />
      ) : null}
    </section>
  );
}
