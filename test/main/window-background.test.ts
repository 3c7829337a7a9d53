import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WINDOW_BACKGROUND, windowBackground } from '../../electron/main/window-background';

describe("the window's background", () => {
  it("is the page's own background, light and dark, so the window never shows another colour around it", () => {
    const css = readFileSync(join(__dirname, '..', '..', 'renderer', 'src', 'styles', 'app.css'), 'utf8');
    const light = /:root\s*{[^}]*--bg:\s*(#[0-9a-f]{6})/i.exec(css)?.[1];
    const dark = /@media \(prefers-color-scheme: dark\)\s*{\s*:root\s*{[^}]*--bg:\s*(#[0-9a-f]{6})/i.exec(css)?.[1];
    expect({ light, dark }).toEqual(WINDOW_BACKGROUND);
    expect([windowBackground(false), windowBackground(true)]).toEqual([WINDOW_BACKGROUND.light, WINDOW_BACKGROUND.dark]);
  });
});
