// How many chips a month day's cell holds, from the CSS's sizes: what the grid draws, and what the month asks the
// engine for per day (posts:calendarDays) before the grid is there to measure.
import { CALENDAR_DAY_POSTS_MAX } from '../../../shared/calendar-days';

/** A chip's height with its gap, and the day's head row (its number, and "+N more"), in px, as the CSS has them. */
export const CHIP_PX = 39;
export const HEAD_PX = 26;
/** The fewest weeks a month grid has: its cells are at most a quarter of the window high. */
const FEWEST_WEEKS = 4;

/** How many of a day's posts its cell shows as chips; "+N more" in the head row names the rest. */
export function chipsShown(count: number, room: number): number {
  return Math.min(count, Math.max(0, Math.floor(room / CHIP_PX)));
}

/** The most chips any cell of a month can show in this window, and one more: the posts a day is asked for with. */
export function monthPostsPerDay(windowHeight = window.innerHeight): number {
  const fits = Math.floor((windowHeight / FEWEST_WEEKS - HEAD_PX) / CHIP_PX);
  return Math.min(CALENDAR_DAY_POSTS_MAX, Math.max(2, fits + 1));
}
