// The calendar's days: when a post is shown, the day that is in a zone, and the month view's answer by day
// (posts:calendarDays). A month of 2,000 posts as summaries is 1.16 MB the page receives, parses and sorts before it
// draws the ~60 chips its cells hold; by day it is each day's count and first few posts, a tenth of that.
import { tzOffset } from '@date-fns/tz';
import type { PostStatus } from './domain';
import type { PostSummary } from './post-summary';

/** One day of posts:calendarDays: how many posts it holds, and the first of them in time order. */
export interface CalendarDay {
  /** YYYY-MM-DD in the zone asked for. */
  day: string;
  count: number;
  posts: PostSummary[];
}

/** The most posts a day of posts:calendarDays carries: more than the tallest month cell shows. */
export const CALENDAR_DAY_POSTS_MAX = 50;

const DAY_MS = 86_400_000;

/** When a post is shown on the calendar: its scheduled time, or when it was published at once. Undated drafts have none. */
export function shownAt<T>(scheduledAt: T | null, status: PostStatus, createdAt: T): T | null {
  if (scheduledAt !== null) return scheduledAt;
  return status === 'draft' ? null : createdAt;
}

const pad = (value: number): string => String(value).padStart(2, '0');

/**
 * The calendar day (YYYY-MM-DD) of instants in an IANA zone. A zoned date per post costs two Intl formats, a month of
 * posts thousands of them: instead each UTC day's offset is read once, at its start and its end, and only where the two
 * differ (the clocks change that day) is each instant's own offset read.
 */
export function zonedDayKeyReader(timeZone: string): (ms: number) => string {
  const offsets = new Map<number, number | null>();
  return (ms) => {
    const day = Math.floor(ms / DAY_MS);
    let offset = offsets.get(day);
    if (offset === undefined) {
      const first = tzOffset(timeZone, new Date(day * DAY_MS));
      offset = first === tzOffset(timeZone, new Date((day + 1) * DAY_MS - 1)) ? first : null;
      offsets.set(day, offset);
    }
    const local = new Date(ms + (offset ?? tzOffset(timeZone, new Date(ms))) * 60_000);
    return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
  };
}
