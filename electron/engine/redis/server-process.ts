// One redis-server child process: spawned directly, its log lines kept (the last few explain a failed start),
// and stopped with SIGTERM — Redis then fsyncs the AOF — or SIGKILL after a grace period.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { RedisLog } from './types';

export interface ExitStatus {
  code: number | null;
  signal: string | null;
}

export interface RedisServerProcess {
  readonly pid: number;
  readonly exited: Promise<ExitStatus>;
  // Set once the process has exited.
  readonly exitStatus: ExitStatus | undefined;
  // The last lines Redis wrote, for error messages.
  recentOutput(): Promise<string[]>;
  terminate(graceMs: number): Promise<ExitStatus>;
}

const keptLines = 20;
// Output written just before an exit can arrive after the 'exit' event.
const outputSettleMs = 100;

/** Starts `binary -` and writes `config` to its standard input, where no other user can read it. */
export async function spawnRedisServer(binary: string, config: string, log: RedisLog): Promise<RedisServerProcess> {
  // The child inherits the umask at fork: the AOF files it creates are then the owner's alone (0600).
  const umask = process.platform === 'win32' ? undefined : process.umask(0o077);
  let child: ChildProcessWithoutNullStreams;
  try {
    child = spawn(binary, ['-'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
      // Its own process group on POSIX: a Ctrl+C in the terminal reaches the engine, which stops Redis in order.
      detached: process.platform !== 'win32',
    });
  } finally {
    if (umask !== undefined) process.umask(umask);
  }
  try {
    await once(child, 'spawn');
  } catch (error) {
    throw new Error(`Could not run ${binary}: ${(error as Error).message}`, { cause: error });
  }
  const pid = child.pid as number;
  // A server that exits before reading its configuration closes the pipe: that exit is reported, not this.
  child.stdin.on('error', () => undefined);
  child.stdin.end(config);
  // After a successful spawn, 'error' only reports a failed kill(); the exit wait below still settles.
  child.on('error', (error) => log('error', `redis-server[${pid}] ${error.message}`));
  const lines: string[] = [];
  const keep = (stream: Readable, level: 'info' | 'warn'): Promise<unknown> => {
    const reader = createInterface({ input: stream, crlfDelay: Infinity });
    reader.on('line', (line) => {
      lines.push(line);
      if (lines.length > keptLines) lines.shift();
      log(level, `redis-server[${pid}] ${line}`);
    });
    return once(reader, 'close');
  };
  const outputClosed = Promise.all([keep(child.stdout, 'info'), keep(child.stderr, 'warn')]);
  let exitStatus: ExitStatus | undefined;
  const exited = new Promise<ExitStatus>((resolve) =>
    child.once('exit', (code, signal) => {
      exitStatus = { code, signal };
      resolve(exitStatus);
    }),
  );

  return {
    pid,
    exited,
    get exitStatus() {
      return exitStatus;
    },
    async recentOutput() {
      await Promise.race([outputClosed, delay(outputSettleMs)]);
      return [...lines];
    },
    async terminate(graceMs) {
      if (exitStatus) return exitStatus;
      child.kill('SIGTERM');
      const status = await Promise.race([exited, delay(graceMs)]);
      if (status) return status;
      log('warn', `redis-server[${pid}] did not exit within ${graceMs} ms of SIGTERM; killing it.`);
      child.kill('SIGKILL');
      return exited;
    },
  };
}

export function describeExit(status: ExitStatus): string {
  return status.signal ? `killed by ${status.signal}` : `exit code ${status.code}`;
}

function delay(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms).unref());
}
