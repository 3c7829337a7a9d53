// A target's status has one door. No code outside the target store writes post_platforms (raw SQL or Kysely) or
// calls an old-style target update; `npm run lint` enforces the same with a rule (eslint.config.mjs).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const STORE = 'electron/engine/publishing/store/sqlite-target-store.ts';
const WRITES = [/update\s+["'`]?post_platforms/i, /updateTable\(\s*["'`]post_platforms["'`]/, /\b(updateTarget|transitionTarget)\b/];

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(entry.name) ? [path] : [];
  });
}

const writesIn = (file: string) => WRITES.filter((pattern) => pattern.test(readFileSync(join(ROOT, file), 'utf8')));

describe('one door to a target’s state', () => {
  it('no code outside the target store writes post_platforms', () => {
    const files = ['electron', 'shared', 'renderer'].flatMap(sources).map((file) => relative(ROOT, join(ROOT, file)));
    expect(files).toContain(STORE);
    const offenders = files.filter((file) => file !== STORE && writesIn(file).length > 0);
    expect(offenders).toEqual([]);
  });

  it('the search finds the store’s own writes (so it would find anyone else’s)', () => {
    expect(writesIn(STORE).length).toBeGreaterThan(0);
  });
});
