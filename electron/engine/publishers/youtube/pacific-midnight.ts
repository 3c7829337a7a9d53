// YouTube's daily quota resets at midnight Pacific time, whatever the user's own zone and whether DST is on.
import { TZDate } from '@date-fns/tz';
import { addDays, startOfDay } from 'date-fns';

export const YOUTUBE_QUOTA_ZONE = 'America/Los_Angeles';

/** Epoch ms of the next midnight in America/Los_Angeles after `now`. */
export function nextPacificMidnight(now: number): number {
  return startOfDay(addDays(new TZDate(now, YOUTUBE_QUOTA_ZONE), 1)).getTime();
}
