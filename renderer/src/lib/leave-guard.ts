// A screen with unsaved work can hold a move to another screen and ask first. Moves go through links in the page
// (caught before the hash changes) or through navigate(); the guard answers whether the move may go ahead now.
type LeaveGuard = (href: string) => boolean;

let guard: LeaveGuard | null = null;

/** Installs the guard of the screen on show; the returned function removes it (only if it is still that one). */
export function setLeaveGuard(next: LeaveGuard): () => void {
  guard = next;
  return () => {
    if (guard === next) guard = null;
  };
}

/** Whether moving to `href` may happen now; a guard that says no has taken over (it asks the user). */
export function mayLeave(href: string): boolean {
  return guard === null || href === window.location.hash || guard(href);
}

/** Holds plain clicks on in-app links while a guard says no. Installed once, before any screen. */
export function guardLinks(root: Document): void {
  root.addEventListener(
    'click',
    (event) => {
      if (guard === null || event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = event.target instanceof Element ? event.target.closest('a[href^="#"]') : null;
      const href = link?.getAttribute('href');
      if (href && !mayLeave(href)) event.preventDefault();
    },
    true,
  );
}
