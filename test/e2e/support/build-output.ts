// Where the built app lives. `npm test` builds before Vitest runs; the E2E tests never build by themselves.
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '..', '..', '..');
export const cliBundle = join(repoRoot, 'out', 'main', 'cli.js');
export const rendererDir = join(repoRoot, 'out', 'renderer');
export const screenshotDir = join(repoRoot, 'test-artifacts', 'screenshots');
export const CHROMIUM = '/usr/bin/chromium';

export function requireBuild(): void {
  const missing = [cliBundle, join(rendererDir, 'index.html')].filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `The E2E tests run the built app, and ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} missing. Run "npx electron-vite build" first (npm test does).`,
    );
  }
  if (!existsSync(CHROMIUM)) throw new Error(`The E2E tests drive Debian's Chromium at ${CHROMIUM}; install it with "apt-get install chromium".`);
}

export function screenshotPath(view: string, scheme: 'light' | 'dark'): string {
  mkdirSync(screenshotDir, { recursive: true });
  return join(screenshotDir, `${view}-${scheme}.png`);
}
