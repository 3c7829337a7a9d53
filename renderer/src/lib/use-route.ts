// The current hash route as React state.
import { useMemo, useSyncExternalStore } from 'react';
import { mayLeave } from './leave-guard';
import { parseRoute, type Route } from './route';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const currentHash = (): string => window.location.hash;

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, currentHash);
  return useMemo(() => parseRoute(hash), [hash]);
}

/** Moves to `href`, unless the screen on show holds the move to ask about unsaved work first. */
export function navigate(href: string): void {
  if (window.location.hash !== href && mayLeave(href)) window.location.hash = href;
}

/** Changes the route without a new history entry: for state that Back should skip, like the focused day. */
export function replaceRoute(href: string): void {
  if (window.location.hash !== href) window.location.replace(href);
}
