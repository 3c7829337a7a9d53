// Short-lived messages after an action ("Scheduled for Tue 09:00"), shown in one polite live region. A toast about
// something still under way waits for its outcome and is then replaced by it, so no toast outlives what it says.
import { useSyncExternalStore } from 'react';
import type { Tone } from './status';

export interface Toast {
  id: number;
  tone: Tone;
  message: string;
  /** A link to where the result lives, e.g. the post. */
  href?: string;
  linkLabel?: string;
  /** Waiting for an outcome: it stays until updated with one (or dismissed). */
  pending?: boolean;
}

const LIFETIME_MS = 6000;
const MAX_TOASTS = 4;

let toasts: readonly Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const timers = new Map<number, ReturnType<typeof setTimeout>>();

function emit(next: readonly Toast[]): void {
  toasts = next;
  for (const listener of listeners) listener();
}

function expireLater(toast: Toast): void {
  clearTimeout(timers.get(toast.id));
  if (toast.pending) return;
  timers.set(
    toast.id,
    setTimeout(() => dismissToast(toast.id), toast.tone === 'danger' ? LIFETIME_MS * 2 : LIFETIME_MS),
  );
}

export function dismissToast(id: number): void {
  clearTimeout(timers.get(id));
  timers.delete(id);
  if (toasts.some((toast) => toast.id === id)) emit(toasts.filter((toast) => toast.id !== id));
}

/** Shows a toast; returns its id for updateToast. */
export function showToast(toast: Omit<Toast, 'id'>): number {
  const shown: Toast = { ...toast, id: nextId++ };
  const kept = [...toasts, shown].slice(-MAX_TOASTS);
  for (const dropped of toasts) {
    if (kept.includes(dropped)) continue;
    clearTimeout(timers.get(dropped.id));
    timers.delete(dropped.id);
  }
  emit(kept);
  expireLater(shown);
  return shown.id;
}

/** Replaces what a toast says (its outcome); a toast that is no longer pending then expires like any other. */
export function updateToast(id: number, change: Omit<Toast, 'id'>): void {
  const index = toasts.findIndex((toast) => toast.id === id);
  if (index === -1) return;
  const updated: Toast = { ...change, id };
  emit(toasts.map((toast, i) => (i === index ? updated : toast)));
  expireLater(updated);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useToasts(): readonly Toast[] {
  return useSyncExternalStore(subscribe, () => toasts);
}
