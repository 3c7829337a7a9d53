// Before electron-builder packs a target, everything the packaged app needs in order to start must be in place: the
// target's redis-server, and the Electron build of the SQLite module for the target's system and CPU. Without these
// checks the installer would ship an app that shows "could not start" on the user's machine.
import { Arch, type AfterPackContext } from 'electron-builder';
import { join } from 'node:path';
import { checkBinding, electronBindingPath, NativeBindingError } from '../../electron/engine/db/native-binding';
import { electronFacts } from './project';
import { stagedRedisProblem } from './redis-staging';

/** electron-builder passes beforePack the same context as afterPack, and exports only the latter's name. */
export type BeforePackContext = AfterPackContext;

export function checkBeforePack(context: BeforePackContext): void {
  const platform = (context.electronPlatformName === 'mas' ? 'darwin' : context.electronPlatformName) as NodeJS.Platform;
  const arch = Arch[context.arch];
  const projectDir = context.packager.projectDir;
  const problems: string[] = [];

  const redis = stagedRedisProblem(join(projectDir, 'resources'), platform, arch);
  if (redis) problems.push(`${redis}: run \`npm run stage:redis -- --from-source --arch ${arch}\` on ${platform}`);

  const electron = electronFacts();
  const packaged = context.packager.info.framework.version;
  if (packaged !== electron.version) {
    problems.push(`electron-builder packages Electron ${packaged}, but node_modules/electron (and its ABI) is ${electron.version}`);
  }
  try {
    const binding = electronBindingPath(join(projectDir, 'node_modules', 'better-sqlite3'));
    checkBinding(binding, { abi: electron.abi, platform, arch, runtime: `Electron ${electron.version}` });
  } catch (error) {
    if (!(error instanceof NativeBindingError)) throw error;
    problems.push(error.message.replace(/\.$/, ''));
  }

  if (problems.length > 0) throw new Error(`Packaging for ${platform}-${arch} stopped: ${problems.join('; ')}.`);
}
