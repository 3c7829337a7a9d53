// The current hash route as React state.
import { useMemo, useSyncExternalStore } from 'react';
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

export function navigate(href: string): void {
  if (window.location.hash !== href) window.location.hash = href;
}

/** Changes the route without a new history entry: for state that Back should skip, like the focused day. */
export function replaceRoute(href: string): void {
  if (window.location.hash !== href) window.location.replace(href);
}
