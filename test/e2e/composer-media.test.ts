// Media from the user's disk in the real composer (Chromium against `npm run web`'s engine, real Redis and SQLite):
// a dropped photo and a picked video go up through the bridge's streamed upload into the media library, show as
// thumbnails (the video at its first frame, with its duration) with what each chosen platform says about them, move
// by keyboard, take alt text, and the scheduled post goes out to the fake X with the photo and its alt text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AccountView } from '../../shared/domain';
import { connectLinkedIn, connectX } from './support/accounts';
import { PAGE_ZONE, openApp } from './support/browser';
import { repoRoot, screenshotPath } from './support/build-output';
import { useSession } from './support/session';
import { nextWholeMinute, wallTime } from './support/wall-time';

const fixture = (name: string) => join(repoRoot, 'test', 'fixtures', 'media', name);
const SCHEDULE_LEAD_MS = 10_000;
const PUBLISH_GRACE_MS = 15_000;
const TEST_TIMEOUT_MS = 120_000;

const ready = useSession();
let x: AccountView;
let linkedin: AccountView;

beforeAll(async () => {
  const { app, fakes } = ready();
  x = await connectX(app, fakes);
  linkedin = await connectLinkedIn(app, fakes);
});

/** Drops a file from disk onto the element as a drag from the desktop does: a DataTransfer holding the File. */
async function dropFile(page: Page, selector: string, path: string, name: string, type: string): Promise<void> {
  // Evaluated in the page (this file is type-checked without the DOM's types).
  const dataTransfer = await page.evaluateHandle(`(() => {
    const bytes = Uint8Array.from(atob(${JSON.stringify(readFileSync(path).toString('base64'))}), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], ${JSON.stringify(name)}, { type: ${JSON.stringify(type)} }));
    return transfer;
  })()`);
  await page.dispatchEvent(selector, 'dragover', { dataTransfer });
  await page.dispatchEvent(selector, 'drop', { dataTransfer });
}

describe('the composer’s media', () => {
  it(
    'takes a dropped photo and a picked video, shows them and the rules, reorders by keyboard, and publishes the photo with its alt text',
    async () => {
      const { app, browser, fakes } = ready();
      const { context, page, errors } = await openApp(browser, app, '#/compose');
      try {
        const text = `New label, same beans ${Date.now().toString(36)}`;
        await page.locator('#post-text').fill(text);
        await page.locator(`[data-testid="account-option"][data-account-id="${x.id}"] input`).check();
        await page.locator(`[data-testid="account-option"][data-account-id="${linkedin.id}"] input`).check();

        await dropFile(page, '[data-testid="media-card"]', fixture('tiny.jpg'), 'tiny.jpg', 'image/jpeg');
        const photo = page.locator('[data-testid="media-item"]', { hasText: 'tiny.jpg' });
        await photo.waitFor();
        // The thumbnail is the photo itself, decoded by the browser.
        await expect
          .poll(() =>
            photo.locator('img[data-testid="media-thumb"]').evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth),
          )
          .toBe(64);
        expect(await photo.textContent()).toContain('JPEG · 64 × 48');
        expect(await photo.getByTestId('media-check').last().textContent()).toBe('Fits X (Twitter), LinkedIn');

        await page.getByTestId('media-file-input').setInputFiles(fixture('tiny.mp4'));
        const video = page.locator('[data-testid="media-item"]', { hasText: 'tiny.mp4' });
        await video.waitFor();
        expect(await video.getByTestId('media-duration').textContent()).toBe('1 s');
        // The poster is the video's own first frame, served by the engine or the picked file itself.
        await expect
          .poll(() =>
            video.locator('video[data-testid="media-thumb"]').evaluate((element) => {
              const shown = element as unknown as { readyState: number; videoWidth: number };
              return [shown.readyState >= 2, shown.videoWidth];
            }),
          )
          .toEqual([true, 160]);
        // Per file and per platform, from the same rules the engine checks.
        const linkedInCheck = video.locator('[data-testid="media-check"][data-platform="linkedin"]');
        expect(await linkedInCheck.allTextContents()).toEqual([
          'LinkedIn: tiny.mp4 is 8.5 KB; LinkedIn videos need at least 75 KB.',
          'LinkedIn: tiny.mp4 is 1 s; LinkedIn videos allow 3 s to 30 min.',
        ]);
        expect(await video.locator('[data-testid="media-check"].is-fine').textContent()).toBe('Fits X (Twitter)');
        expect(await page.getByTestId('composer-blockers').textContent()).toContain('the platforms would refuse');

        // Alt+Arrow on the video's handle moves it first, keeps the focus on it, and says so.
        await video.getByRole('button', { name: /^tiny\.mp4, 2 of 2/ }).focus();
        await page.keyboard.press('Alt+ArrowLeft');
        await expect.poll(() => page.getByTestId('media-name').allTextContents()).toEqual(['tiny.mp4', 'tiny.jpg']);
        expect(await page.getByTestId('media-announcement').textContent()).toBe('tiny.mp4 moved to position 1 of 2.');
        expect(await page.evaluate('document.activeElement?.getAttribute("aria-label")')).toMatch(/^tiny\.mp4, 1 of 2/);

        await page.getByTestId('media-card').screenshot({ path: screenshotPath('composer-media', 'light') });
        await page.getByRole('button', { name: 'Remove tiny.mp4' }).click();
        await page.getByLabel('Alt text').fill('A test pattern in eight colours');
        await page.locator(`[data-testid="account-option"][data-account-id="${linkedin.id}"] input`).uncheck();

        const dueAt = nextWholeMinute(SCHEDULE_LEAD_MS);
        const when = wallTime(dueAt, PAGE_ZONE);
        await page.locator('#schedule-date').fill(when.date);
        await page.locator('#schedule-time').fill(when.time);
        await page.getByRole('button', { name: 'Schedule', exact: true }).click();

        const detail = page.locator('[data-testid="post-detail"][data-status="scheduled"]');
        await detail.waitFor();
        const postId = (await detail.getAttribute('data-post-id')) ?? '';
        const stored = await app.invoke('posts:get', { id: postId });
        expect(stored.media).toMatchObject([{ name: 'tiny.jpg', altText: 'A test pattern in eight colours', facts: { mimeType: 'image/jpeg' } }]);

        await page
          .locator(`[data-testid="post-detail"][data-post-id="${postId}"][data-status="published"]`)
          .waitFor({ timeout: dueAt - Date.now() + PUBLISH_GRACE_MS });
        const tweet = fakes.twitter.tweets.find((candidate) => candidate.sentText === text);
        expect(tweet?.mediaIds).toHaveLength(1);
        const uploaded = fakes.twitter.media.get(tweet?.mediaIds[0] ?? '');
        expect(uploaded).toMatchObject({
          mediaType: 'image/jpeg',
          totalBytes: readFileSync(fixture('tiny.jpg')).length,
          altText: 'A test pattern in eight colours',
        });
        const row = page.locator('[data-testid="target-row"][data-platform="twitter"]');
        expect(await row.getByTestId('target-link').getAttribute('href')).toBe(`https://x.com/i/web/status/${tweet?.id}`);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    TEST_TIMEOUT_MS,
  );
});
