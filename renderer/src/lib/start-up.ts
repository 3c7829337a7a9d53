// What the page runs first, before React and the screens are even loaded (main.tsx imports it first): it connects
// to the engine and sends the start's requests, the settings every screen waits for, the accounts, then the
// calendar's posts, the slowest answer of the start (the engine answers in turn), then what the shell shows beside
// any screen (the queue's counts, the wake summary, the drafts without a time), so all are under way while the rest
// loads and the first screen is drawn once, with them. Later, a move to the calendar asks for its posts as the address
// changes, before React renders the move.
import { accountsResource } from './accounts-store';
import { askCalendarPostsAtStartup, askCalendarPostsOnArrival, calendarPostsAheadSettled } from './calendar-posts-ahead';
import { warmCalendarFormats } from './calendar-locale';
import { lastCalendarView } from './calendar-view-memory';
import { draftsResource } from './drafts-store';
import { queueStatsResource } from './queue-stats-store';
import { parseRoute, routeHref } from './route';
import { settingsResource } from './settings-store';
import { wakeSummaryResource } from './wake-summary-store';
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
  queueStatsResource.start();
  wakeSummaryResource.start();
  draftsResource.start();
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

/**
 * How long the first render waits for the first screen's answers. Drawn before them, a cold start drew the screen
 * empty, laid it out and painted it, then drew it again with its posts (~150 ms of the page's main thread in a traced
 * start). An engine slower than this gets the screen drawn empty meanwhile.
 */
const FIRST_SCREEN_WAIT_MS = 250;

/**
 * Settles once the answers the first screen is drawn with are in (the settings, the accounts, the calendar's posts),
 * failed, or FIRST_SCREEN_WAIT_MS have passed: true when they came in time. The shell's other answers are not waited
 * for: they are small to draw.
 */
export function firstScreenAnswers(): Promise<boolean> {
  return new Promise((resolve) => {
    setTimeout(() => resolve(false), FIRST_SCREEN_WAIT_MS);
    void Promise.all([settingsResource.firstLoad, accountsResource.firstLoad, calendarPostsAheadSettled()]).then(() => resolve(true));
  });
}
