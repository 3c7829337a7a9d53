// The calendar's posts asked for before the calendar renders, so the slowest answer it waits for is under way while
// the page draws. At start-up they are asked for beside the settings instead of after them: a cold start otherwise
// waits for the settings (the zone and the first day of the week decide the calendar's days), then for the calendar's
// first render. Without the settings the days are not known exactly, so the range asked for covers the route's days in
// any zone and with any first day of the week. Moving to the calendar from another screen, the posts are asked for as
// the address changes, before React renders the move (~20 ms sooner), for the calendar's own days. The calendar takes
// the answer once, cut to its own range, when that range lies within it, its filter is the same, and no post changed in
// between. Otherwise it asks as usual.
import type { ChannelInput } from '../../../shared/contract/channels';
import type { PostSummary } from '../../../shared/post-summary';
import { call, onEngineEvent } from './api';
import { LIST_DAYS, calendarRange, dayFromKey, isInRange, postEventTime, type DateRange } from './calendar-events';
import { calendarFilter, filterInput, type CalendarFilter } from './calendar-filter';
import type { Route } from './route';

/** The most posts the calendar shows at once. */
const LIST_LIMIT = 20_000;

const DAY_MS = 86_400_000;
/** A day's midnight anywhere is within 14 h of UTC's. */
const ZONE_MARGIN_MS = DAY_MS;
/** A week may start up to 6 days before a day (or a month), and end up to 6 days after. */
const WEEK_MS = 7 * DAY_MS;

type ListQuery = Omit<ChannelInput<'posts:calendar'>, 'from' | 'to'>;

/** What the calendar asks posts:calendar for, besides its range: its filter, up to the cap. */
export function calendarListQuery(filter: CalendarFilter): ListQuery {
  return { limit: LIST_LIMIT, ...filterInput(filter) };
}

/** The calendar's posts of a range, as summaries (see shared/post-summary.ts). */
export function askCalendarPosts(query: ListQuery, range: DateRange): Promise<PostSummary[]> {
  return call('posts:calendar', { ...query, from: range.from.toISOString(), to: range.to.toISOString() });
}

interface PostsAhead {
  range: DateRange;
  /** The posts:calendar input besides the range, as JSON. */
  query: string;
  posts: Promise<PostSummary[]>;
  /** The answer, once it is in. */
  answer: PostSummary[] | null;
  changed: boolean;
  stopListening: () => void;
}

let pending: PostsAhead | null = null;

/** The days a calendar route may show in any zone and week, as UTC instants. */
export function startupRange(route: Extract<Route, { name: 'calendar' }>, now: number): DateRange {
  const match = route.date === null ? null : /^(\d{4})-(\d{2})-(\d{2})$/.exec(route.date);
  const today = new Date(now);
  const [year, month, day] = match
    ? [Number(match[1]), Number(match[2]) - 1, Number(match[3])]
    : [today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()];
  const date = Date.UTC(year, month, day);
  const [from, to] =
    route.view === 'month'
      ? [Date.UTC(year, month, 1) - WEEK_MS + DAY_MS, Date.UTC(year, month + 1, 1) + WEEK_MS - DAY_MS]
      : route.view === 'week'
        ? [date - WEEK_MS + DAY_MS, date + WEEK_MS]
        : [date, date + (route.view === 'day' ? 1 : LIST_DAYS) * DAY_MS];
  return { from: new Date(from - ZONE_MARGIN_MS), to: new Date(to + ZONE_MARGIN_MS) };
}

/** Asks for the posts the start-up route's calendar will show; nothing for any other screen. */
export function askCalendarPostsAtStartup(route: Route, now = Date.now()): void {
  if (route.name === 'calendar') askAhead(startupRange(route, now));
}

/**
 * Asks for the posts of the calendar the app is moving to from another screen, as the address changes. The settings
 * are known by then, so the range is the one the calendar will show. Moving to another screen drops what was asked.
 */
export function askCalendarPostsOnArrival(route: Route): void {
  if (route.name !== 'calendar') {
    pending?.stopListening();
    pending = null;
    return;
  }
  askAhead(calendarRange(dayFromKey(route.date), route.view));
}

function askAhead(range: DateRange): void {
  const query = calendarListQuery(calendarFilter());
  const asked: PostsAhead = {
    range,
    query: JSON.stringify(query),
    posts: askCalendarPosts(query, range),
    answer: null,
    changed: false,
    stopListening: () => undefined,
  };
  // Any change before the calendar listens could be missing from the answer; it then asks again.
  const stops = (['post:changed', 'post:deleted', 'target:changed'] as const).map((event) =>
    onEngineEvent(event, () => {
      asked.changed = true;
    }),
  );
  asked.stopListening = () => stops.forEach((stop) => stop());
  asked.posts.then(
    (posts) => {
      asked.answer = posts;
    },
    // An unused answer's failure is nobody's to report.
    () => undefined,
  );
  pending?.stopListening();
  pending = asked;
}

/**
 * The answer asked for ahead, for the calendar's first load, cut to its range: the posts themselves when they are in
 * already (the first render shows them), else a promise of them. Null when there is none or it cannot serve: another
 * range or filter, a post changed meanwhile, or the cap reached so posts may be missing. Taken once.
 */
export function takeCalendarPostsAhead(range: DateRange, query: ListQuery): PostSummary[] | Promise<PostSummary[]> | null {
  const asked = pending;
  if (asked === null) return null;
  pending = null;
  const fits = asked.range.from <= range.from && range.to <= asked.range.to && asked.query === JSON.stringify(query);
  const serves = (posts: PostSummary[]): boolean => !asked.changed && posts.length < LIST_LIMIT;
  const cut = (posts: PostSummary[]): PostSummary[] => posts.filter((post) => isInRange(postEventTime(post), range));
  if (!fits || asked.changed || asked.answer !== null) {
    asked.stopListening();
    return fits && asked.answer !== null && serves(asked.answer) ? cut(asked.answer) : null;
  }
  // Listening goes on until the answer is in: a change the answer may predate sends the calendar to ask again.
  return asked.posts.then(
    (posts) => {
      asked.stopListening();
      return serves(posts) ? cut(posts) : askCalendarPosts(query, range);
    },
    () => {
      asked.stopListening();
      return askCalendarPosts(query, range);
    },
  );
}
