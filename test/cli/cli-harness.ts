// Runs the built command (out/main/cli.js) as a real child process: one-shot commands, and `serve` in the
// background. Every child and every redis-server an engine leaves behind is tracked so tests can end them.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PLATFORMS } from '../../shared/domain';
import { ensureFreshBuild } from '../helpers/fresh-build';
import { freePort } from '../helpers/free-port';

export const repoRoot = resolve(__dirname, '..', '..');
export const cliBundle = join(repoRoot, 'out', 'main', 'cli.js');

/** `npm test` builds first; a bare `vitest run test/cli` builds here when the bundle is missing or stale. */
export const ensureBuilt = ensureFreshBuild;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * PATH only (no REDIS_HOST, no data dir from the developer's shell), every platform API and sign-in on a closed
 * port, and the key file as the credential store (a test must not fill the OS keychain).
 */
export async function testEnv(): Promise<NodeJS.ProcessEnv> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, TZ: 'Europe/Berlin', PUBLISHING_ENGINE_CREDENTIAL_STORE: 'key-file' };
  for (const platform of PLATFORMS) {
    env[`PUBLISHING_ENGINE_${platform.toUpperCase()}_API_ORIGIN`] = `http://127.0.0.1:${port}`;
    env[`PUBLISHING_ENGINE_${platform.toUpperCase()}_AUTH_ORIGIN`] = `http://127.0.0.1:${port}`;
  }
  return env;
}

export function runCli(args: readonly string[], env: NodeJS.ProcessEnv, input?: string): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cliBundle, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolvePromise({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

export interface ServeProcess {
  child: ChildProcess;
  ready: { ready: true; dataDir: string; socket: string; pid: number };
  /** Everything the engine logged so far, for failure messages. */
  log(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children = new Set<ChildProcess>();

export function startServe(dataDir: string, env: NodeJS.ProcessEnv): Promise<ServeProcess> {
  const child = spawn(process.execPath, [cliBundle, 'serve', '--data-dir', dataDir, '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let stdout = '';
  let stderr = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((settle) =>
    child.once('exit', (code, signal) => {
      children.delete(child);
      settle({ code, signal });
    }),
  );
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolvePromise, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const line = stdout.split('\n').find((candidate) => candidate.includes('"ready":true'));
      if (line) resolvePromise({ child, ready: JSON.parse(line) as ServeProcess['ready'], log: () => stderr, exited });
    });
    void exited.then(({ code, signal }) => reject(new Error(`serve exited (${code ?? signal}) before it was ready:\n${stderr}`)));
  });
}

/** Ends every serve child still running, by its pid. */
export async function killChildren(): Promise<void> {
  await Promise.all(
    [...children].map(
      (child) =>
        new Promise<void>((settle) => {
          child.once('exit', () => settle());
          child.kill('SIGKILL');
        }),
    ),
  );
}

/** The redis-server an engine in `dataDir` started, per its pid file, if it still runs. */
export function redisPid(dataDir: string): number | undefined {
  const file = join(dataDir, 'redis', 'redis.pid');
  if (!existsSync(file)) return undefined;
  const pid = Number((JSON.parse(readFileSync(file, 'utf8')) as { pid?: unknown }).pid);
  return Number.isInteger(pid) && isRedisRunning(pid) ? pid : undefined;
}

export function isRedisRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // A zombie is dead for our purposes: it only waits to be reaped.
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('redis-server') && stat.split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

/** A redis-server orphaned by a SIGKILLed engine is ours to end when a test stops early. */
export function killOrphanedRedis(dataDir: string): void {
  const pid = redisPid(dataDir);
  if (pid !== undefined) process.kill(pid, 'SIGKILL');
}
