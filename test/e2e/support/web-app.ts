// `publishing-engine web` as a real child process (the built out/main/cli.js), plus the two ways a test reaches
// the engine behind it without a browser: the bridge's HTTP API (fast set-up) and the CLI over the control socket.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/contract/channels';
import type { Result } from '../../../shared/errors';
import { cliBundle, requireBuild } from './build-output';

const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 20_000;

export interface WebApp {
  /** The link the command printed: origin + `/?token=…`. */
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  /** The command's process (a test freezes it with SIGSTOP to act out a sleep). */
  pid: number;
  /** A contract call through POST /api/invoke, as the page makes it; throws on `{ ok: false }`. */
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  /** The raw HTTP exchange, for the bridge's own checks. */
  post(path: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; body: unknown }>;
  /** `publishing-engine --json <args>` against this engine's data directory. */
  cli(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }>;
  /** Everything the command wrote to stderr so far. */
  log(): string;
  /** SIGTERM and wait for a clean exit; SIGKILL (and its Redis) when it hangs. Removes the data directory. */
  stop(): Promise<void>;
}

export async function startWebApp(env: NodeJS.ProcessEnv): Promise<WebApp> {
  requireBuild();
  const dataDir = mkdtempSync(join(tmpdir(), 'pe-e2e-'));
  // Its own process group, so a test can end the command and anything it spawned without touching the test runner.
  const child = spawn(process.execPath, [cliBundle, 'web', '--json', '--data-dir', dataDir, '--port', '0'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((settle) => child.once('exit', () => settle()));

  let ready: { url: string; dataDir: string };
  try {
    ready = await waitForReady(
      child,
      () => stdout,
      () => stderr,
    );
  } catch (error) {
    await endProcess(child, exited, dataDir);
    throw error;
  }
  const url = new URL(ready.url);
  const origin = url.origin;
  const token = url.searchParams.get('token') ?? '';

  const post = async (path: string, body: unknown, headers: Record<string, string>) => {
    const send = () =>
      fetch(`${origin}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
    const response = await send().catch((error: unknown) => {
      // The bridge closed a kept connection for idleness just as fetch reused it (the two idle timers race when the
      // machine is loaded): the request never reached it, so it is sent again once, as a browser does.
      if (closedIdleConnection(error)) return send();
      throw error;
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };

  return {
    url: ready.url,
    origin,
    token,
    dataDir,
    pid: child.pid as number,
    async invoke(channel, input) {
      const { body } = await post('/api/invoke', { channel, input }, { origin, 'x-api-token': token });
      const result = body as Result<ChannelOutput<typeof channel>>;
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}: ${result.error.message}`);
      return result.value;
    },
    post,
    cli: (args) => runCli(['--json', '--data-dir', dataDir, ...args], env),
    log: () => stderr,
    stop: () => endProcess(child, exited, dataDir),
  };
}

function waitForReady(child: ChildProcess, stdout: () => string, stderr: () => string): Promise<{ url: string; dataDir: string }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => finish(new Error(`publishing-engine web was not ready after ${READY_TIMEOUT_MS} ms:\n${stderr()}`)),
      READY_TIMEOUT_MS,
    );
    const onData = () => {
      const line = stdout()
        .split('\n')
        .find((candidate) => candidate.includes('"ready":true'));
      if (line) finish(undefined, JSON.parse(line) as { url: string; dataDir: string });
    };
    const onExit = (code: number | null) => finish(new Error(`publishing-engine web exited (${code}) before it was ready:\n${stderr()}`));
    const finish = (error: Error | undefined, value?: { url: string; dataDir: string }) => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      if (error) reject(error);
      else if (value) resolve(value);
    };
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}

async function endProcess(child: ChildProcess, exited: Promise<void>, dataDir: string): Promise<void> {
  const pid = child.pid;
  if (pid !== undefined && child.exitCode === null && child.signalCode === null) {
    signalGroup(pid, 'SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const clean = await Promise.race([
      exited.then(() => true),
      new Promise<boolean>((settle) => (timer = setTimeout(() => settle(false), STOP_TIMEOUT_MS))),
    ]);
    clearTimeout(timer);
    if (!clean) {
      signalGroup(pid, 'SIGKILL');
      await exited;
    }
  }
  // Redis runs in its own process group; a killed engine leaves it to us.
  killRedis(dataDir);
  rmSync(dataDir, { recursive: true, force: true });
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

function killRedis(dataDir: string): void {
  const file = join(dataDir, 'redis', 'redis.pid');
  if (!existsSync(file)) return;
  const pid = Number((JSON.parse(readFileSync(file, 'utf8')) as { pid?: unknown }).pid);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('redis-server')) process.kill(pid, 'SIGKILL');
  } catch {
    // Not running.
  }
}

function runCli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliBundle, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** fetch's failure when the server closed a reused connection before answering ("other side closed"). */
function closedIdleConnection(error: unknown): boolean {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return cause?.code === 'UND_ERR_SOCKET';
}
