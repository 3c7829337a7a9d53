// `npm run dev`: electron-vite's renderer dev server, loaded in Chromium under the Content-Security-Policy header the
// main process sends in development, renders the app with no CSP violation and no page error. (A <meta> policy in
// index.html used to block React's inline refresh preamble here, leaving the window blank.) window.api is bridged to a
// real engine, as the preload would be.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig } from 'electron-vite';
import type { Browser, BrowserContext } from 'playwright-core';
import { createServer, type Plugin, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../electron/main/content-security-policy';
import type { Engine } from '../../electron/engine/engine';
import { freePort } from '../helpers/free-port';
import { makeDataDir, removeDataDir, startTestEngine } from '../helpers/test-engine';
import { launchBrowser } from './support/browser';
import { repoRoot, requireBuild, rendererDir } from './support/build-output';

let server: ViteDevServer;
let origin: string;
let cacheDir: string;
let engine: Engine;
let dataDir: string;
let browser: Browser;

beforeAll(async () => {
  requireBuild();
  dataDir = makeDataDir();
  engine = await startTestEngine({ dataDir });
  const resolved = await resolveConfig({ root: repoRoot, logLevel: 'silent' }, 'serve', 'development');
  const renderer = resolved.config?.renderer;
  if (!renderer) throw new Error('electron.vite.config.ts has no renderer config');
  const port = await freePort();
  // A throwaway dependency cache, so the test leaves nothing behind in node_modules.
  cacheDir = mkdtempSync(join(tmpdir(), 'pe-vite-cache-'));
  origin = `http://127.0.0.1:${port}`;
  server = await createServer({
    ...renderer,
    cacheDir,
    server: { ...renderer.server, port, strictPort: true },
    plugins: [...(renderer.plugins ?? []), electronSessionHeader(contentSecurityPolicy({ devServerOrigin: origin }))],
  });
  await server.listen();
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await engine?.stop();
  if (dataDir) removeDataDir(dataDir);
  if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
});

/** What the main process's session.webRequest.onHeadersReceived does in development: the CSP header on every response. */
function electronSessionHeader(csp: string): Plugin {
  return {
    name: 'test:electron-session-csp-header',
    configureServer(dev) {
      dev.middlewares.use((_request, response, next) => {
        response.setHeader('Content-Security-Policy', csp);
        next();
      });
    },
  };
}

/** A page as the Electron window gets it in development. */
async function openDevPage(context: BrowserContext) {
  // The preload's window.api, carried to the real engine's contract.
  await context.exposeBinding('__engineCall', (_source, channel: string, input: unknown) => engine.api.call(channel, input));
  await context.addInitScript(`
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => window.__violations.push(event.violatedDirective + ' ' + event.blockedURI + ' (' + event.sourceFile + ':' + event.lineNumber + ')'));
    window.api = { invoke: (channel, input) => window.__engineCall(channel, input), on: () => () => undefined };
  `);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  const response = await page.goto(`${origin}/#/calendar`);
  return { page, problems, response };
}

describe('the renderer dev server (npm run dev)', () => {
  it('loads under the development CSP header with no violation and no page error', async () => {
    const context = await browser.newContext();
    try {
      const { page, problems, response } = await openDevPage(context);
      expect(response?.headers()['content-security-policy']).toBe(contentSecurityPolicy({ devServerOrigin: origin }));
      await page.getByTestId('calendar').waitFor({ timeout: 60_000 });
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
      // React's refresh preamble is an inline module script: it ran, and the page carries no meta policy of its own.
      expect(await page.evaluate('typeof window.$RefreshReg$')).toBe('function');
      expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').count()).toBe(0);
      expect(await page.evaluate('window.__violations')).toEqual([]);
      expect(problems).toEqual([]);

      // The policy is in force, and a violation would have been seen: a request to an origin it does not allow.
      await page.evaluate("fetch('https://not-allowed.example/').catch(() => undefined)");
      await expect.poll(() => page.evaluate('window.__violations')).toEqual([expect.stringMatching(/^connect-src https:\/\/not-allowed\.example/)]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('the production build carries the same policy as a meta tag, minus what a meta tag cannot hold', () => {
    const html = readFileSync(join(rendererDir, 'index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(contentSecurityPolicy({ meta: true }));
    expect(meta).not.toContain('frame-ancestors');
    expect(html.indexOf('http-equiv="Content-Security-Policy"')).toBeLessThan(html.indexOf('<script'));
  });
});
