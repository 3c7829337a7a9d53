import './lib/zod-without-eval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles/app.css';
import './styles/calendar.css';
import './styles/manager.css';
import './styles/media.css';
import { App } from './App';
import { askCalendarPostsAtStartup } from './lib/calendar-startup-posts';
import { lastCalendarView } from './lib/calendar-view-memory';
import { guardLinks } from './lib/leave-guard';
import { parseRoute, routeHref } from './lib/route';
import { settingsResource } from './lib/settings-store';
import { installWebBridge } from './lib/web-bridge';

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
// window.api comes from the Electron preload, or from the web bridge when `npm run web` serves this page.
if (installWebBridge(root)) {
  // A bare start opens the calendar in the view the user last chose.
  if (['', '#', '#/'].includes(window.location.hash)) {
    window.history.replaceState(null, '', routeHref({ name: 'calendar', view: lastCalendarView(), date: null }));
  }
  // Before the first render: the settings every screen waits for, then the posts, the slowest answer of the start
  // (the engine answers in turn, so the settings first).
  settingsResource.start();
  askCalendarPostsAtStartup(parseRoute(window.location.hash));
  guardLinks(document);
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
