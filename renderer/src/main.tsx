import './lib/zod-without-eval';
// Before everything else: it sends the start's requests while the rest of the app is evaluated.
import { appRoot } from './lib/start-up';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles/app.css';
import './styles/calendar.css';
import './styles/manager.css';
import './styles/media.css';
import { App } from './App';
import { guardLinks } from './lib/leave-guard';

if (appRoot) {
  guardLinks(document);
  createRoot(appRoot).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
