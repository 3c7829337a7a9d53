// Debian's Chromium through playwright-core: one browser per test file, a fresh context per test, and the app
// opened through the link `publishing-engine web` printed.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM } from './build-output';
import type { WebApp } from './web-app';

/** The zone and locale every page runs in, so a test can compute the wall times the UI shows. */
export const PAGE_ZONE = 'Europe/Berlin';
export const PAGE_LOCALE = 'en-GB';

/** `extraArgs`: e.g. a host mapping so media links reach a local server. */
export function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      ...extraArgs,
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

const TRANSPARENT_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

export interface AppPage {
  context: BrowserContext;
  page: Page;
  /** Browser console errors and uncaught exceptions, to explain a failure. */
  errors: string[];
}

export async function openApp(
  browser: Browser,
  app: WebApp,
  route = '#/calendar',
  colorScheme: 'light' | 'dark' = 'light',
  viewport: { width: number; height: number } = { width: 1280, height: 860 },
): Promise<AppPage> {
  const context = await browser.newContext({ colorScheme, timezoneId: PAGE_ZONE, locale: PAGE_LOCALE, viewport });
  // Nothing a page does may leave this machine: images from the platforms' CDNs (profile pictures) are answered here.
  await context.route(/^https:\/\//, (route) => route.fulfill({ status: 200, contentType: 'image/png', body: TRANSPARENT_PNG }));
  // A Content-Security-Policy violation is an error too, even one a library catches (zod probing `new Function`).
  await context.addInitScript(`document.addEventListener('securitypolicyviolation', (event) =>
    console.error('CSP violation: ' + event.violatedDirective + ' ' + event.blockedURI + ' (' + event.sourceFile + ')'))`);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(`${app.url}${route}`);
  return { context, page, errors };
}

/** Moves within the app without reloading it, the way its own links do. */
export async function goTo(page: Page, route: string): Promise<void> {
  await page.evaluate(`window.location.hash = ${JSON.stringify(route)}`);
}
