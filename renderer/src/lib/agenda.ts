// The List view's rows: entries in time order, grouped by local day. Posts are the entries today; empty posting
// slots are to join as a second kind of entry, merged in by time, without changing how days are built or drawn.
import type { PostView } from '../../../shared/domain';
import { dayFromKey, dayKey, postTime } from './calendar-events';
import { zonedDate } from './preferences';

export interface PostEntry {
  kind: 'post';
  /** Epoch ms. */
  at: number;
  post: PostView;
}

export type AgendaEntry = PostEntry;

export interface AgendaDay {
  /** YYYY-MM-DD */
  day: string;
  date: Date;
  entries: AgendaEntry[];
}

export function postEntries(posts: readonly PostView[]): PostEntry[] {
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
