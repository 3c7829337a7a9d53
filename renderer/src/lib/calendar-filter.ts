// The calendar's filter (accounts, platforms, statuses, words), kept across views and restarts in localStorage.
// It has the shape of shared/post-filter's PostFilter, so the engine and the UI match posts alike.
import { useSyncExternalStore } from 'react';
import type { ChannelInput } from '../../../shared/contract/channels';
import { PLATFORMS, POST_STATUSES, type Platform, type PostStatus } from '../../../shared/domain';

export interface CalendarFilter {
  accountIds: string[];
  platforms: Platform[];
  statuses: PostStatus[];
  search: string;
}

export const EMPTY_FILTER: CalendarFilter = { accountIds: [], platforms: [], statuses: [], search: '' };

const STORAGE_KEY = 'publishing-engine:calendar-filter';
const SEARCH_MAX = 200;

const ACCOUNTS_MAX = 200;

// What was stored by an older or newer version may not fit: a field that does not counts as empty. Checked by hand,
// not by zod: this module runs in the page's first chunk (the start asks for the month's posts with this filter),
// where even zod/mini was 53 kB of 95 and its evaluation held back the start's requests.
const listOf = <T extends string>(value: unknown, allowed: readonly T[] | null, max: number): T[] =>
  Array.isArray(value) && value.length <= max && value.every((item) => typeof item === 'string' && (allowed === null || allowed.includes(item as T)))
    ? (value as T[])
    : [];

function read(): CalendarFilter {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY);
    if (raw === null) return EMPTY_FILTER;
    const stored: unknown = JSON.parse(raw);
    if (typeof stored !== 'object' || stored === null) return EMPTY_FILTER;
    const { accountIds, platforms, statuses, search } = stored as Record<string, unknown>;
    return {
      accountIds: listOf(accountIds, null, ACCOUNTS_MAX),
      platforms: listOf(platforms, PLATFORMS, PLATFORMS.length),
      statuses: listOf(statuses, POST_STATUSES, POST_STATUSES.length),
      search: typeof search === 'string' && search.length <= SEARCH_MAX ? search : '',
    };
  } catch {
    return EMPTY_FILTER;
  }
}

let current: CalendarFilter | null = null;
const listeners = new Set<() => void>();

function snapshot(): CalendarFilter {
  current ??= read();
  return current;
}

export function setCalendarFilter(change: (filter: CalendarFilter) => CalendarFilter): void {
  const next = change(snapshot());
  current = { ...next, search: next.search.slice(0, SEARCH_MAX) };
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(current));
  } catch {
    // Storage full or disabled: the filter still holds for this session.
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The filter now, outside React. */
export function calendarFilter(): CalendarFilter {
  return snapshot();
}

export function useCalendarFilter(): CalendarFilter {
  return useSyncExternalStore(subscribe, snapshot);
}

/** The filter as posts:calendar input; only what is set, so an empty filter asks for everything. */
export function filterInput(filter: CalendarFilter): Pick<ChannelInput<'posts:calendar'>, 'accountIds' | 'platforms' | 'status' | 'search'> {
  const search = filter.search.trim();
  return {
    ...(filter.accountIds.length > 0 ? { accountIds: filter.accountIds } : {}),
    ...(filter.platforms.length > 0 ? { platforms: filter.platforms } : {}),
    ...(filter.statuses.length > 0 ? { status: filter.statuses } : {}),
    ...(search !== '' ? { search } : {}),
  };
}

/** Adds the value when absent, removes it when present. */
export function toggled<T>(values: readonly T[], value: T): T[] {
  return values.includes(value) ? values.filter((existing) => existing !== value) : [...values, value];
}
