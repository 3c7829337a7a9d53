// Shared pieces of the Redis tests: temp data dirs (with a space, as in "Application Support"), a clean env,
// and checks on real processes through /proc.
import { readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, beforeEach } from 'vitest';
import type { RedisEndpoint, RedisProvider } from '../../electron/engine/redis';

export const systemRedis = '/usr/bin/redis-server';

// Only PATH: a developer's REDIS_HOST or REDISMS_* must not change what these tests exercise.
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, ...extra };
}

export async function makeTempDir(label: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `pe redis ${label}-`));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

export async function writeScript(file: string, body: string): Promise<string> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `#!/bin/sh\n${body}\n`);
  await chmod(file, 0o755);
  return file;
}

export function connect(endpoint: RedisEndpoint, password = endpoint.password, username = endpoint.username): Redis {
  const where = endpoint.path !== undefined ? { path: endpoint.path } : { host: endpoint.host, port: endpoint.port };
  const client = new Redis({ ...where, ...(username ? { username } : {}), password, lazyConnect: true, maxRetriesPerRequest: 1 });
  // Refused connections while a server restarts are expected here; commands still report their own errors.
  client.on('error', () => undefined);
  return client;
}

// A loopback port nothing listens on (right after this returns).
export function findClosedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  return procState(pid) !== 'Z';
}

export async function waitUntilGone(pid: number, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isRunning(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

// redis-server processes whose parent is this test process.
export async function childRedisServers(): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (name.startsWith('redis-server') && parent === process.pid) pids.push(Number(entry));
  }
  return pids;
}

export function nextEvent<A extends unknown[]>(provider: RedisProvider, event: 'restarted' | 'exit' | 'error', timeoutMs = 15_000): Promise<A> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`No '${event}' event within ${timeoutMs} ms`)), timeoutMs);
    provider.once(event, (...args: unknown[]) => {
      clearTimeout(timer);
      resolve(args as A);
    });
  });
}

// Stops every provider a test made, even when the test failed half-way.
export class Providers {
  private readonly started: RedisProvider[] = [];

  add<P extends RedisProvider>(provider: P): P {
    this.started.push(provider);
    return provider;
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.started.splice(0).map((provider) => provider.stop()));
  }
}

export interface RedisSpace {
  /** This test's data dir; only set while a test runs. */
  readonly dataDir: string;
  readonly providers: Providers;
}

/**
 * Call at the top of a test file: each test gets a fresh data dir; after it, every provider it made is stopped (even
 * when it failed half-way), then `beforeRemove` runs and the dir goes.
 */
export function redisSpacePerTest(label: string, beforeRemove: () => void = () => undefined): RedisSpace {
  const providers = new Providers();
  let dataDir: string | undefined;
  beforeEach(async () => {
    dataDir = await makeTempDir(label);
  });
  afterEach(async () => {
    await providers.stopAll();
    beforeRemove();
    if (dataDir !== undefined) await removeDir(dataDir);
    dataDir = undefined;
  });
  return {
    get dataDir() {
      if (dataDir === undefined) throw new Error('The data dir exists only while a test runs.');
      return dataDir;
    },
    providers,
  };
}

function procState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  } catch {
    return undefined;
  }
}
