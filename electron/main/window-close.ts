// What closing the main window does: hide to the tray so scheduled posts keep going out, minimise when there is no
// tray to bring it back from, or quit the app.

export type WindowCloseAction = 'hide' | 'minimize' | 'quit';

export function windowCloseAction(state: { quitting: boolean; closeToTray: boolean; trayUsable: boolean }): WindowCloseAction {
  if (state.quitting || !state.closeToTray) return 'quit';
  // Hidden without a visible tray icon, the app could not be reopened short of launching it again: the window stays
  // in the taskbar or dock instead, and publishing goes on.
  return state.trayUsable ? 'hide' : 'minimize';
}
