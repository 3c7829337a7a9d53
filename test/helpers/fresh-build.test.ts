// The built app's freshness: stale as soon as any file the build reads is newer than the oldest built entry.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildState } from './fresh-build';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A checkout whose files carry the given ages in seconds (larger is older). */
function checkout(files: Record<string, number>): string {
  const root = mkdtempSync(join(tmpdir(), 'pe-fresh-build-'));
  roots.push(root);
  const now = Date.now() / 1000;
  for (const [file, ageSeconds] of Object.entries(files)) {
    const path = join(root, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, '');
    utimesSync(path, now - ageSeconds, now - ageSeconds);
  }
  return root;
}

const BUILT = { 'out/main/index.js': 60, 'out/main/cli.js': 60, 'out/preload/index.js': 61, 'out/renderer/index.html': 59 };

describe('buildState', () => {
  it('is fresh when every source file is older than the oldest built entry', () => {
    const root = checkout({ ...BUILT, 'electron/engine/engine.ts': 120, 'renderer/src/App.tsx': 90, 'shared/domain.ts': 62, 'package.json': 3600 });
    expect(buildState(root)).toEqual({ fresh: true });
  });

  it('is stale when a nested source file changed after the build, and names it', () => {
    const root = checkout({ ...BUILT, 'electron/engine/publishing/deep/processor.ts': 30, 'shared/domain.ts': 120 });
    expect(buildState(root)).toEqual({
      fresh: false,
      reason: `${join(root, 'electron/engine/publishing/deep/processor.ts')} changed after the last build`,
    });
  });

  it('compares with the oldest built entry, not the newest', () => {
    const root = checkout({ ...BUILT, 'renderer/index.html': 60.5 });
    expect(buildState(root).fresh).toBe(false);
  });

  it('is stale when the build config or a resource changed', () => {
    expect(buildState(checkout({ ...BUILT, 'electron.vite.config.ts': 10 })).fresh).toBe(false);
    expect(buildState(checkout({ ...BUILT, 'resources/tray/tray-16.png': 10 })).fresh).toBe(false);
  });

  it('ignores installed packages and dot folders inside the source', () => {
    const root = checkout({ ...BUILT, 'renderer/node_modules/x/index.js': 1, 'electron/.cache/x': 1, 'electron/main/index.ts': 100 });
    expect(buildState(root)).toEqual({ fresh: true });
  });

  it('is stale when a built entry is missing', () => {
    const { 'out/preload/index.js': _preload, ...rest } = BUILT;
    const root = checkout({ ...rest, 'electron/main/index.ts': 100 });
    expect(buildState(root)).toEqual({ fresh: false, reason: `${join(root, 'out/preload/index.js')} is missing` });
  });
});
