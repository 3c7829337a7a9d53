// The engine's own redis-server: a unix socket in an owner-only directory (127.0.0.1 on Windows), a random
// password given on stdin to an ACL user limited to what the engine uses, AOF in <dataDir>/redis, and restarted at
// the same address with the same password when it dies, so that connected ioredis clients reconnect by themselves.
import { randomBytes, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { chmod, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ensureOwnerOnlyDir } from '../security/owner-only-dir';
import { socketPath } from '../security/socket-dir';
import { findRedisBinary } from './binary';
import { findFreePort, isPortFree, loopbackHost } from './free-port';
import { readPidFile, removePidFile, stopOrphanedRedis, writePidFile } from './pid-file';
import { ENGINE_REDIS_USER, serverConfig, type Listener } from './server-config';
import { describeExit, spawnRedisServer, type ExitStatus, type RedisServerProcess } from './server-process';
import { describeEndpoint, type RedisEndpoint, type RedisLog, type RedisProvider, type RedisProviderEvents } from './types';
import { waitForPing } from './wait-for-ping';

export interface BundledRedisOptions {
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  resourcesPath?: string;
  appRoot?: string;
  log?: RedisLog;
  // How long a start may wait for PING; an AOF replay counts against it.
  startTimeoutMs?: number;
  // Default: a unix socket, or TCP on 127.0.0.1 on Windows (whose Redis builds have no unix sockets).
  transport?: 'unix' | 'tcp';
}

const defaultStartTimeoutMs = 15_000;
const pingIntervalMs = 5;
const stopGraceMs = 5_000;
const firstRestartDelayMs = 100;
const maxRestartDelayMs = 2_000;
// A server that dies this often is not going to stay up: say so instead of looping.
const maxRestartsInWindow = 5;
const restartWindowMs = 60_000;

type BundledEndpoint = RedisEndpoint & { username: string; password: string };

export class BundledRedis extends EventEmitter<RedisProviderEvents> implements RedisProvider {
  readonly kind = 'bundled' as const;
  private readonly redisDir: string;
  private readonly pidFile: string;
  private readonly log: RedisLog;
  private readonly startTimeoutMs: number;
  private binary: string | undefined;
  private endpoint: BundledEndpoint | undefined;
  private server: RedisServerProcess | undefined;
  private starting: Promise<RedisEndpoint> | undefined;
  private stopping: Promise<void> | undefined;
  // The start or restart in progress, which stop() lets settle before it stops the server.
  private busy: Promise<unknown> | undefined;
  private stopRequested = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private readonly owner = randomUUID();
  private recentRestarts: number[] = [];

  constructor(private readonly options: BundledRedisOptions) {
    super();
    this.redisDir = join(options.dataDir, 'redis');
    this.pidFile = join(this.redisDir, 'redis.pid');
    this.log = options.log ?? (() => undefined);
    this.startTimeoutMs = options.startTimeoutMs ?? defaultStartTimeoutMs;
  }

  get pid(): number | undefined {
    return this.server?.pid;
  }

  start(): Promise<RedisEndpoint> {
    if (this.stopping) return Promise.reject(new Error('Redis is stopping; start it again once stop() has finished.'));
    this.starting ??= this.track(this.firstStart()).catch((error: unknown) => {
      this.starting = undefined;
      throw error;
    });
    return this.starting;
  }

  stop(): Promise<void> {
    this.stopping ??= this.shutdown().finally(() => {
      this.stopping = undefined;
    });
    return this.stopping;
  }

  private async firstStart(): Promise<RedisEndpoint> {
    const binary = findRedisBinary(this.options);
    await mkdir(this.redisDir, { recursive: true, mode: 0o700 });
    await chmod(this.redisDir, 0o700);
    await stopOrphanedRedis(this.pidFile, this.owner, this.log);
    const credentials = { username: ENGINE_REDIS_USER, password: randomBytes(24).toString('hex') };
    const transport = this.options.transport ?? (process.platform === 'win32' ? 'tcp' : 'unix');
    const endpoint: BundledEndpoint =
      transport === 'tcp' ? { host: loopbackHost, port: await findFreePort(), ...credentials } : { path: await this.socketPath(), ...credentials };
    this.binary = binary;
    this.endpoint = endpoint;
    this.recentRestarts = [];
    await this.launch(binary, endpoint);
    return { ...endpoint };
  }

  /** `<dataDir>/redis/redis.sock`, or a short owner-only directory in the temp directory when that is too long. */
  private async socketPath(): Promise<string> {
    const path = socketPath(this.options.dataDir, 'redis', 'redis.sock', { create: true }) as string;
    if (dirname(path) !== this.redisDir) await ensureOwnerOnlyDir(dirname(path));
    return path;
  }

  private async launch(binary: string, endpoint: BundledEndpoint): Promise<void> {
    if (this.stopRequested) throw new Error('Redis was stopped while it was starting.');
    const startedAt = performance.now();
    const server = await spawnRedisServer(
      binary,
      serverConfig({ listener: listenerOf(endpoint), password: endpoint.password, dir: this.redisDir }),
      this.log,
    );
    const exited = new AbortController();
    void server.exited.then(() => exited.abort());
    try {
      await writePidFile(this.pidFile, { pid: server.pid, port: endpoint.port ?? 0, owner: this.owner });
      const timeoutMs = this.startTimeoutMs;
      await waitForPing(endpoint, { timeoutMs, intervalMs: pingIntervalMs, signal: exited.signal });
    } catch (error) {
      const exitedEarly = server.exitStatus;
      if (!exitedEarly) await server.terminate(stopGraceMs);
      const what = exitedEarly ? `exited (${describeExit(exitedEarly)}) before answering PING` : (error as Error).message;
      const output = await server.recentOutput();
      throw new Error(
        `redis-server (${binary}, ${describeEndpoint(endpoint)}) failed to start: ${what}\n` +
          (output.length > 0 ? `Its last output:\n${output.join('\n')}` : 'It wrote no output.'),
        { cause: error },
      );
    }
    this.server = server;
    const elapsedMs = Math.round(performance.now() - startedAt);
    this.log('info', `redis-server[${server.pid}] answers PING on ${describeEndpoint(endpoint)} after ${elapsedMs} ms.`);
    void server.exited.then((status) => this.onExit(server, status));
  }

  private onExit(server: RedisServerProcess, status: ExitStatus): void {
    if (this.server !== server || this.stopRequested) return;
    this.server = undefined;
    this.log('warn', `redis-server[${server.pid}] exited unexpectedly (${describeExit(status)}).`);
    this.emit('exit', status.code, status.signal);
    this.scheduleRestart();
  }

  private scheduleRestart(): void {
    const now = Date.now();
    this.recentRestarts = this.recentRestarts.filter((at) => now - at < restartWindowMs);
    if (this.recentRestarts.length >= maxRestartsInWindow) {
      const died = this.recentRestarts.length + 1;
      const span = `${restartWindowMs / 1000} s`;
      this.fail(new Error(`redis-server died ${died} times within ${span}; not restarting it again.`));
      return;
    }
    const delayMs = Math.min(firstRestartDelayMs * 2 ** this.recentRestarts.length, maxRestartDelayMs);
    this.recentRestarts.push(now);
    this.restartTimer = setTimeout(() => {
      void this.track(this.restart().catch((error: unknown) => this.fail(error as Error)));
    }, delayMs);
  }

  private async restart(): Promise<void> {
    this.restartTimer = undefined;
    const { binary, endpoint } = this;
    if (this.stopRequested || !binary || !endpoint) return;
    const record = await readPidFile(this.pidFile);
    // Two servers must never append to one AOF: if another engine claimed the directory, it owns Redis now.
    if (record && record.owner !== this.owner) {
      this.fail(new Error(`Another engine took over ${this.redisDir} and its redis-server; not restarting ours.`));
      return;
    }
    if (endpoint.port !== undefined && !(await isPortFree(endpoint.port))) {
      this.fail(
        new Error(
          `Cannot restart redis-server: port ${endpoint.port} on ${endpoint.host} is now used by another process, ` +
            'and connected clients only know that port.',
        ),
      );
      return;
    }
    try {
      await this.launch(binary, endpoint);
    } catch (error) {
      if (this.stopRequested) return;
      this.log('warn', (error as Error).message);
      this.scheduleRestart();
      return;
    }
    if (this.stopRequested) return;
    this.log('info', `redis-server restarted on ${describeEndpoint(endpoint)}.`);
    this.emit('restarted');
  }

  private fail(error: Error): void {
    this.log('error', error.message);
    // A later start() begins afresh, on a new port.
    this.starting = undefined;
    // An unheard 'error' event would throw from a timer and take the whole engine down.
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }

  private async shutdown(): Promise<void> {
    this.stopRequested = true;
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    await this.busy?.catch(() => undefined);
    const server = this.server;
    this.server = undefined;
    if (server) {
      const status = await server.terminate(stopGraceMs);
      this.log('info', `redis-server[${server.pid}] stopped (${describeExit(status)}).`);
      if ((await readPidFile(this.pidFile))?.owner === this.owner) await removePidFile(this.pidFile);
    }
    this.starting = undefined;
    this.endpoint = undefined;
    this.stopRequested = false;
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.busy = work;
    return work;
  }
}

function listenerOf(endpoint: BundledEndpoint): Listener {
  return endpoint.path !== undefined ? { kind: 'unix', path: endpoint.path } : { kind: 'tcp', host: endpoint.host, port: endpoint.port };
}
