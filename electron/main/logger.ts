// electron-log as the engine's Logger: a rotating file in <userData>/logs, and the console while developing.
import log from 'electron-log/main';
import { join } from 'node:path';
import type { Logger } from '../engine/logger';

export interface AppLoggerOptions {
  development: boolean;
  /** Off for the self-test, whose standard output is its one JSON line. */
  console: boolean;
}

export function createAppLogger(dataDir: string, options: AppLoggerOptions): Logger {
  log.transports.file.resolvePathFn = () => join(dataDir, 'logs', 'main.log');
  log.transports.file.level = options.development ? 'debug' : 'info';
  log.transports.console.level = options.console ? (options.development ? 'debug' : 'warn') : false;
  // Uncaught errors go to the log file; the app keeps running rather than showing Electron's crash dialog.
  log.errorHandler.startCatching({ showDialog: false });
  return {
    debug: (message, ...details) => log.debug(message, ...details),
    info: (message, ...details) => log.info(message, ...details),
    warn: (message, ...details) => log.warn(message, ...details),
    error: (message, ...details) => log.error(message, ...details),
  };
}
