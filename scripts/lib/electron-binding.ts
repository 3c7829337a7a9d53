// The Electron build of better-sqlite3, next to the Node build and never over it (see
// electron/engine/db/native-binding.ts): @electron/rebuild works on a scratch copy of the package, taking the
// project's prebuilt binary for this Electron when one is published and compiling against Electron's headers
// otherwise; only the checked result is copied into build-electron/.
import { copyFileSync, cpSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { BINDING_FILE, checkBinding, electronBindingPath, NativeBindingError, type ExpectedBinding } from '../../electron/engine/db/native-binding';
import { electronFacts, projectRoot } from './project';

export function sqlitePackageDirIn(root: string): string {
  return join(root, 'node_modules', 'better-sqlite3');
}

export function expectedElectronBinding(arch: string, root: string = projectRoot, platform: string = process.platform): ExpectedBinding {
  const electron = electronFacts(root);
  return { abi: electron.abi, platform, arch, runtime: `Electron ${electron.version}` };
}

/** Undefined when build-electron/ already holds the right binding for `arch`, else why not. */
export function electronBindingProblem(arch: string, root: string = projectRoot): string | undefined {
  try {
    checkBinding(electronBindingPath(sqlitePackageDirIn(root)), expectedElectronBinding(arch, root));
    return undefined;
  } catch (error) {
    if (error instanceof NativeBindingError) return error.message;
    throw error;
  }
}

/** Fetches or compiles the Electron binding for `arch` into build-electron/ and checks it. */
export async function buildElectronBinding(arch: string, root: string = projectRoot): Promise<string> {
  const packageDir = sqlitePackageDirIn(root);
  const expected = expectedElectronBinding(arch, root);
  const electron = electronFacts(root);
  // Inside the project's node_modules, so @electron/rebuild finds prebuild-install by walking up from the copy.
  const scratch = join(root, 'node_modules', '.cache', 'publishing-engine', `electron-v${expected.abi}-${process.platform}-${arch}`);
  rmSync(scratch, { recursive: true, force: true });
  const copy = join(scratch, 'node_modules', 'better-sqlite3');
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  cpSync(packageDir, copy, {
    recursive: true,
    // Neither the Node build nor an earlier Electron build may be mistaken for the result.
    filter: (source) => !/^(build|build-electron)(\/|\\|$)/.test(relative(packageDir, source).split(sep).join('/')),
  });
  writeFileSync(
    join(scratch, 'package.json'),
    JSON.stringify({ name: 'electron-binding', private: true, dependencies: { 'better-sqlite3': version } }),
  );

  // An npm config `nodedir` (Debian's npm sets /usr) would make node-gyp compile against the local Node's headers
  // while @electron/rebuild labels the result for Electron: a module Electron refuses at runtime.
  for (const name of Object.keys(process.env)) {
    if (/^npm_config_nodedir$/i.test(name) || name === 'NODEDIR') delete process.env[name];
  }
  try {
    // Loaded only when a build is needed (it pulls in node-gyp).
    const { rebuild } = await import('@electron/rebuild');
    await rebuild({ buildPath: scratch, electronVersion: electron.version, arch, onlyModules: ['better-sqlite3'], force: true, mode: 'sequential' });
    const built = join(copy, 'build', 'Release', BINDING_FILE);
    checkBinding(built, expected);
    const target = electronBindingPath(packageDir);
    mkdirSync(dirname(target), { recursive: true });
    const temporary = `${target}.${process.pid}.tmp`;
    copyFileSync(built, temporary);
    renameSync(temporary, target);
    return target;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
