// `publishing-engine web`: the headless engine plus the app's UI in a browser, for machines where Electron cannot run
// and for end-to-end tests. The page reaches the engine through a local HTTP bridge guarded by a random token.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startControlServer } from '../../engine/control/control-server';
import { consoleLogger, type LogLevel } from '../../engine/logger';
import { installProcessGuard } from '../../engine/security/process-guard';
import type { Command } from '../command';
import { oneOf, optionalString } from '../option-values';
import { UsageError } from '../usage-error';
import { appRoot, stopSignal } from './serve';

const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];
/** The built renderer sits beside the built command: out/main/cli.js → out/renderer. */
const RENDERER_DIR = join(__dirname, '../renderer');

function port(value: string | undefined): number {
  if (value === undefined) return 0;
  const parsed = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(parsed) || parsed > 65_535)
    throw new UsageError(`--port must be a port number from 0 to 65535 (0: any free port); got "${value}".`);
  return parsed;
}

export const webCommand: Command = {
  words: ['web'],
  synopsis: '[--port N] [--log-level debug|info|warn|error]',
  summary: 'Like serve, and also serve the app to a browser on 127.0.0.1: open the link it prints (it carries the access key).',
  options: { port: { type: 'string' }, 'log-level': { type: 'string' } },
  optionHelp: [
    ['--port N', 'the port on 127.0.0.1 (default 0: any free port)'],
    ['--log-level LEVEL', `what the engine logs to stderr: ${LOG_LEVELS.join(' | ')} (default info)`],
  ],
  async run({ dataDir, values, io, print }) {
    const level = oneOf('log-level', optionalString(values, 'log-level') ?? 'info', LOG_LEVELS);
    const listenPort = port(optionalString(values, 'port'));
    if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error(`The app's UI is not built (no ${RENDERER_DIR}); run "npm run build" first.`);
    const stop = stopSignal(io.stderr);
    const log = consoleLogger(level);
    const unguard = installProcessGuard({ log, onFatal: stop.fatal });
    const { createEngine } = await import('../../engine/engine');
    const { startWebBridge } = await import('../../engine/web/web-bridge-server');
    const { releaseClients } = await import('../../engine/accounts/oauth/release-clients');
    const engine = createEngine({ dataDir, env: io.env, appRoot: appRoot(), log, oauth: { builtInClients: releaseClients() } });
    // As in `serve`: the control socket is the data directory's lock, and lets the CLI drive this engine too.
    const server = await startControlServer({ dataDir, api: engine.api, events: engine.events, log }).catch((error: unknown) => {
      stop.dispose();
      throw error;
    });
    let bridge: Awaited<ReturnType<typeof startWebBridge>> | undefined;
    try {
      await engine.start();
      bridge = await startWebBridge({
        api: engine.api,
        events: engine.events,
        staticDir: RENDERER_DIR,
        port: listenPort,
        log,
        media: () => engine.media(),
      });
      print(`Publishing Engine is running; data in ${dataDir}; control socket ${server.path}.\nOpen ${bridge.url}\nPress Ctrl+C to stop.\n`, {
        ready: true,
        url: bridge.url,
        dataDir,
        socket: server.path,
        pid: process.pid,
      });
      const signal = await stop.received;
      log.info(`${signal} received: stopping the web UI and the engine.`);
      await bridge.close();
      await server.close();
      await engine.stop();
      if (signal === 'fatal') throw new Error('The engine stopped after a fatal error; the log above says which.');
      print('Publishing Engine stopped.\n', { stopped: true });
    } catch (error) {
      await bridge?.close().catch(() => undefined);
      await server.close();
      await engine.stop().catch(() => undefined);
      throw error;
    } finally {
      stop.dispose();
      unguard();
    }
  },
};
