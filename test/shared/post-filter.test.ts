import { describe, expect, it } from 'vitest';
import { foldForSearch, isFilterActive, postMatchesFilter, searchWords } from '../../shared/post-filter';
import type { Platform, PostView, TargetView } from '../../shared/domain';

const at = '2026-03-10T09:00:00.000Z';

function target(id: string, platform: Platform, accountId: string, overrides: Partial<TargetView>): TargetView {
  const base: TargetView = {
    id,
    postId: 'p1',
    accountId,
    accountName: accountId,
    platform,
    status: 'pending',
    textOverride: null,
    options: {},
    platformPostId: null,
    platformPostUrl: null,
    errorMessage: null,
    attemptCount: 0,
    waiting: null,
    updatedAt: at,
  };
  return { ...base, ...overrides };
}

const twoPlatforms: PostView = {
  id: 'p1',
  text: 'Crème brûlée season',
  mediaUrls: [],
  media: [],
  scheduledAt: at,
  timeZone: 'UTC',
  status: 'failed',
  createdAt: at,
  updatedAt: at,
  targets: [
    target('t1', 'twitter', 'acc-x', { status: 'published', textOverride: 'Short and sweet' }),
    target('t2', 'youtube', 'acc-yt', { status: 'failed', options: { title: 'Dessert masterclass' } }),
  ],
};

describe('post filter', () => {
  it('folds case and accents, and splits words', () => {
    expect(foldForSearch('CRÈME Brûlée')).toBe('creme brulee');
    expect(searchWords('  Crème   BRÛLÉE ')).toEqual(['creme', 'brulee']);
    expect(searchWords(undefined)).toEqual([]);
  });

  it('needs every word, looking in the text and each platform’s title and text', () => {
    expect(postMatchesFilter(twoPlatforms, { search: 'creme season' })).toBe(true);
    expect(postMatchesFilter(twoPlatforms, { search: 'masterclass' })).toBe(true);
    expect(postMatchesFilter(twoPlatforms, { search: 'sweet' })).toBe(true);
    expect(postMatchesFilter(twoPlatforms, { search: 'creme winter' })).toBe(false);
  });

  it('keeps a post with any of the accounts or platforms, and the filters together', () => {
    expect(postMatchesFilter(twoPlatforms, { accountIds: ['acc-li', 'acc-yt'] })).toBe(true);
    expect(postMatchesFilter(twoPlatforms, { accountIds: ['acc-li'] })).toBe(false);
    expect(postMatchesFilter(twoPlatforms, { platforms: ['youtube'], statuses: ['failed'] })).toBe(true);
    expect(postMatchesFilter(twoPlatforms, { platforms: ['youtube'], statuses: ['scheduled'] })).toBe(false);
    expect(postMatchesFilter(twoPlatforms, { platforms: ['linkedin'] })).toBe(false);
  });

  it('knows when nothing is filtered', () => {
    expect(isFilterActive({})).toBe(false);
    expect(isFilterActive({ search: '   ', accountIds: [], platforms: [], statuses: [] })).toBe(false);
    expect(isFilterActive({ statuses: ['draft'] })).toBe(true);
  });
});
