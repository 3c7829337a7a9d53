// `npm start` (electron-vite preview: one build, then the app) and `npm run dev` (electron-vite dev). First checks
// what the desktop app needs and, when something is missing, stops with one sentence saying what to run, instead
// of Electron's or electron-vite's stack trace or the app's "could not start" dialog.
//   npm start [-- <arguments for the app, e.g. --self-test>]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { findRedisBinary, RedisBinaryNotFoundError } from '../electron/engine/redis/binary';
import { electronBindingProblem } from './lib/electron-binding';
import { electronBinaryProblem, projectRoot } from './lib/project';

function prerequisiteProblem(): string | undefined {
  const electron = electronBinaryProblem();
  if (electron) return `${electron}: with internet access, run \`npm run setup:desktop\`, then start again.`;
  const binding = electronBindingProblem(process.arch);
  if (binding) return binding;
  if (!process.env.REDIS_HOST) {
    try {
      findRedisBinary({ appRoot: projectRoot, env: process.env });
    } catch (error) {
      if (!(error instanceof RedisBinaryNotFoundError)) throw error;
      return (
        'No redis-server for the app: run `npm run stage:redis` (see README for Windows), ' +
        'or put Redis 6.2 or later on the PATH, then start again.'
      );
    }
  }
  return undefined;
}

const [mode, ...appArguments] = process.argv.slice(2);
if (mode !== 'preview' && mode !== 'dev') {
  console.error('Usage: node --import tsx scripts/start.ts preview|dev [app arguments]');
  process.exit(2);
}
const problem = prerequisiteProblem();
if (problem) {
  console.error(problem);
  process.exit(1);
}

// electron-vite's package exports do not include its bin: find it through its package.json.
const electronVitePackage = createRequire(__filename).resolve('electron-vite/package.json');
const cli = join(
  dirname(electronVitePackage),
  (JSON.parse(readFileSync(electronVitePackage, 'utf8')) as { bin: Record<string, string> }).bin['electron-vite'] as string,
);
const child = spawn(process.execPath, [cli, mode, ...(appArguments.length > 0 ? ['--', ...appArguments] : [])], {
  cwd: projectRoot,
  stdio: 'inherit',
});
// Ctrl+C reaches electron-vite and Electron too (one process group): they quit cleanly, and this exits after them.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => undefined);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
