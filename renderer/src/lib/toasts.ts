// Short-lived messages after an action ("Scheduled for Tue 09:00"), shown in one polite live region.
import { useSyncExternalStore } from 'react';
import type { Tone } from './status';

export interface Toast {
  id: number;
  tone: Tone;
  message: string;
  /** A link to where the result lives, e.g. the post. */
  href?: string;
  linkLabel?: string;
}

const LIFETIME_MS = 6000;
const MAX_TOASTS = 4;

let toasts: readonly Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function emit(next: readonly Toast[]): void {
  toasts = next;
  for (const listener of listeners) listener();
}

export function dismissToast(id: number): void {
  emit(toasts.filter((toast) => toast.id !== id));
}

export function showToast(toast: Omit<Toast, 'id'>): void {
  const id = nextId++;
  emit([...toasts, { ...toast, id }].slice(-MAX_TOASTS));
  setTimeout(() => dismissToast(id), toast.tone === 'danger' ? LIFETIME_MS * 2 : LIFETIME_MS);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useToasts(): readonly Toast[] {
  return useSyncExternalStore(subscribe, () => toasts);
}
