// Whether the sidebar shows icons only: the user's choice when they made one (kept), else by the window's width.
import { useSyncExternalStore } from 'react';

const STORAGE_KEY = 'publishing-engine:sidebar';
/** Below this width the main area needs the room more than the labels do. */
const NARROW_QUERY = '(max-width: 1100px)';
const listeners = new Set<() => void>();

function chosen(): 'icons' | 'full' | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return value === 'icons' || value === 'full' ? value : null;
  } catch {
    return null;
  }
}

let session: 'icons' | 'full' | null = null;

function snapshot(): boolean {
  const choice = session ?? chosen();
  return choice === null ? window.matchMedia(NARROW_QUERY).matches : choice === 'icons';
}

function subscribe(listener: () => void): () => void {
  const narrow = window.matchMedia(NARROW_QUERY);
  listeners.add(listener);
  narrow.addEventListener('change', listener);
  return () => {
    listeners.delete(listener);
    narrow.removeEventListener('change', listener);
  };
}

export function useIconsOnly(): boolean {
  return useSyncExternalStore(subscribe, snapshot);
}

export function setIconsOnly(iconsOnly: boolean): void {
  session = iconsOnly ? 'icons' : 'full';
  try {
    window.localStorage.setItem(STORAGE_KEY, session);
  } catch {
    // Storage unavailable: the choice holds until the app closes.
  }
  for (const listener of listeners) listener();
}
