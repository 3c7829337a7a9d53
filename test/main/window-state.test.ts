import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_STATE, fitToDisplays, loadWindowState, saveWindowState } from '../../electron/main/window-state';

describe('window state file', () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pe-window-state-'));
    file = join(dir, 'nested', 'window-state.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips the bounds and maximized flag, creating the folder', () => {
    const state = { x: 120, y: 80, width: 1400, height: 900, maximized: true };
    saveWindowState(file, state);
    expect(loadWindowState(file)).toEqual(state);
    expect(readdirSync(join(dir, 'nested'))).toEqual(['window-state.json']);
  });

  it('replaces the previous file whole', () => {
    saveWindowState(file, { x: 1, y: 2, width: 1000, height: 700, maximized: false });
    saveWindowState(file, { width: 1100, height: 750, maximized: true });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ width: 1100, height: 750, maximized: true });
  });

  it('falls back to the default for a missing, corrupt or foreign file', () => {
    expect(loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
    writeFileSync(join(dir, 'corrupt.json'), '{"width": 12');
    expect(loadWindowState(join(dir, 'corrupt.json'))).toEqual(DEFAULT_WINDOW_STATE);
    writeFileSync(join(dir, 'array.json'), '[1,2,3]');
    expect(loadWindowState(join(dir, 'array.json'))).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('repairs odd values field by field', () => {
    writeFileSync(file.replace('nested/', ''), JSON.stringify({ x: 'left', y: 10, width: 200, height: 'tall', maximized: 'yes' }));
    expect(loadWindowState(file.replace('nested/', ''))).toEqual({ width: 900, height: DEFAULT_WINDOW_STATE.height, maximized: false });
  });
});

describe('fitToDisplays', () => {
  const laptop = { x: 0, y: 0, width: 1440, height: 875 };
  const external = { x: 1440, y: 0, width: 2560, height: 1415 };

  it('keeps a position on a connected display', () => {
    const state = { x: 1600, y: 100, width: 1400, height: 900, maximized: false };
    expect(fitToDisplays(state, [laptop, external])).toEqual(state);
  });

  it('forgets the position when its display is gone, so the window is centred', () => {
    const state = { x: 1600, y: 100, width: 1400, height: 900, maximized: true };
    expect(fitToDisplays(state, [laptop])).toEqual({ width: 1400, height: 900, maximized: true });
  });

  it('forgets a position whose title bar is out of reach', () => {
    expect(fitToDisplays({ x: 100, y: -600, width: 1000, height: 700, maximized: false }, [laptop])).not.toHaveProperty('x');
    expect(fitToDisplays({ x: 1400, y: 100, width: 1000, height: 700, maximized: false }, [laptop])).not.toHaveProperty('x');
  });

  it('shrinks a window larger than its display', () => {
    expect(fitToDisplays({ x: 0, y: 0, width: 2400, height: 1400, maximized: false }, [laptop])).toEqual({
      x: 0,
      y: 0,
      width: 1440,
      height: 875,
      maximized: false,
    });
  });

  it('leaves an unplaced window alone', () => {
    expect(fitToDisplays(DEFAULT_WINDOW_STATE, [laptop])).toEqual(DEFAULT_WINDOW_STATE);
  });
});
