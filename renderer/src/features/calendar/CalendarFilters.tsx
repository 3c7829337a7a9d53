// Search and filters for every calendar view, and the line in the header that says what is filtered out. The filter
// is kept (calendar-filter) so the calendar opens the way it was left.
import { useEffect, useState } from 'react';
import { PLATFORM_LABELS, PLATFORMS, POST_STATUSES, type AccountView, type PostStatus } from '../../../../shared/domain';
import { isFilterActive } from '../../../../shared/post-filter';
import { Icon } from '../../components/Icon';
import { PlatformIcon } from '../../components/PlatformIcon';
import { setCalendarFilter, toggled, EMPTY_FILTER, type CalendarFilter } from '../../lib/calendar-filter';
import { POST_STATUS_META } from '../../lib/status';
import { FilterMenu } from './FilterMenu';

const SEARCH_DELAY_MS = 250;

/** Stored as failed are also posts live elsewhere (partly published) and ones not confirmed; the filter says so. */
const STATUS_LABELS: Record<PostStatus, string> = {
  ...Object.fromEntries(POST_STATUSES.map((status) => [status, POST_STATUS_META[status].label])),
  failed: 'Failed or needs attention',
} as Record<PostStatus, string>;

export function CalendarFilters({ filter, accounts }: { filter: CalendarFilter; accounts: readonly AccountView[] }) {
  const [text, setText] = useState(filter.search);
  const [applied, setApplied] = useState(filter.search);

  // Cleared or changed elsewhere (the header's chips): the box shows it.
  if (applied !== filter.search) {
    setApplied(filter.search);
    setText(filter.search);
  }

  useEffect(() => {
    if (text === filter.search) return;
    const timer = setTimeout(() => setCalendarFilter((current) => ({ ...current, search: text })), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, filter.search]);

  return (
    <div className="cal-filters" role="search" aria-label="Filter posts">
      <label className="search-field">
        <Icon name="search" size={16} />
        <span className="visually-hidden">Search post text</span>
        <input
          type="search"
          placeholder="Search posts"
          value={text}
          maxLength={200}
          data-testid="calendar-search"
          onChange={(event) => setText(event.target.value)}
        />
      </label>
      <FilterMenu
        label="Accounts"
        empty="No accounts yet."
        options={accounts.map((account) => ({
          value: account.id,
          label: account.name,
          icon: <PlatformIcon platform={account.platform} size={16} decorative />,
        }))}
        selected={filter.accountIds}
        onToggle={(id) => setCalendarFilter((current) => ({ ...current, accountIds: toggled(current.accountIds, id) }))}
        onClear={() => setCalendarFilter((current) => ({ ...current, accountIds: [] }))}
      />
      <FilterMenu
        label="Platforms"
        empty=""
        options={PLATFORMS.map((platform) => ({
          value: platform,
          label: PLATFORM_LABELS[platform],
          icon: <PlatformIcon platform={platform} size={16} decorative />,
        }))}
        selected={filter.platforms}
        onToggle={(platform) => setCalendarFilter((current) => ({ ...current, platforms: toggled(current.platforms, platform) }))}
        onClear={() => setCalendarFilter((current) => ({ ...current, platforms: [] }))}
      />
      <FilterMenu
        label="Status"
        empty=""
        options={POST_STATUSES.map((status) => ({ value: status, label: STATUS_LABELS[status] }))}
        selected={filter.statuses}
        onToggle={(status) => setCalendarFilter((current) => ({ ...current, statuses: toggled(current.statuses, status) }))}
        onClear={() => setCalendarFilter((current) => ({ ...current, statuses: [] }))}
      />
    </div>
  );
}

interface Chip {
  key: string;
  label: string;
  remove: (filter: CalendarFilter) => CalendarFilter;
}

/** "Showing only: @brand · LinkedIn · Failed · “winter” — Clear filters", each part removable on its own. */
export function ActiveFilters({ filter, accounts }: { filter: CalendarFilter; accounts: readonly AccountView[] }) {
  if (!isFilterActive(filter)) return null;
  const chips: Chip[] = [
    ...filter.accountIds.map((id) => ({
      key: `account:${id}`,
      label: accounts.find((account) => account.id === id)?.name ?? 'Removed account',
      remove: (current: CalendarFilter) => ({ ...current, accountIds: current.accountIds.filter((value) => value !== id) }),
    })),
    ...filter.platforms.map((platform) => ({
      key: `platform:${platform}`,
      label: PLATFORM_LABELS[platform],
      remove: (current: CalendarFilter) => ({ ...current, platforms: current.platforms.filter((value) => value !== platform) }),
    })),
    ...filter.statuses.map((status) => ({
      key: `status:${status}`,
      label: STATUS_LABELS[status],
      remove: (current: CalendarFilter) => ({ ...current, statuses: current.statuses.filter((value) => value !== status) }),
    })),
    ...(filter.search.trim() === ''
      ? []
      : [{ key: 'search', label: `“${filter.search.trim()}”`, remove: (current: CalendarFilter) => ({ ...current, search: '' }) }]),
  ];
  return (
    <span className="active-filters" data-testid="active-filters">
      <span className="active-filters-label">
        <Icon name="search" size={14} /> Showing only
      </span>
      {chips.map((chip) => (
        <span key={chip.key} className="filter-chip" data-testid="filter-chip">
          {chip.label}
          <button
            type="button"
            className="filter-chip-remove"
            aria-label={`Stop filtering by ${chip.label}`}
            onClick={() => setCalendarFilter(chip.remove)}
          >
            <Icon name="close" size={12} />
          </button>
        </span>
      ))}
      <button type="button" className="link-button" onClick={() => setCalendarFilter(() => EMPTY_FILTER)}>
        Clear filters
      </button>
    </span>
  );
}
