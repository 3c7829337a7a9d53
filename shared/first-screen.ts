// The page marks when its first screen is drawn and the page is idle (performance.mark), so a release pipeline's
// `--self-test` can report how long a real window takes to show the app, on each OS, with real Electron.
export const FIRST_SCREEN_MARK = 'publishing-engine:first-screen';

export interface FirstScreenDetail {
  /** Whether the first screen was drawn with its answers (settings, accounts, the calendar's posts), not before them. */
  answered: boolean;
}
