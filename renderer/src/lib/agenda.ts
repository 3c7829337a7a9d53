// The List view's rows: entries in time order, grouped by local day: posts, and the empty posting slots between them.
// Also which posts the queue can reorder, and the order a drag or a key press asks the engine for.
import type { PostSummary } from '../../../shared/post-summary';
import type { OpenSlot } from '../../../shared/posting-slots';
import { dayFromKey, dayKey, postTime } from './calendar-events';
import { zonedDate } from './preferences';

export interface PostEntry {
  kind: 'post';
  /** Epoch ms. */
  at: number;
  post: PostSummary;
}

/** A posting slot of one account with no post in it yet. */
export interface SlotEntry {
  kind: 'slot';
  at: number;
  accountId: string;
}

export type AgendaEntry = PostEntry | SlotEntry;

export function slotEntries(open: readonly OpenSlot[]): SlotEntry[] {
  return open.map((slot) => ({ kind: 'slot', at: Date.parse(slot.at), accountId: slot.accountId }));
}

/** A post the queue can move: scheduled, with nothing on its way out or live (the engine's own rule). */
export function isReorderable(post: PostSummary): boolean {
  return (
    post.status === 'scheduled' &&
    post.scheduledAt !== null &&
    post.targets.every((target) => target.status === 'pending' || target.status === 'cancelled')
  );
}

/** The ids of the reorderable posts, earliest first. */
function queueOrder(posts: readonly PostSummary[]): string[] {
  return posts
    .filter(isReorderable)
    .sort((a, b) => Date.parse(a.scheduledAt ?? '') - Date.parse(b.scheduledAt ?? ''))
    .map((post) => post.id);
}

/**
 * The posts:reorder that moves `moving` to where `onto` is among the reorderable `posts` (in time order): the posts
 * between them shift one place, and each keeps one of the times they held. Null when nothing would move.
 */
export function reorderFor(posts: readonly PostSummary[], moving: string, onto: string): string[] | null {
  const ids = queueOrder(posts);
  const from = ids.indexOf(moving);
  const to = ids.indexOf(onto);
  if (from === -1 || to === -1 || from === to) return null;
  return from < to ? [...ids.slice(from + 1, to + 1), moving] : [moving, ...ids.slice(to, from)];
}

/** The reorder that swaps a post with its neighbour in the queue (Alt+Arrow): -1 earlier, +1 later. */
export function neighbourSwap(posts: readonly PostSummary[], moving: string, step: -1 | 1): string[] | null {
  const ids = queueOrder(posts);
  const neighbour = ids[ids.indexOf(moving) + step];
  if (!ids.includes(moving) || neighbour === undefined) return null;
  return step === -1 ? [moving, neighbour] : [neighbour, moving];
}

export interface AgendaDay {
  /** YYYY-MM-DD */
  day: string;
  date: Date;
  entries: AgendaEntry[];
}

export function postEntries(posts: readonly PostSummary[]): PostEntry[] {
  const entries: PostEntry[] = [];
  for (const post of posts) {
    const at = postTime(post);
    if (at !== null) entries.push({ kind: 'post', at, post });
  }
  return entries;
}

/** Days that have entries, in order, each with its entries in time order. */
export function agendaDays(entries: readonly AgendaEntry[]): AgendaDay[] {
  const sorted = [...entries].sort((a, b) => a.at - b.at);
  const days: AgendaDay[] = [];
  for (const entry of sorted) {
    const day = dayKey(zonedDate(entry.at));
    const last = days[days.length - 1];
    if (last?.day === day) last.entries.push(entry);
    else days.push({ day, date: dayFromKey(day), entries: [entry] });
  }
  return days;
}
