// The per-user data directory, the same one Electron's app.getPath('userData') gives the desktop app,
// so the headless engine, the CLI and the app all see one store.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = 'Publishing Engine';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.PUBLISHING_ENGINE_DATA_DIR) return env.PUBLISHING_ENGINE_DATA_DIR;
  const home = homedir();
  switch (platform) {
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
    case 'darwin':
      return join(home, 'Library', 'Application Support', PRODUCT_NAME);
    default:
      return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), PRODUCT_NAME);
  }
}

export function databaseFile(dataDir: string): string {
  return join(dataDir, 'publishing-engine.sqlite');
}
