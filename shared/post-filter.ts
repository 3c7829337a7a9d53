// Which posts a filter keeps: by account, platform, status and words. The engine's posts:list and the UI (for posts
// that change while a filtered view is open) both decide with these functions, so they never disagree.
import type { Platform, PostStatus, PostView, TargetView } from './domain';

export interface PostFilter {
  /** Posts with a target on any of these accounts. */
  accountIds?: readonly string[];
  /** Posts with a target on any of these platforms. */
  platforms?: readonly Platform[];
  statuses?: readonly PostStatus[];
  /** Every word must appear, in any case and with or without accents, in the post's text or a platform's own text. */
  search?: string;
}

/** Lower case without accents, so "cafe" finds "Café". */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mark}/gu, '')
    .toLowerCase();
}

export function searchWords(search: string | undefined): string[] {
  if (search === undefined) return [];
  return foldForSearch(search)
    .split(/\s+/)
    .filter((word) => word !== '');
}

/** What a search looks in: a post's text, and each platform's own text, title and thread posts. */
export interface Searchable {
  text: string;
  targets: readonly Pick<TargetView, 'textOverride' | 'options'>[];
}

function searchableText(post: Searchable): string {
  const parts = [post.text];
  for (const target of post.targets) {
    if (target.textOverride) parts.push(target.textOverride);
    if (target.options.title) parts.push(target.options.title);
    if (target.options.thread) parts.push(...target.options.thread);
  }
  return foldForSearch(parts.join('\n'));
}

export function matchesSearch(post: Searchable, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const haystack = searchableText(post);
  return words.every((word) => haystack.includes(word));
}

export function postMatchesFilter(post: PostView, filter: PostFilter): boolean {
  if (filter.statuses && filter.statuses.length > 0 && !filter.statuses.includes(post.status)) return false;
  const accountIds = filter.accountIds ?? [];
  if (accountIds.length > 0 && !post.targets.some((target) => target.accountId !== null && accountIds.includes(target.accountId))) return false;
  const platforms = filter.platforms ?? [];
  if (platforms.length > 0 && !post.targets.some((target) => platforms.includes(target.platform))) return false;
  return matchesSearch(post, searchWords(filter.search));
}

export function isFilterActive(filter: PostFilter): boolean {
  return (
    (filter.accountIds?.length ?? 0) > 0 ||
    (filter.platforms?.length ?? 0) > 0 ||
    (filter.statuses?.length ?? 0) > 0 ||
    searchWords(filter.search).length > 0
  );
}
