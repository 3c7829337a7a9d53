// What every E2E file runs against: the fake platforms, `publishing-engine web` pointed at them, a server for media
// links, and one Chromium. If any part fails to start, the parts that did are ended before the error surfaces.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser';
import { startFakePlatforms, type FakePlatformOptions, type FakePlatforms } from './fake-platforms';
import { MEDIA_HOST, startMediaServer, type MediaServer } from './media-server';
import { startWebApp, type WebApp } from './web-app';

export interface Session {
  fakes: FakePlatforms;
  media: MediaServer;
  app: WebApp;
  browser: Browser;
  close(): Promise<void>;
}

export async function startSession(options: FakePlatformOptions = {}): Promise<Session> {
  const [startedFakes, startedMedia] = await Promise.allSettled([startFakePlatforms(options), startMediaServer()]);
  if (startedFakes.status === 'rejected' || startedMedia.status === 'rejected') {
    if (startedFakes.status === 'fulfilled') await startedFakes.value.close();
    if (startedMedia.status === 'fulfilled') await startedMedia.value.close();
    throw startedFakes.status === 'rejected' ? startedFakes.reason : (startedMedia as PromiseRejectedResult).reason;
  }
  const [fakes, media] = [startedFakes.value, startedMedia.value];
  const [app, browser] = await Promise.allSettled([
    startWebApp(fakes.env),
    launchBrowser([`--host-resolver-rules=MAP ${MEDIA_HOST} 127.0.0.1:${media.port}`]),
  ]);
  if (app.status === 'rejected' || browser.status === 'rejected') {
    if (app.status === 'fulfilled') await app.value.stop();
    if (browser.status === 'fulfilled') await browser.value.close().catch(() => undefined);
    await Promise.all([fakes.close(), media.close()]);
    throw app.status === 'rejected' ? app.reason : (browser as PromiseRejectedResult).reason;
  }
  return {
    fakes,
    media,
    app: app.value,
    browser: browser.value,
    async close() {
      await browser.value.close().catch(() => undefined);
      await app.value.stop();
      await Promise.all([fakes.close(), media.close()]);
    },
  };
}

/** Starts a session before the file's tests and ends it after them, even when they fail; returns its getter. */
export function useSession(options: FakePlatformOptions = {}): () => Session {
  let session: Session | undefined;
  beforeAll(async () => {
    session = await startSession(options);
  });
  afterAll(async () => {
    await session?.close();
  });
  return () => {
    if (!session) throw new Error('The web app, the browser or the fake platforms did not start.');
    return session;
  };
}
