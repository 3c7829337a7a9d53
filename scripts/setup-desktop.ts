// What the desktop app needs beyond `npm ci`'s packages: Electron's binary (Electron 45 fetches it only when something
// requires 'electron', which electron-vite never does) and the Electron build of better-sqlite3.
//   npm run setup:desktop [-- --arch x64|arm64]
// Also the package's postinstall (--postinstall): offline it prints one warning line and lets `npm ci` succeed, because
// the tests, the CLI and `npm run web` need neither.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { buildElectronBinding, electronBindingProblem } from './lib/electron-binding';
import { electronBinaryProblem, electronFacts, projectRoot } from './lib/project';

class SetupError extends Error {}

const { values } = parseArgs({ options: { postinstall: { type: 'boolean', default: false }, arch: { type: 'string', default: process.arch } } });
const arch = values.arch;

async function main(): Promise<string> {
  const electron = electronFacts();
  if (electronBinaryProblem() !== undefined) installElectron(electron.version);
  if (electronBindingProblem(arch) !== undefined) {
    try {
      await buildElectronBinding(arch);
    } catch (error) {
      throw new SetupError(
        `the SQLite module for Electron ${electron.version} (${process.platform}-${arch}) could not be fetched or built (${firstLine(error)}); ` +
          'compiling it needs Python 3 and a C++ toolchain (see README)',
      );
    }
  }
  return `Electron ${electron.version} and its SQLite module (${process.platform}-${arch}) are ready for npm start and npm run dist.`;
}

/** Electron's own installer (the package's `install-electron` bin), which downloads and verifies the binary. */
function installElectron(version: string): void {
  const installer = createRequire(__filename).resolve('electron/install.js');
  const result = spawnSync(process.execPath, [installer], { cwd: projectRoot, encoding: 'utf8' });
  if (result.status !== 0) throw new SetupError(`Electron ${version} was not downloaded (${firstLine(result.stderr || result.error)})`);
}

/** The first line of an error that is not a stack frame: "fetch failed", "getaddrinfo ENOTFOUND github.com". */
function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error ?? 'no reason given');
  const line = text
    .split('\n')
    .map((part) => part.trim())
    .find((part) => part !== '' && !part.startsWith('at '));
  return (line ?? 'no reason given').replace(/^(Type|Request)?Error: /, '');
}

main().then(
  (done) => {
    console.log(done);
  },
  (error: unknown) => {
    const reason = error instanceof SetupError ? error.message : firstLine(error);
    if (values.postinstall) {
      console.warn(
        `publishing-engine: ${reason}, so \`npm start\` and \`npm run dist\` cannot run yet (the tests, the CLI and \`npm run web\` can); ` +
          'with internet access, run `npm run setup:desktop`.',
      );
      return;
    }
    console.error(`Setup failed: ${reason}.`);
    process.exitCode = 1;
  },
);
