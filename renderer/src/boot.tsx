// The app itself: React, the shell and the first screen. main.tsx loads it once the start's requests are sent;
// index.html fetches it from the start (modulepreload), so it downloads and compiles while they are under way.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { guardLinks } from './lib/leave-guard';

export function boot(root: HTMLElement): void {
  guardLinks(document);
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
