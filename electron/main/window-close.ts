// What closing the main window does: hide to the tray so scheduled posts keep going out, or quit the app.

export type WindowCloseAction = 'hide' | 'quit';

export function windowCloseAction(state: { quitting: boolean; closeToTray: boolean; trayShown: boolean }): WindowCloseAction {
  // Without a tray icon a hidden window could never be reopened (short of launching the app again).
  return !state.quitting && state.closeToTray && state.trayShown ? 'hide' : 'quit';
}
