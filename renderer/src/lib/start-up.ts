// What the page runs first, before React and the screens are even loaded (main.tsx imports it first): it connects
// to the engine and sends the start's requests, the settings every screen waits for, the accounts, then the
// calendar's posts, the slowest answer of the start (the engine answers in turn), so all are under way while the rest
// loads. Later, a move to the calendar asks for its posts as the address changes, before React renders the move.
import { accountsResource } from './accounts-store';
import { askCalendarPostsAtStartup, askCalendarPostsOnArrival } from './calendar-posts-ahead';
import { warmCalendarFormats } from './calendar-locale';
import { lastCalendarView } from './calendar-view-memory';
import { parseRoute, routeHref } from './route';
import { settingsResource } from './settings-store';
import { installWebBridge } from './web-bridge';

function start(): HTMLElement | null {
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html lacks #root');
  // window.api comes from the Electron preload, or from the web bridge when `npm run web` serves this page.
  if (!installWebBridge(root)) return null;
  // A bare start opens the calendar in the view the user last chose.
  if (['', '#', '#/'].includes(window.location.hash)) {
    window.history.replaceState(null, '', routeHref({ name: 'calendar', view: lastCalendarView(), date: null }));
  }
  settingsResource.start();
  // The calendar and the sidebar draw with the accounts: asked before the posts, they are in before that answer,
  // and the calendar is not drawn a second time when they arrive.
  accountsResource.start();
  let shown = parseRoute(window.location.hash);
  askCalendarPostsAtStartup(shown);
  // Registered before React's own listener (use-route), so it runs first.
  window.addEventListener('hashchange', () => {
    const next = parseRoute(window.location.hash);
    if (next.name !== 'calendar' || shown.name !== 'calendar') askCalendarPostsOnArrival(next);
    shown = next;
  });
  // ICU's language data loads on first use; made again once the settings are in, the formatters then cost little.
  requestIdleCallback(warmCalendarFormats);
  return root;
}

/** The element the app renders into; null when the page has no engine to talk to (it says so itself). */
export const appRoot = start();
