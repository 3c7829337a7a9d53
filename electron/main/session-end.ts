// Windows log-off, restart and shutdown run the same clean quit as the tray's Quit: an active publish finishes,
// then Redis and SQLite close. Windows first asks every top-level window (query-session-end); holding that shows
// "Publishing Engine is preventing shutdown" until the app has quit, and then Windows carries on (the user can
// still choose to end it at once). session-end comes when the session ends regardless: the quit starts and gets as
// far as it can, and whatever it does not finish the next start reconciles.
import type { BrowserWindow } from 'electron';

export function quitWithTheSession(window: Pick<BrowserWindow, 'on'>, quit: () => void): void {
  window.on('query-session-end', (event) => {
    event.preventDefault();
    quit();
  });
  window.on('session-end', () => quit());
}
