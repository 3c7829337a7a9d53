// Offline in the real UI against a real engine: X behind a proxy that really refuses connections. With LinkedIn
// answering, the window says X alone cannot be reached and the post detail says what X's delivery waits for; with
// LinkedIn gone too, it says Offline. "Check now", once the network is back, sends what waited, exactly once.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostView } from '../../shared/domain';
import { OutageProxy } from '../fakes/shared/outage-proxy';
import { waitFor } from '../helpers/wait-for';
import { connectLinkedIn, connectX } from './support/accounts';
import { launchBrowser, openApp } from './support/browser';
import { screenshotPath } from './support/build-output';
import { startFakePlatforms, type FakePlatforms } from './support/fake-platforms';
import { startWebApp, type WebApp } from './support/web-app';

let fakes: FakePlatforms;
let xProxy: OutageProxy;
let linkedinProxy: OutageProxy;
let app: WebApp;
let browser: Browser;

beforeAll(async () => {
  fakes = await startFakePlatforms();
  [xProxy, linkedinProxy] = await Promise.all([OutageProxy.start(fakes.twitter.origin), OutageProxy.start(fakes.linkedin.origin)]);
  app = await startWebApp({
    ...fakes.env,
    PUBLISHING_ENGINE_TWITTER_API_ORIGIN: xProxy.origin,
    PUBLISHING_ENGINE_LINKEDIN_API_ORIGIN: linkedinProxy.origin,
  });
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await app?.stop();
  await Promise.all([xProxy?.close(), linkedinProxy?.close()]);
  await fakes?.close();
});

const postOf = (id: string): Promise<PostView> => app.invoke('posts:get', { id });

describe('a lost network in the window', () => {
  it('shows one platform down, then Offline, with the waiting reason on the post detail, and publishes once on "Check now"', async () => {
    const [x, linkedIn] = await Promise.all([connectX(app, fakes, '@roastery'), connectLinkedIn(app, fakes, 'Roastery Team')]);
    await xProxy.set('refuse');
    const both = await app.invoke('posts:create', {
      text: 'Cold brew is back on tap.',
      targets: [{ accountId: x.id }, { accountId: linkedIn.id }],
      mode: 'now',
    });
    await waitFor(
      () => postOf(both.id),
      (post) => post.targets.some((target) => target.status === 'published') && post.targets.some((target) => target.waiting !== null),
      30_000,
      'LinkedIn to publish while X waits',
    );

    const { context, page, errors } = await openApp(browser, app, `#/posts/${both.id}`);
    try {
      const banner = page.getByTestId('network-banner');
      await banner.waitFor();
      expect(await banner.getAttribute('data-state')).toBe('online');
      expect(await banner.textContent()).toMatch(
        /X \(Twitter\) cannot be reached since \d+ \w+, \d\d:\d\d\. 1 post waits for it\. Other platforms publish as usual\./,
      );
      const xRow = page.locator('[data-testid="target-row"][data-platform="twitter"]');
      expect(await xRow.getAttribute('data-status')).toBe('pending');
      expect(await xRow.getByTestId('target-waiting').getAttribute('data-reason')).toBe('platform');
      expect(await xRow.getByTestId('target-waiting').textContent()).toMatch(/^Waiting for X \(Twitter\) since \d+ \w+, \d\d:\d\d$/);
      expect(await xRow.textContent()).toContain('could not be reached (connection refused); nothing was sent.');
      expect(await page.locator('[data-testid="target-row"][data-platform="linkedin"]').getAttribute('data-status')).toBe('published');

      // LinkedIn is gone too: nothing answers, so this is the network, not X.
      await linkedinProxy.set('refuse');
      const second = await app.invoke('posts:create', { text: 'Pastries until noon.', targets: [{ accountId: linkedIn.id }], mode: 'now' });
      await page.locator('[data-testid="network-banner"][data-state="offline"]').waitFor({ timeout: 30_000 });
      expect(await banner.textContent()).toMatch(/^Offline since \d+ \w+, \d\d:\d\d\. 2 posts wait and go out as soon as the network is back\./);
      await xRow.locator('[data-testid="target-waiting"][data-reason="network"]').waitFor({ timeout: 10_000 });
      expect(await xRow.getByTestId('target-waiting').textContent()).toMatch(/^Waiting for the network since \d+ \w+, \d\d:\d\d$/);
      await page.screenshot({ path: screenshotPath('post-waiting-offline', 'light') });

      // The Queue counts what waits.
      await page.evaluate(`window.location.hash = '#/queue'`);
      await page.getByTestId('queue-summary').filter({ hasText: '2 waiting for the network' }).waitFor();

      // The network is back; "Check now" does not wait for the next probe.
      await Promise.all([xProxy.set('up'), linkedinProxy.set('up')]);
      await page.getByRole('button', { name: 'Check now' }).click();
      await banner.waitFor({ state: 'detached', timeout: 15_000 });
      for (const id of [both.id, second.id]) {
        await waitFor(
          () => postOf(id),
          (post) => post.status === 'published',
          20_000,
          `post ${id} to go out`,
        );
      }
      expect(fakes.twitter.tweets.map((tweet) => tweet.sentText)).toEqual(['Cold brew is back on tap.']);
      const final = await Promise.all([postOf(both.id), postOf(second.id)]);
      expect(final.flatMap((post) => post.targets.map((target) => [target.status, target.waiting, target.attemptCount]))).toEqual([
        ['published', null, 1],
        ['published', null, 1],
        ['published', null, 1],
      ]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
