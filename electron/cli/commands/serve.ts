// `publishing-engine serve`: the engine without a window, in the foreground, until SIGINT or SIGTERM.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startControlServer } from '../../engine/control/control-server';
import { consoleLogger, type LogLevel } from '../../engine/logger';
import { installProcessGuard } from '../../engine/security/process-guard';
import type { Command } from '../command';
import { oneOf, optionalString } from '../option-values';

const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export const serveCommand: Command = {
  words: ['serve'],
  synopsis: '[--log-level debug|info|warn|error]',
  summary: 'Run the engine headless in the foreground; Ctrl+C (SIGINT) or SIGTERM stops it cleanly.',
  options: { 'log-level': { type: 'string' } },
  optionHelp: [['--log-level LEVEL', `what the engine logs to stderr: ${LOG_LEVELS.join(' | ')} (default info)`]],
  async run({ dataDir, values, io, print }) {
    const level = oneOf('log-level', optionalString(values, 'log-level') ?? 'info', LOG_LEVELS);
    const stop = stopSignal(io.stderr);
    const log = consoleLogger(level);
    const unguard = installProcessGuard({ log, onFatal: stop.fatal });
    // Loaded here so the client commands start without the engine's dependencies (BullMQ, SQLite …).
    const { createEngine } = await import('../../engine/engine');
    const { releaseClients } = await import('../../engine/accounts/oauth/release-clients');
    const engine = createEngine({ dataDir, env: io.env, appRoot: appRoot(), log, oauth: { builtInClients: releaseClients() } });
    // The socket is claimed first: it is the lock that keeps a second engine off this data directory (two would
    // fight over one Redis and one database). Until start() is done, requests get engine_unavailable.
    const server = await startControlServer({ dataDir, api: engine.api, events: engine.events, log }).catch((error: unknown) => {
      stop.dispose();
      throw error;
    });
    try {
      await engine.start();
      print(`Publishing Engine is running; data in ${dataDir}; control socket ${server.path}. Press Ctrl+C to stop.\n`, {
        ready: true,
        dataDir,
        socket: server.path,
        pid: process.pid,
      });
      const signal = await stop.received;
      log.info(`${signal} received: stopping the engine.`);
      await server.close();
      await engine.stop();
      if (signal === 'fatal') throw new Error('The engine stopped after a fatal error; the log above says which.');
      print('Publishing Engine stopped.\n', { stopped: true });
    } catch (error) {
      // Whatever part did start (Redis, the database) must not outlive the command.
      await server.close();
      await engine.stop().catch(() => undefined);
      throw error;
    } finally {
      stop.dispose();
      unguard();
    }
  },
};

/**
 * The first signal stops cleanly; a second one, while stopping takes long, exits at once. `fatal` (from the process
 * guard) stops cleanly too, and the command then fails.
 */
export function stopSignal(stderr: { write(text: string): unknown }): {
  received: Promise<NodeJS.Signals | 'fatal'>;
  fatal(): void;
  dispose(): void;
} {
  let first: NodeJS.Signals | 'fatal' | undefined;
  let resolve: (signal: NodeJS.Signals | 'fatal') => void = () => undefined;
  const received = new Promise<NodeJS.Signals | 'fatal'>((settle) => {
    resolve = settle;
  });
  const onSignal = (signal: NodeJS.Signals) => {
    if (first === undefined) {
      first = signal;
      resolve(signal);
      return;
    }
    stderr.write(`${signal} again: exiting without waiting for the engine to stop.\n`);
    process.exit(1);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    received,
    fatal() {
      first ??= 'fatal';
      resolve('fatal');
    },
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/** The folder with the app's package.json, where the engine looks for a bundled Redis binary. */
export function appRoot(): string | undefined {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && isOurManifest(manifest)) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

function isOurManifest(path: string): boolean {
  try {
    return (JSON.parse(readFileSync(path, 'utf8')) as { name?: unknown }).name === 'publishing-engine';
  } catch {
    return false;
  }
}
