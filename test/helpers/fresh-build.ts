// Tests that run the built app (the CLI, the browser bridge, the booted main process) must never run a build older
// than the source: a bare `npx vitest run` after an edit would test yesterday's code. When any source file is newer
// than the oldest built entry, the build runs again, once, under a lock that parallel test files share.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '..', '..');

/** What electron-vite writes; the oldest of them is the build's age. */
const BUILT_ENTRIES = ['out/main/index.js', 'out/main/cli.js', 'out/preload/index.js', 'out/renderer/index.html'];

/** What the build reads: every file under these folders, and these files. */
const SOURCE_DIRS = ['electron', 'renderer', 'shared', 'resources'];
const SOURCE_FILES = ['electron.vite.config.ts', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.node.json', 'tsconfig.web.json'];

export interface BuildState {
  fresh: boolean;
  /** Why it is not: a missing entry, or the newest source file. */
  reason?: string;
}

function newestIn(dir: string, newest: { file: string; mtimeMs: number }): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newestIn(path, newest);
    else if (entry.isFile()) {
      const { mtimeMs } = statSync(path);
      if (mtimeMs > newest.mtimeMs) Object.assign(newest, { file: path, mtimeMs });
    }
  }
}

export function buildState(root = repoRoot): BuildState {
  const entries = BUILT_ENTRIES.map((file) => join(root, file));
  const missing = entries.find((file) => !existsSync(file));
  if (missing) return { fresh: false, reason: `${missing} is missing` };
  const builtAt = Math.min(...entries.map((file) => statSync(file).mtimeMs));
  const newest = { file: '', mtimeMs: 0 };
  for (const dir of SOURCE_DIRS) if (existsSync(join(root, dir))) newestIn(join(root, dir), newest);
  for (const file of SOURCE_FILES) {
    const path = join(root, file);
    if (existsSync(path) && statSync(path).mtimeMs > newest.mtimeMs) Object.assign(newest, { file: path, mtimeMs: statSync(path).mtimeMs });
  }
  if (newest.mtimeMs > builtAt) return { fresh: false, reason: `${newest.file} changed after the last build` };
  return { fresh: true };
}

const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** One build at a time per checkout, across the test workers; a lock left by a dead process is taken over. */
function withBuildLock<T>(run: () => T): T {
  const lock = join(tmpdir(), `publishing-engine-build-${createHash('sha256').update(repoRoot).digest('hex').slice(0, 12)}.lock`);
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch {
      const holder = Number(existsSync(join(lock, 'pid')) ? readFileSync(join(lock, 'pid'), 'utf8') : 0);
      if (holder > 0 && !alive(holder)) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`Another build has held ${lock} for 5 minutes; remove it if no build is running.`);
      else sleepSync(200);
    }
  }
  try {
    return run();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Builds when the build is missing or older than the source; throws when that build fails. */
export function ensureFreshBuild(): void {
  if (buildState().fresh) return;
  withBuildLock(() => {
    // Another worker may have built while this one waited.
    const state = buildState();
    if (state.fresh) return;
    const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: repoRoot, encoding: 'utf8' });
    const after = buildState();
    if (build.status !== 0 || !after.fresh) {
      throw new Error(
        `These tests run the built app, which was stale (${state.reason}), and rebuilding it failed${after.reason ? ` (${after.reason})` : ''}: run npm run build.\n${build.stderr}`,
      );
    }
  });
}
