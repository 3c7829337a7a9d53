// The data directory against other local users (issue 9): a directory and files left readable by an older version
// or a loose umask are made the owner's alone at start, and what the engine writes afterwards (SQLite's WAL, the
// AOF, the media library) is the owner's alone too.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine';
import { addAccount, makeDataDir, removeDataDir, startTestEngine } from '../helpers/test-engine';

const NOBODY = 65534;
let dataDir: string | undefined;
let engine: Engine | undefined;

afterEach(async () => {
  await engine?.stop();
  if (dataDir) removeDataDir(dataDir);
  engine = undefined;
  dataDir = undefined;
});

/** Every path under `dir` with its permission bits. */
function modes(dir: string): Record<string, number> {
  const found: Record<string, number> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isFile() || entry.isDirectory()) found[path] = statSync(path).mode & 0o777;
  }
  return found;
}

describe('the data directory', () => {
  it('is tightened at start, with everything the engine keeps in it, and stays so as the engine writes', async () => {
    dataDir = makeDataDir();
    chmodSync(dataDir, 0o755);
    // What an older version left: a world-readable database and AOF.
    writeFileSync(join(dataDir, 'publishing-engine.sqlite'), '', { mode: 0o644 });
    mkdirSync(join(dataDir, 'redis', 'appendonlydir'), { recursive: true, mode: 0o755 });
    writeFileSync(join(dataDir, 'redis', 'appendonlydir', 'old.aof'), 'x', { mode: 0o644 });
    chmodSync(join(dataDir, 'publishing-engine.sqlite'), 0o644);
    chmodSync(join(dataDir, 'redis', 'appendonlydir', 'old.aof'), 0o644);

    engine = await startTestEngine({ dataDir });
    const account = await addAccount(engine, 'twitter');
    await engine.api.invoke('posts:create', { text: 'Nobody else may read this', mode: 'draft', targets: [{ accountId: account.id }] });

    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    const loose = Object.entries(modes(dataDir)).filter(([, mode]) => (mode & 0o077) !== 0);
    expect(loose).toEqual([]);
    expect(Object.keys(modes(dataDir))).toEqual(expect.arrayContaining([join(dataDir, 'publishing-engine.sqlite-wal')]));

    if (process.getuid?.() === 0) {
      const reader = spawnSync(process.execPath, ['-e', `require('fs').readFileSync(${JSON.stringify(join(dataDir, 'publishing-engine.sqlite'))})`], {
        uid: NOBODY,
        gid: NOBODY,
        encoding: 'utf8',
      });
      expect(reader.stderr).toMatch(/EACCES/);
    }
  });
});
