// The app itself: React, the shell and the first screen. main.tsx loads it once the start's requests are sent;
// index.html fetches it from the start (modulepreload), so it downloads and compiles while they are under way.
import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { FIRST_SCREEN_MARK, type FirstScreenDetail } from '../../shared/first-screen';
import { App } from './App';
import { guardLinks } from './lib/leave-guard';

export function boot(root: HTMLElement, firstScreen: FirstScreenDetail): void {
  guardLinks(document);
  createRoot(root).render(
    <StrictMode>
      <App />
      <FirstScreenMark detail={firstScreen} />
    </StrictMode>,
  );
}

/** Marks the first screen once React has drawn it and the page is next idle (see shared/first-screen). */
function FirstScreenMark({ detail }: { detail: FirstScreenDetail }) {
  useEffect(() => {
    const idle = requestIdleCallback(() => {
      if (performance.getEntriesByName(FIRST_SCREEN_MARK).length === 0) performance.mark(FIRST_SCREEN_MARK, { detail });
    });
    return () => cancelIdleCallback(idle);
  }, [detail]);
  return null;
}
