// The calendar's posts asked for before the calendar renders, so the slowest answer it waits for is under way while
// the page draws. At start-up they are asked for beside the settings instead of after them: a cold start otherwise
// waits for the settings (the zone and the first day of the week decide the calendar's days), then for the calendar's
// first render. Without the settings the days are not known exactly, so the range asked for covers the route's days in
// any zone and with any first day of the week, and a month's days are asked for in the computer's zone, which the
// settings follow unless the manager picked another (the month then asks again). Moving to the calendar from another
// screen, what it asks for is asked as the address changes, before React renders the move (~20 ms sooner), for its own
// days. The calendar takes the answer once, cut to its range, when that range lies within it, it asked for the same
// (filter, zone, posts a day) or the answer holds every post, and no post changed in between. Otherwise it asks as
// usual.
import { onEngineEvent } from './api';
import { LIST_DAYS, calendarRange, dayFromKey, dayInRange, isInRange, postEventTime, type DateRange } from './calendar-events';
import { calendarFilter, type CalendarFilter } from './calendar-filter';
import { LIST_LIMIT, askCalendar, calendarAsk, everyPost, monthDays, type CalendarAsk, type CalendarLoad } from './calendar-load';
import { warmThumbnail } from './post-thumbnail';
import { systemTimeZone } from './preferences';
import type { CalendarViewName, Route } from './route';

const DAY_MS = 86_400_000;
/** A day's midnight anywhere is within 14 h of UTC's. */
const ZONE_MARGIN_MS = DAY_MS;
/** A week may start up to 6 days before a day (or a month), and end up to 6 days after. */
const WEEK_MS = 7 * DAY_MS;

interface AskedAhead {
  range: DateRange;
  /** The ask, as JSON. */
  ask: string;
  /** Every post of the range: it serves any view whose range it holds. */
  everyPost: boolean;
  load: Promise<CalendarLoad>;
  /** The answer, once it is in. */
  answer: CalendarLoad | null;
  changed: boolean;
  stopListening: () => void;
}

let pending: AskedAhead | null = null;

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

/** Asks for what the start-up route's calendar may show: a month's days, every post of other views; nothing for any other screen. */
export function askCalendarPostsAtStartup(route: Route, now = Date.now()): void {
  if (route.name !== 'calendar') return;
  const filter = calendarFilter();
  askAhead(startupRange(route, now), route.view === 'month' ? monthDays(filter, systemTimeZone()) : everyPost(filter));
}

/**
 * Asks for what the calendar the app is moving to from another screen asks for, as the address changes. The settings
 * are known by then, so the range is the one the calendar will show. Moving to another screen drops what was asked.
 */
export function askCalendarPostsOnArrival(route: Route): void {
  if (route.name !== 'calendar') {
    pending?.stopListening();
    pending = null;
    return;
  }
  askAhead(calendarRange(dayFromKey(route.date), route.view), calendarAsk(route.view, calendarFilter()));
}

function askAhead(range: DateRange, ask: CalendarAsk): void {
  const asked: AskedAhead = {
    range,
    ask: JSON.stringify(ask),
    everyPost: ask.channel === 'posts:calendar',
    load: askCalendar(ask, range),
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
  asked.load.then(
    (load) => {
      asked.answer = load;
      // A month's answer holds the posts its chips show (one a day more at most): their pictures load while it is
      // drawn, and show with it. The first screen, drawn with this answer already in, does not warm them itself.
      if (load.counts !== null) for (const post of load.posts) warmThumbnail(post);
    },
    // An unused answer's failure is nobody's to report.
    () => undefined,
  );
  pending?.stopListening();
  pending = asked;
}

/**
 * The answer asked for ahead, for the first load of a calendar view of this range and filter: the load itself when it
 * is in already (the first render shows it), else a promise of it. Null when there is none or it cannot serve: another
 * range or filter, a post changed meanwhile, or the cap reached so posts may be missing. Taken once.
 */
export function takeCalendarPostsAhead(
  range: DateRange,
  view: CalendarViewName,
  filter: CalendarFilter,
): CalendarLoad | Promise<CalendarLoad> | null {
  const asked = pending;
  if (asked === null) return null;
  pending = null;
  const ask = calendarAsk(view, filter);
  const fits =
    asked.ask === JSON.stringify(asked.everyPost ? everyPost(filter) : ask) && asked.range.from <= range.from && range.to <= asked.range.to;
  const serves = (load: CalendarLoad): boolean => !asked.changed && (!asked.everyPost || load.posts.length < LIST_LIMIT);
  const shown = dayInRange(range);
  const cut = (load: CalendarLoad): CalendarLoad => ({
    posts: load.posts.filter((post) => isInRange(postEventTime(post), range)),
    counts: load.counts && new Map([...load.counts].filter(([day]) => shown(day))),
  });
  if (!fits || asked.changed || asked.answer !== null) {
    asked.stopListening();
    return fits && asked.answer !== null && serves(asked.answer) ? cut(asked.answer) : null;
  }
  // Listening goes on until the answer is in: a change the answer may predate sends the calendar to ask again.
  return asked.load.then(
    (load) => {
      asked.stopListening();
      return serves(load) ? cut(load) : askCalendar(ask, range);
    },
    () => {
      asked.stopListening();
      return askCalendar(ask, range);
    },
  );
}

/** Settles once what was asked ahead has answered (or failed); at once when nothing was. */
export function calendarPostsAheadSettled(): Promise<void> {
  return pending
    ? pending.load.then(
        () => undefined,
        () => undefined,
      )
    : Promise.resolve();
}
