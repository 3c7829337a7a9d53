// The shell: sidebar, the screen the hash names, and toasts. Screens other than the calendar load on first visit.
import { lazy, Suspense, useEffect, useRef } from 'react';
import { LoadingState, EmptyState } from './components/StateViews';
import { NetworkBanner } from './components/NetworkBanner';
import { WakeSummaryBanner } from './components/WakeSummaryBanner';
import { Sidebar } from './components/Sidebar';
import { Toaster } from './components/Toaster';
import CalendarView from './features/calendar/CalendarView';
import { usePreferences } from './lib/preferences';
import { postHref, routeHref, type Route } from './lib/route';
import { settingsResource } from './lib/settings-store';
import { setIconsOnly, useIconsOnly } from './lib/sidebar-width';
import { showToast } from './lib/toasts';
import { useEngineEvent } from './lib/use-engine-event';
import { useRoute } from './lib/use-route';
import { reportedByWakeSummary } from './lib/wake-summary-store';

const ComposerView = lazy(() => import('./features/composer/ComposerView'));
const PostDetailView = lazy(() => import('./features/post/PostDetailView'));
const QueueView = lazy(() => import('./features/queue/QueueView'));
const AccountsView = lazy(() => import('./features/accounts/AccountsView'));
const SettingsView = lazy(() => import('./features/settings/SettingsView'));
const MediaView = lazy(() => import('./features/media/MediaView'));

const TITLES: Record<Route['name'], string> = {
  calendar: 'Calendar',
  compose: 'Compose',
  post: 'Post',
  queue: 'Queue',
  accounts: 'Accounts',
  settings: 'Settings',
  media: 'Media',
  'not-found': 'Not found',
};

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'calendar':
      return <CalendarView view={route.view} dateKey={route.date} />;
    case 'compose':
      return <ComposerView key={route.postId ?? 'new'} postId={route.postId} at={route.at} account={route.account ?? null} />;
    case 'post':
      return <PostDetailView key={route.postId} postId={route.postId} />;
    case 'queue':
      return <QueueView />;
    case 'accounts':
      return <AccountsView reconnect={route.reconnect} />;
    case 'settings':
      return <SettingsView />;
    case 'media':
      return <MediaView />;
    case 'not-found':
      return (
        <EmptyState
          title="This page does not exist"
          action={
            <a className="button" href={routeHref({ name: 'calendar', view: 'month', date: null })}>
              Go to the calendar
            </a>
          }
        >
          Nothing lives at “{route.path}”.
        </EmptyState>
      );
  }
}

export function App() {
  const route = useRoute();
  // Times and weeks read as the settings say from the first paint: screens wait for them (a failed load keeps the
  // computer's own), and redraw when they change. The composer keeps what is being written.
  const settings = settingsResource.useLive();
  const prefs = usePreferences();
  const settingsPending = settings.status === 'loading' && settings.data === null;
  const iconsOnly = useIconsOnly();
  const main = useRef<HTMLElement>(null);
  const previousName = useRef(route.name);

  // Posts whose time passed while the app could not publish are not sent late; the user has to hear about it.
  // Those due while the computer slept are said once, by the wake summary.
  useEngineEvent('targets:missed', ({ targets: missed }) => {
    const targets = missed.filter((target) => !reportedByWakeSummary(target.id));
    const posts = new Set(targets.map((target) => target.postId));
    const first = targets[0];
    if (!first) return;
    showToast({
      tone: 'warning',
      message: `${posts.size} post${posts.size === 1 ? '' : 's'} missed ${posts.size === 1 ? 'its' : 'their'} time while the app could not publish.`,
      href: postHref(first.postId),
      linkLabel: 'Review',
    });
  });

  useEffect(() => {
    document.title = `${TITLES[route.name]} · Publishing Engine`;
    // Moving to another screen puts keyboard focus at its start, unless the screen already placed it (the composer's
    // text); stepping within the calendar leaves focus alone.
    const focusInside = main.current?.contains(document.activeElement) ?? false;
    if (previousName.current !== route.name && !focusInside) main.current?.focus({ preventScroll: true });
    previousName.current = route.name;
  }, [route.name]);

  return (
    <div className="app" data-sidebar={iconsOnly ? 'icons' : 'full'}>
      <button type="button" className="skip-link" onClick={() => main.current?.focus()}>
        Skip to content
      </button>
      <Sidebar route={route} iconsOnly={iconsOnly} onIconsOnly={setIconsOnly} />
      <main className="main" id="main" ref={main} tabIndex={-1}>
        <NetworkBanner />
        <WakeSummaryBanner />
        <Suspense fallback={<LoadingState />}>
          {settingsPending ? <LoadingState /> : <Screen key={route.name === 'compose' ? 'compose' : `prefs-${prefs.version}`} route={route} />}
        </Suspense>
      </main>
      <Toaster />
    </div>
  );
}
