// Posts placed on calendar days, and the days a view shows. Kept cheap: a month may hold thousands of posts.
import { addDays, addMonths, endOfDay, endOfMonth, endOfWeek, startOfDay, startOfMonth, startOfWeek, type Day } from 'date-fns';
import { shownAt, zonedDayKeyReader } from '../../../shared/calendar-days';
import { PLATFORMS, type Platform, type PostView, type TargetView } from '../../../shared/domain';
import { inComputerZone, preferences, zonedDate, zonedDay } from './preferences';
import type { CalendarViewName } from './route';

const TITLE_LENGTH = 80;
/** How many days the List view shows at first, and adds each time it is asked for more. */
export const LIST_DAYS = 28;

/** When a post belongs on the calendar: its scheduled time, or when it was published at once. Undated drafts have none. */
export function postEventTime(post: Pick<PostView, 'scheduledAt' | 'status' | 'createdAt'>): string | null {
  return shownAt(post.scheduledAt, post.status, post.createdAt);
}

/** The instant a post is shown at, in epoch ms; null when it has none. */
export function postTime(post: Pick<PostView, 'scheduledAt' | 'status' | 'createdAt'>): number | null {
  const at = postEventTime(post);
  if (at === null) return null;
  const ms = Date.parse(at);
  return Number.isNaN(ms) ? null : ms;
}

export function postTitle(text: string, mediaCount: number): string {
  const firstLine = text.trim().split('\n', 1)[0] ?? '';
  if (firstLine === '') return mediaCount > 0 ? `${mediaCount} media item${mediaCount === 1 ? '' : 's'}` : '(empty post)';
  return firstLine.length > TITLE_LENGTH ? `${firstLine.slice(0, TITLE_LENGTH - 1)}…` : firstLine;
}

/** The post's text on one line, for chips that show as much as fits. */
export function postLine(post: Pick<PostView, 'text' | 'mediaUrls'>): string {
  const line = post.text.trim().replace(/\s+/g, ' ');
  return line === '' ? postTitle('', post.mediaUrls.length) : line;
}

/** Distinct platforms of a post's targets, in the app's platform order. */
export function postPlatforms(targets: readonly Pick<TargetView, 'platform'>[]): Platform[] {
  const seen = new Set<Platform>();
  for (const target of targets) seen.add(target.platform);
  return PLATFORMS.filter((platform) => seen.has(platform));
}

/** Posts by the local day they are shown on (YYYY-MM-DD), each day's in time order. Undated drafts are left out. */
export function postsByDay<P extends Pick<PostView, 'scheduledAt' | 'status' | 'createdAt'>>(posts: readonly P[]): Map<string, P[]> {
  const timed: { post: P; at: number }[] = [];
  for (const post of posts) {
    const at = postTime(post);
    if (at !== null) timed.push({ post, at });
  }
  timed.sort((a, b) => a.at - b.at);
  const days = new Map<string, P[]>();
  const keyOf = dayKeyReader();
  for (const { post, at } of timed) {
    const key = keyOf(at);
    const list = days.get(key);
    if (list) list.push(post);
    else days.set(key, [post]);
  }
  return days;
}

/** The preferred zone's calendar day of instants, as dayKey writes it. */
function dayKeyReader(): (ms: number) => string {
  const { timeZone } = preferences();
  return inComputerZone(timeZone) ? (ms) => dayKey(new Date(ms)) : zonedDayKeyReader(timeZone);
}

/** How many posts are shown at an instant inside [from, to]: what a header's count counts. */
export function countInRange(posts: readonly Pick<PostView, 'scheduledAt' | 'status' | 'createdAt'>[], range: DateRange): number {
  let count = 0;
  for (const post of posts) if (isInRange(postEventTime(post), range)) count++;
  return count;
}

/** Whether a day (YYYY-MM-DD) is one a range shows. */
export function dayInRange(range: DateRange): (day: string) => boolean {
  const [first, last] = [dayKey(range.from), dayKey(range.to)];
  return (day) => day >= first && day <= last;
}

/** How many posts the days of a range hold, from each day's count (YYYY-MM-DD): a month read by day. */
export function countOnDays(counts: ReadonlyMap<string, number>, range: DateRange): number {
  const shown = dayInRange(range);
  let count = 0;
  for (const [day, onDay] of counts) if (shown(day)) count += onDay;
  return count;
}

export interface DateRange {
  from: Date;
  to: Date;
}

/** Everything a view shows, in local time; month includes the leading and trailing days of the first and last weeks. */
export function visibleRange(date: Date, view: CalendarViewName, weekStartsOn: Day = 0, listDays = LIST_DAYS): DateRange {
  switch (view) {
    case 'month':
      return { from: startOfWeek(startOfMonth(date), { weekStartsOn }), to: endOfWeek(endOfMonth(date), { weekStartsOn }) };
    case 'week':
      return { from: startOfWeek(date, { weekStartsOn }), to: endOfWeek(date, { weekStartsOn }) };
    case 'day':
      return { from: startOfDay(date), to: endOfDay(date) };
    case 'list':
      return { from: startOfDay(date), to: endOfDay(addDays(date, listDays - 1)) };
  }
}

/** The days a calendar shows for a day and view, in the preferred week: what it loads, and what is asked for ahead of it. */
export function calendarRange(date: Date, view: CalendarViewName, listDays = LIST_DAYS): DateRange {
  return visibleRange(date, view, preferences().weekStartsOn, listDays);
}

/** The month itself, without the neighbours' days the grid shows. */
export function monthRange(date: Date): DateRange {
  return { from: startOfMonth(date), to: endOfMonth(date) };
}

/** The month grid: whole weeks, each of seven local days. */
export function monthWeeks(date: Date, weekStartsOn: Day): Date[][] {
  const weeks: Date[][] = [];
  const last = endOfWeek(endOfMonth(date), { weekStartsOn });
  for (let start = startOfWeek(startOfMonth(date), { weekStartsOn }); start <= last; start = addDays(start, 7)) {
    weeks.push(Array.from({ length: 7 }, (_, offset) => addDays(start, offset)));
  }
  return weeks;
}

export function weekDays(date: Date, weekStartsOn: Day): Date[] {
  const start = startOfWeek(date, { weekStartsOn });
  return Array.from({ length: 7 }, (_, offset) => addDays(start, offset));
}

/** The day a month opens on: today in the current month, else its first day (so Week then opens on a week of it). */
export function monthAnchor(month: Date, today: Date = zonedDate()): Date {
  return startOfMonth(month).getTime() === startOfMonth(today).getTime() ? startOfDay(today) : startOfMonth(month);
}

/** The same month step the toolbar takes, landing on the day the new month opens on. */
export function stepMonth(date: Date, direction: -1 | 1, today: Date = zonedDate()): Date {
  return monthAnchor(addMonths(date, direction), today);
}

export function isInRange(instant: string | null, range: DateRange): boolean {
  if (instant === null) return false;
  const ms = Date.parse(instant);
  return ms >= range.from.getTime() && ms <= range.to.getTime();
}

/** The calendar day of a Date as YYYY-MM-DD (in the preferred zone for the calendar's dates), for the route. */
export function dayKey(date: Date): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The midnight a YYYY-MM-DD names in the preferred zone; today when absent or malformed. */
export function dayFromKey(key: string | null, today: Date = zonedDate()): Date {
  const match = key === null ? null : /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!match) return startOfDay(today);
  const date = zonedDay(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(date.getTime()) ? startOfDay(today) : date;
}
