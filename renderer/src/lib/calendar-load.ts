// What a calendar view asks the engine for and draws: the month its days (each day's count and first posts, in the
// preferred zone), other views every post of their range.
import type { CalendarDay } from '../../../shared/calendar-days';
import type { ChannelInput } from '../../../shared/contract/channels';
import type { PostSummary } from '../../../shared/post-summary';
import { call } from './api';
import type { DateRange } from './calendar-events';
import { filterInput, type CalendarFilter } from './calendar-filter';
import { monthPostsPerDay } from './month-chips';
import { preferences } from './preferences';
import type { CalendarViewName } from './route';

/** The most posts the calendar shows at once. */
export const LIST_LIMIT = 20_000;

/** What a view asks the engine for, besides its range. */
export type CalendarAsk =
  | { channel: 'posts:calendar'; query: Omit<ChannelInput<'posts:calendar'>, 'from' | 'to'> }
  | { channel: 'posts:calendarDays'; query: Omit<ChannelInput<'posts:calendarDays'>, 'from' | 'to'> };

/** What a view draws: its posts and, for a month read by day, each day's count. */
export interface CalendarLoad {
  posts: PostSummary[];
  /** Posts per day (YYYY-MM-DD) when `posts` holds only the first of each day; null when it holds them all. */
  counts: ReadonlyMap<string, number> | null;
}

/** Every post of a range that matches the filter, up to the cap: what the week, day and list views draw. */
export function everyPost(filter: CalendarFilter): CalendarAsk {
  return { channel: 'posts:calendar', query: { limit: LIST_LIMIT, ...filterInput(filter) } };
}

/**
 * What a view asks for: the month its days in the preferred zone, each with its count and as many posts as a cell can
 * show (a busy month's every post is ten times the answer, to parse and sort before anything is drawn); other views
 * every post.
 */
export function calendarAsk(view: CalendarViewName, filter: CalendarFilter): CalendarAsk {
  return view === 'month' ? monthDays(filter, preferences().timeZone) : everyPost(filter);
}

/** A month's days in a zone. */
export function monthDays(filter: CalendarFilter, timeZone: string): CalendarAsk {
  return { channel: 'posts:calendarDays', query: { ...filterInput(filter), timeZone, perDay: monthPostsPerDay() } };
}

export function askCalendar(ask: CalendarAsk, range: DateRange): Promise<CalendarLoad> {
  const span = { from: range.from.toISOString(), to: range.to.toISOString() };
  if (ask.channel === 'posts:calendarDays') return call(ask.channel, { ...ask.query, ...span }).then(byDay);
  return call(ask.channel, { ...ask.query, ...span }).then((posts) => ({ posts, counts: null }));
}

function byDay(days: readonly CalendarDay[]): CalendarLoad {
  return { posts: days.flatMap((day) => day.posts), counts: new Map(days.map((day) => [day.day, day.count])) };
}
