// A throwaway copy of the project that electron-builder can package here, where Electron's binary and Electron's
// headers cannot be downloaded: the real built app (out/), package.json, electron-builder.yml, the beforePack
// hook and the production node_modules; a stand-in Electron distribution (electronDist) and a stand-in Electron
// build of the SQLite module (a file with the ELF header and ABI symbol Electron 45 requires) in place of the two
// things only a machine with internet access can make. Redis is staged with the project's own script.
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { BINDING_FILE, ELECTRON_BINDING_DIR } from '../../electron/engine/db/native-binding';
import { repoRoot } from '../e2e/support/build-output';
import { electronAbi, writeStandInBinding } from '../helpers/stand-in-binding';

export interface StandInProject {
  dir: string;
  electronDist: string;
  output: string;
}

export function makeStandInProject(root: string): StandInProject {
  const dir = join(root, 'project');
  mkdirSync(join(dir, 'resources'), { recursive: true });
  for (const file of ['package.json', 'package-lock.json', 'electron-builder.yml']) copyFileSync(join(repoRoot, file), join(dir, file));
  cpSync(join(repoRoot, 'out'), join(dir, 'out'), { recursive: true });
  copyFileSync(join(repoRoot, 'resources', 'icon.png'), join(dir, 'resources', 'icon.png'));
  cpSync(join(repoRoot, 'resources', 'tray'), join(dir, 'resources', 'tray'), { recursive: true });
  // The hook runs from the real scripts/ (and loads its TypeScript with the real node_modules' tsx).
  symlinkSync(join(repoRoot, 'scripts'), join(dir, 'scripts'), 'dir');

  for (const pkg of productionPackages()) {
    if (existsSync(join(repoRoot, pkg))) linkTree(join(repoRoot, pkg), join(dir, pkg), pkg === 'node_modules/better-sqlite3');
  }
  writeStandInBinding(join(dir, 'node_modules', 'better-sqlite3', ELECTRON_BINDING_DIR, BINDING_FILE), electronAbi());

  const electronDist = join(root, 'electron-dist');
  mkdirSync(electronDist);
  writeFileSync(join(electronDist, 'electron'), '#!/bin/sh\necho "stand-in for Electron; it cannot start the app"\nexit 1\n');
  chmodSync(join(electronDist, 'electron'), 0o755);
  return { dir, electronDist, output: join(root, 'dist') };
}

/** Stages Redis into the stand-in project with `npm run stage:redis -- --copy`, the Linux development path. */
export function stageRedis(project: StandInProject): void {
  execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(repoRoot, 'scripts', 'stage-redis.ts'),
      '--copy',
      '/usr/bin/redis-server',
      '--resources-dir',
      join(project.dir, 'resources'),
    ],
    {
      cwd: repoRoot,
      stdio: 'pipe',
    },
  );
}

/** node_modules paths of the production dependency tree, from package-lock.json. */
function productionPackages(): string[] {
  const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; devOptional?: boolean }>;
  };
  return Object.entries(lock.packages)
    .filter(([path, entry]) => path !== '' && !entry.dev && !entry.devOptional)
    .map(([path]) => path);
}

/** Hard links where the file system allows (fast, no space), copies elsewhere; never writes through to the source. */
function linkTree(source: string, target: string, skipBuilds: boolean): void {
  mkdirSync(target, { recursive: true });
  for (const name of readdirSync(source)) {
    if (name === 'node_modules') continue; // nested packages are entries of their own
    if (skipBuilds && (name === 'build' || name === ELECTRON_BINDING_DIR)) continue;
    const from = join(source, name);
    const to = join(target, name);
    if (statSync(from).isDirectory()) {
      linkTree(from, to, false);
      continue;
    }
    try {
      linkSync(from, to);
    } catch {
      copyFileSync(from, to);
    }
  }
}
