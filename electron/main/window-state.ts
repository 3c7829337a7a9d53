// The main window's size, position and maximized state, kept in a JSON file in the data directory.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface WindowBounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** Absent until the window was first placed; the system then centres it. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, maximized: false };
export const MIN_WINDOW_SIZE = { width: 900, height: 600 };

/** The saved state, or the default when the file is missing or unreadable. */
export function loadWindowState(file: string): WindowState {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return { ...DEFAULT_WINDOW_STATE };
  }
  if (typeof parsed !== 'object' || parsed === null) return { ...DEFAULT_WINDOW_STATE };
  const saved = parsed as Record<string, unknown>;
  const size = (value: unknown, minimum: number, fallback: number) => (isFiniteNumber(value) ? Math.max(Math.round(value), minimum) : fallback);
  const state: WindowState = {
    width: size(saved.width, MIN_WINDOW_SIZE.width, DEFAULT_WINDOW_STATE.width),
    height: size(saved.height, MIN_WINDOW_SIZE.height, DEFAULT_WINDOW_STATE.height),
    maximized: saved.maximized === true,
  };
  if (isFiniteNumber(saved.x) && isFiniteNumber(saved.y)) {
    state.x = Math.round(saved.x);
    state.y = Math.round(saved.y);
  }
  return state;
}

/** Writes to a temporary file and renames it, so a crash mid-write never leaves half a file. */
export function saveWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(state, null, 2));
  renameSync(temporary, file);
}

/**
 * Keeps a saved position only when enough of the window's title bar would land on a display that exists now
 * (a monitor may have been unplugged since) to grab it, and shrinks the window to fit that display.
 */
export function fitToDisplays(state: WindowState, workAreas: WindowBounds[]): WindowState {
  if (state.x === undefined || state.y === undefined) return state;
  const titleBar = { x: state.x, y: state.y, width: state.width, height: 40 };
  const area = workAreas.find((candidate) => {
    const overlapX = Math.min(titleBar.x + titleBar.width, candidate.x + candidate.width) - Math.max(titleBar.x, candidate.x);
    const overlapY = Math.min(titleBar.y + titleBar.height, candidate.y + candidate.height) - Math.max(titleBar.y, candidate.y);
    return overlapX >= 100 && overlapY >= 20;
  });
  if (!area) return { width: state.width, height: state.height, maximized: state.maximized };
  return { ...state, width: Math.min(state.width, area.width), height: Math.min(state.height, area.height) };
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
