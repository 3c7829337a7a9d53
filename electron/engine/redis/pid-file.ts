// The pid file names the redis-server that owns <dataDir>/redis, so the next start can stop one orphaned by a
// crash: two servers appending to the same AOF would corrupt it.
import { readFileSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { RedisLog } from './types';

export interface RedisPidRecord {
  pid: number;
  port: number;
  // Which provider instance wrote it: a provider whose server was taken over must not restart it.
  owner: string;
}

const termGraceMs = 5_000;
const killGraceMs = 2_000;
const pollMs = 10;

export async function writePidFile(file: string, record: RedisPidRecord): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(record), { mode: 0o600 });
  await rename(temporary, file);
}

export async function readPidFile(file: string): Promise<RedisPidRecord | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = JSON.parse(text) as Partial<RedisPidRecord>;
    const pid = Number(parsed.pid);
    if (Number.isInteger(pid) && pid > 0) return { pid, port: Number(parsed.port), owner: String(parsed.owner) };
  } catch {
    // An unreadable pid file names no process; it is overwritten by the next start.
  }
  return undefined;
}

export function removePidFile(file: string): Promise<void> {
  return rm(file, { force: true });
}

// Stops the redis-server named by the pid file if it still runs.
export async function stopOrphanedRedis(file: string, owner: string, log: RedisLog): Promise<void> {
  const record = await readPidFile(file);
  if (!record || record.pid === process.pid || !isAlive(record.pid) || !isRedisServer(record.pid)) return;
  log('warn', `Stopping redis-server (pid ${record.pid}, port ${record.port}) left running by a previous run.`);
  // Claimed before the kill, so a provider still watching that server sees it was taken over and does not restart it.
  await writePidFile(file, { ...record, owner });
  try {
    process.kill(record.pid, 'SIGTERM');
    if (!(await waitForDeath(record.pid, termGraceMs))) {
      log('warn', `redis-server (pid ${record.pid}) ignored SIGTERM for ${termGraceMs} ms; killing it.`);
      process.kill(record.pid, 'SIGKILL');
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw orphanError(record.pid, error);
  }
  if (!(await waitForDeath(record.pid, killGraceMs))) throw orphanError(record.pid, new Error('it is still running'));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // An exited child that its new parent has not reaped yet still answers signal 0, but writes nothing.
  return procState(pid) !== 'Z';
}

function isRedisServer(pid: number): boolean {
  if (process.platform !== 'linux') return true;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('redis-server');
  } catch {
    return false;
  }
}

function procState(pid: number): string | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  } catch {
    return undefined;
  }
}

async function waitForDeath(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  return true;
}

function orphanError(pid: number, cause: unknown): Error {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new Error(
    `A redis-server (pid ${pid}) from a previous run still uses this data directory and could not be stopped ` +
      `(${reason}). Stop it by hand, then start again.`,
    { cause },
  );
}
