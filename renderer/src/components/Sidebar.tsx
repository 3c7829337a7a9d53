// The left navigation, with what needs the user counted on the way: failed posts, accounts to reconnect, a paused queue.
// On narrow windows it shrinks to icons (each still named for screen readers and in a tooltip); the user can also
// shrink or widen it, and that choice is kept. Calendar leads back to the calendar view last used.
import { accountsNeedingAttention } from '../lib/accounts';
import { lastCalendarView } from '../lib/calendar-view-memory';
import { useNow } from '../lib/use-now';
import { accountsResource } from '../lib/accounts-store';
import { queueStatsResource } from '../lib/queue-stats-store';
import { routeHref, type Route, type RouteName } from '../lib/route';
import { userTimeZone } from '../lib/time';
import { Icon, type IconName } from './Icon';

interface NavItem {
  name: RouteName;
  label: string;
  /** Read at each render: Calendar leads to the view in use, else the one last used. */
  href: (route: Route) => string;
  icon: IconName;
}

const ITEMS: NavItem[] = [
  {
    name: 'calendar',
    label: 'Calendar',
    href: (route) => routeHref({ name: 'calendar', view: route.name === 'calendar' ? route.view : lastCalendarView(), date: null }),
    icon: 'calendar',
  },
  { name: 'compose', label: 'Compose', href: () => routeHref({ name: 'compose', postId: null, at: null }), icon: 'compose' },
  { name: 'queue', label: 'Queue', href: () => routeHref({ name: 'queue' }), icon: 'queue' },
  { name: 'media', label: 'Media', href: () => routeHref({ name: 'media' }), icon: 'media' },
  { name: 'accounts', label: 'Accounts', href: () => routeHref({ name: 'accounts', reconnect: null }), icon: 'accounts' },
  { name: 'settings', label: 'Settings', href: () => routeHref({ name: 'settings' }), icon: 'settings' },
];

/** The section a screen belongs to: a post, and editing one, belong to the calendar; only a new post is Compose. */
function sectionOf(route: Route): RouteName {
  if (route.name === 'post') return 'calendar';
  if (route.name === 'compose' && route.postId !== null) return 'calendar';
  return route.name;
}

interface SidebarProps {
  route: Route;
  iconsOnly: boolean;
  onIconsOnly: (iconsOnly: boolean) => void;
}

export function Sidebar({ route, iconsOnly, onIconsOnly }: SidebarProps) {
  const stats = queueStatsResource.useLive().data;
  const accounts = accountsResource.useLive().data;
  const now = useNow(60 * 60_000);
  const badges: Partial<Record<RouteName, { count: number; label: string }>> = {
    queue: { count: stats?.needsAttention ?? 0, label: 'need attention' },
    accounts: { count: accounts ? accountsNeedingAttention(accounts, now).length : 0, label: 'need attention' },
  };
  const active = sectionOf(route);

  return (
    <nav className="sidebar" aria-label="Main" data-testid="sidebar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          <Icon name="calendar" size={18} />
        </span>
        <span className="brand-name">Publishing Engine</span>
      </div>
      <ul className="nav-list">
        {ITEMS.map((item) => {
          const badge = badges[item.name];
          return (
            <li key={item.name}>
              <a
                className="nav-link"
                href={item.href(route)}
                aria-current={active === item.name ? 'page' : undefined}
                title={iconsOnly ? item.label : undefined}
                data-testid={`nav-${item.name}`}
              >
                <Icon name={item.icon} />
                <span className="nav-label">{item.label}</span>
                {badge && badge.count > 0 ? (
                  <span className="nav-badge" data-testid={`nav-badge-${item.name}`}>
                    {badge.count}
                    <span className="visually-hidden"> {badge.label}</span>
                  </span>
                ) : null}
              </a>
            </li>
          );
        })}
      </ul>
      <div className="sidebar-footer">
        {stats?.paused ? (
          <a className="paused-pill" href={routeHref({ name: 'queue' })} data-testid="paused-indicator">
            <Icon name="pause" size={14} /> Publishing paused
          </a>
        ) : null}
        <p className="sidebar-zone" title="Times are shown in this zone">
          {userTimeZone()}
        </p>
        <button
          type="button"
          className="sidebar-toggle"
          aria-pressed={iconsOnly}
          title={iconsOnly ? 'Show labels' : 'Icons only'}
          data-testid="sidebar-toggle"
          onClick={() => onIconsOnly(!iconsOnly)}
        >
          <Icon name="sidebar" size={16} />
          <span className="nav-label">Icons only</span>
        </button>
      </div>
    </nav>
  );
}
