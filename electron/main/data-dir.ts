// Where the app keeps its data (Electron's userData: SQLite, the Redis AOF, the control socket, logs, window state).
// The installed app uses Electron's default, which the CLI shares. A copy run from a checkout (npm start, npm run
// dev) gets a directory of its own beside it, so it never fights an installed copy over the single-instance lock,
// the database or the control socket.
import { join, resolve } from 'node:path';
import { PRODUCT_NAME } from '../engine/paths';

export interface DataDirOptions {
  packaged: boolean;
  /** Electron's appData folder, where userData lives by default. */
  appData: string;
  env: NodeJS.ProcessEnv;
  /** The self-test's temporary directory, which overrides everything. */
  selfTestDir?: string;
}

/** The userData to set before the app is ready, or undefined to keep Electron's default. */
export function userDataDir(options: DataDirOptions): string | undefined {
  if (options.selfTestDir) return options.selfTestDir;
  // The same variable the CLI follows, so both can be pointed at one store.
  if (options.env.PUBLISHING_ENGINE_DATA_DIR) return resolve(options.env.PUBLISHING_ENGINE_DATA_DIR);
  if (!options.packaged) return join(options.appData, `${PRODUCT_NAME} (development)`);
  return undefined;
}
