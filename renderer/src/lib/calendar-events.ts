// Posts → calendar events, and the date range a calendar view shows. Kept cheap: a month may hold thousands of posts.
import { endOfDay, endOfMonth, endOfWeek, startOfDay, startOfMonth, startOfWeek } from 'date-fns';
import { PLATFORMS, type Platform, type PostStatus, type PostView, type TargetView } from '../../../shared/domain';
import type { CalendarViewName } from './route';
import { isReschedulable } from './status';

/** A post is an instant; this gives it a visible block in week and day views. */
export const EVENT_MINUTES = 30;
const TITLE_LENGTH = 80;

export interface PostEvent {
  id: string;
  title: string;
  start: Date;
  end: Date;
  status: PostStatus;
  platforms: Platform[];
  draggable: boolean;
}

/** When a post belongs on the calendar: its scheduled time, or when it was published at once. Undated drafts have none. */
export function postEventTime(post: Pick<PostView, 'scheduledAt' | 'status' | 'createdAt'>): string | null {
  if (post.scheduledAt) return post.scheduledAt;
  return post.status === 'draft' ? null : post.createdAt;
}

export function postTitle(text: string, mediaCount: number): string {
  const firstLine = text.trim().split('\n', 1)[0] ?? '';
  if (firstLine === '') return mediaCount > 0 ? `${mediaCount} media item${mediaCount === 1 ? '' : 's'}` : '(empty post)';
  return firstLine.length > TITLE_LENGTH ? `${firstLine.slice(0, TITLE_LENGTH - 1)}…` : firstLine;
}

/** Distinct platforms of a post's targets, in the app's platform order. */
function postPlatforms(targets: readonly Pick<TargetView, 'platform'>[]): Platform[] {
  const seen = new Set<Platform>();
  for (const target of targets) seen.add(target.platform);
  return PLATFORMS.filter((platform) => seen.has(platform));
}

export function postToEvent(post: PostView): PostEvent | null {
  const at = postEventTime(post);
  if (at === null) return null;
  const start = new Date(at);
  if (Number.isNaN(start.getTime())) return null;
  return {
    id: post.id,
    title: postTitle(post.text, post.mediaUrls.length),
    start,
    end: new Date(start.getTime() + EVENT_MINUTES * 60_000),
    status: post.status,
    platforms: postPlatforms(post.targets),
    draggable: isReschedulable(post.status),
  };
}

export function postsToEvents(posts: readonly PostView[]): PostEvent[] {
  const events: PostEvent[] = [];
  for (const post of posts) {
    const event = postToEvent(post);
    if (event) events.push(event);
  }
  return events.sort((a, b) => a.start.getTime() - b.start.getTime());
}

export interface DateRange {
  from: Date;
  to: Date;
}

/** Everything a view shows, in local time; month includes the leading and trailing days of the first and last weeks. */
export function visibleRange(date: Date, view: CalendarViewName, weekStartsOn: 0 | 1 = 0): DateRange {
  switch (view) {
    case 'month':
      return { from: startOfWeek(startOfMonth(date), { weekStartsOn }), to: endOfWeek(endOfMonth(date), { weekStartsOn }) };
    case 'week':
      return { from: startOfWeek(date, { weekStartsOn }), to: endOfWeek(date, { weekStartsOn }) };
    case 'day':
      return { from: startOfDay(date), to: endOfDay(date) };
  }
}

export function isInRange(instant: string | null, range: DateRange): boolean {
  if (instant === null) return false;
  const ms = Date.parse(instant);
  return ms >= range.from.getTime() && ms <= range.to.getTime();
}

/** The local calendar day of a Date as YYYY-MM-DD, for the route. */
export function dayKey(date: Date): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The local midnight a YYYY-MM-DD names; today when absent or malformed. */
export function dayFromKey(key: string | null, today: Date = new Date()): Date {
  const match = key === null ? null : /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!match) return startOfDay(today);
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(date.getTime()) ? startOfDay(today) : date;
}
