// Hash routes, so every screen can be deep-linked (#/posts/<id>) without a router dependency.

export const CALENDAR_VIEWS = ['month', 'week', 'day', 'list'] as const;
export type CalendarViewName = (typeof CALENDAR_VIEWS)[number];

export type Route =
  | { name: 'calendar'; view: CalendarViewName; date: string | null }
  /** `account`: a new post opened for one account (an empty posting slot's). */
  | { name: 'compose'; postId: string | null; at: string | null; account?: string | null }
  | { name: 'post'; postId: string }
  | { name: 'queue' }
  | { name: 'accounts'; reconnect: string | null }
  | { name: 'media' }
  | { name: 'settings' }
  | { name: 'not-found'; path: string };

export type RouteName = Route['name'];

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function isCalendarView(value: string | null): value is CalendarViewName {
  return value !== null && (CALENDAR_VIEWS as readonly string[]).includes(value);
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const queryStart = raw.indexOf('?');
  const path = queryStart === -1 ? raw : raw.slice(0, queryStart);
  const query = new URLSearchParams(queryStart === -1 ? '' : raw.slice(queryStart + 1));
  const segments = path
    .split('/')
    .filter((segment) => segment !== '')
    .map(decode);

  if (segments.length === 0) return { name: 'calendar', view: 'month', date: null };
  const [head, id, ...rest] = segments;
  if (rest.length > 0) return { name: 'not-found', path };
  switch (head) {
    case 'calendar': {
      if (id !== undefined) return { name: 'not-found', path };
      const view = query.get('view');
      const date = query.get('date');
      return { name: 'calendar', view: isCalendarView(view) ? view : 'month', date: date !== null && DAY_PATTERN.test(date) ? date : null };
    }
    case 'compose': {
      const account = query.get('account');
      return { name: 'compose', postId: id ?? null, at: query.get('at'), ...(account === null ? {} : { account }) };
    }
    case 'posts':
      return id === undefined ? { name: 'not-found', path } : { name: 'post', postId: id };
    case 'queue':
      return id === undefined ? { name: 'queue' } : { name: 'not-found', path };
    case 'accounts':
      return id === undefined ? { name: 'accounts', reconnect: query.get('reconnect') } : { name: 'not-found', path };
    case 'settings':
      return id === undefined ? { name: 'settings' } : { name: 'not-found', path };
    case 'media':
      return id === undefined ? { name: 'media' } : { name: 'not-found', path };
    default:
      return { name: 'not-found', path };
  }
}

function withQuery(path: string, params: Record<string, string | null>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== null) query.set(key, value);
  const text = query.toString();
  return text === '' ? path : `${path}?${text}`;
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'calendar':
      return withQuery('#/calendar', { view: route.view === 'month' ? null : route.view, date: route.date });
    case 'compose':
      return withQuery(route.postId === null ? '#/compose' : `#/compose/${encodeURIComponent(route.postId)}`, {
        at: route.at,
        account: route.account ?? null,
      });
    case 'post':
      return `#/posts/${encodeURIComponent(route.postId)}`;
    case 'accounts':
      return withQuery('#/accounts', { reconnect: route.reconnect });
    case 'not-found':
      return `#${route.path}`;
    default:
      return `#/${route.name}`;
  }
}

export const postHref = (postId: string): string => routeHref({ name: 'post', postId });
export const editPostHref = (postId: string): string => routeHref({ name: 'compose', postId, at: null });
export const reconnectHref = (accountId: string): string => routeHref({ name: 'accounts', reconnect: accountId });
