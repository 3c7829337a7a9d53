// The window's own background, shown wherever the page has not painted (the moment before its first paint, the edge
// while the window is resized, after a renderer crash): the page's --bg in the system's light or dark appearance
// (renderer/src/styles/app.css follows prefers-color-scheme), so a dark desktop never sees a white window.
export const WINDOW_BACKGROUND = { light: '#f5f6f8', dark: '#0f1115' } as const;

export function windowBackground(dark: boolean): string {
  return dark ? WINDOW_BACKGROUND.dark : WINDOW_BACKGROUND.light;
}
