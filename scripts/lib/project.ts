// Facts about this checkout that the desktop scripts share: where it is, and the Electron it is pinned to.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const projectRoot = resolve(__dirname, '..', '..');

export interface ElectronFacts {
  /** The pinned version, from node_modules/electron/package.json. */
  version: string;
  /** The NODE_MODULE_VERSION its Node uses, from node_modules/electron/abi_version. */
  abi: number;
}

export function electronFacts(root: string = projectRoot): ElectronFacts {
  const dir = join(root, 'node_modules', 'electron');
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
  return { version, abi: Number(readFileSync(join(dir, 'abi_version'), 'utf8').trim()) };
}

/**
 * Why Electron's binary cannot start, or undefined when it is in place. Mirrors how electron's own index.js and
 * electron-vite find it: ELECTRON_OVERRIDE_DIST_PATH, else dist/ with path.txt naming the executable.
 */
export function electronBinaryProblem(root: string = projectRoot, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = join(root, 'node_modules', 'electron');
  const executable =
    process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    return existsSync(join(env.ELECTRON_OVERRIDE_DIST_PATH, executable)) ? undefined : `there is no Electron in ELECTRON_OVERRIDE_DIST_PATH`;
  }
  const { version } = electronFacts(root);
  let installed: string;
  try {
    installed = readFileSync(join(dir, 'dist', 'version'), 'utf8')
      .trim()
      .replace(/^v/, '');
  } catch {
    return `Electron ${version} is not downloaded yet`;
  }
  if (installed !== version) return `Electron ${installed} is installed but this project needs ${version}`;
  if (!existsSync(join(dir, 'path.txt')) || !existsSync(join(dir, 'dist', executable))) return `Electron ${version} is only partly installed`;
  return undefined;
}
