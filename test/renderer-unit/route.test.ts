import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref, type Route } from '../../renderer/src/lib/route';

describe('parseRoute', () => {
  it('opens the month calendar by default', () => {
    expect(parseRoute('')).toEqual({ name: 'calendar', view: 'month', date: null });
    expect(parseRoute('#/')).toEqual({ name: 'calendar', view: 'month', date: null });
  });

  it('reads each screen', () => {
    expect(parseRoute('#/calendar?view=week&date=2026-03-02')).toEqual({ name: 'calendar', view: 'week', date: '2026-03-02' });
    expect(parseRoute('#/compose')).toEqual({ name: 'compose', postId: null, at: null });
    expect(parseRoute('#/compose/p-1')).toEqual({ name: 'compose', postId: 'p-1', at: null });
    expect(parseRoute('#/compose?at=2026-03-02T09:00:00.000Z')).toEqual({ name: 'compose', postId: null, at: '2026-03-02T09:00:00.000Z' });
    // An empty posting slot opens the composer for its account too.
    expect(parseRoute('#/compose?at=2026-03-02T09:00:00.000Z&account=a-1')).toEqual({
      name: 'compose',
      postId: null,
      at: '2026-03-02T09:00:00.000Z',
      account: 'a-1',
    });
    expect(parseRoute('#/posts/abc%20d')).toEqual({ name: 'post', postId: 'abc d' });
    expect(parseRoute('#/queue')).toEqual({ name: 'queue' });
    expect(parseRoute('#/accounts?reconnect=a1')).toEqual({ name: 'accounts', reconnect: 'a1' });
    expect(parseRoute('#/settings')).toEqual({ name: 'settings' });
  });

  it('ignores a bad calendar view or date, and flags unknown paths', () => {
    expect(parseRoute('#/calendar?view=year&date=March')).toEqual({ name: 'calendar', view: 'month', date: null });
    expect(parseRoute('#/posts')).toEqual({ name: 'not-found', path: '/posts' });
    expect(parseRoute('#/nowhere')).toEqual({ name: 'not-found', path: '/nowhere' });
    expect(parseRoute('#/queue/extra')).toEqual({ name: 'not-found', path: '/queue/extra' });
  });

  it('round-trips every route through its href', () => {
    const routes: Route[] = [
      { name: 'calendar', view: 'month', date: null },
      { name: 'calendar', view: 'day', date: '2026-12-31' },
      { name: 'calendar', view: 'list', date: null },
      { name: 'compose', postId: null, at: null },
      { name: 'compose', postId: 'p/1', at: null },
      { name: 'compose', postId: null, at: '2026-03-02T09:00:00.000Z' },
      { name: 'compose', postId: null, at: '2026-03-02T09:00:00.000Z', account: 'a 1' },
      { name: 'post', postId: 'p 2' },
      { name: 'queue' },
      { name: 'accounts', reconnect: null },
      { name: 'accounts', reconnect: 'acc-1' },
      { name: 'settings' },
    ];
    for (const route of routes) expect(parseRoute(routeHref(route))).toEqual(route);
  });
});
