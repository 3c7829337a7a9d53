// Where the built app lives. `npm test` builds before Vitest runs; a bare `vitest run` rebuilds first when the build is
// missing or older than the source.
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureFreshBuild } from '../../helpers/fresh-build';

export const repoRoot = resolve(__dirname, '..', '..', '..');
export const cliBundle = join(repoRoot, 'out', 'main', 'cli.js');
export const rendererDir = join(repoRoot, 'out', 'renderer');
export const screenshotDir = join(repoRoot, 'test-artifacts', 'screenshots');
export const CHROMIUM = '/usr/bin/chromium';

export function requireBuild(): void {
  ensureFreshBuild();
  if (!existsSync(CHROMIUM)) throw new Error(`The E2E tests drive Debian's Chromium at ${CHROMIUM}; install it with "apt-get install chromium".`);
}

export function screenshotPath(view: string, scheme: 'light' | 'dark'): string {
  mkdirSync(screenshotDir, { recursive: true });
  return join(screenshotDir, `${view}-${scheme}.png`);
}
