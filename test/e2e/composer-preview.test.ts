// The composer's per-network preview in Chromium against a real engine: one tab per chosen platform, each showing
// the text after that platform's own override and folded where the network folds it, the link card it makes, the
// pictures as a grid or a carousel, a video's poster, and X's thread; all labelled as approximations.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AccountView } from '../../shared/domain';
import { connectLinkedIn, connectX } from './support/accounts';
import { screenshotPath } from './support/build-output';
import { openApp } from './support/browser';
import { useSession } from './support/session';

const ready = useSession();
let x: AccountView;
let linkedIn: AccountView;
let facebook: AccountView;
let instagram: AccountView;
let youtube: AccountView;

beforeAll(async () => {
  const { app, fakes } = ready();
  [x, linkedIn] = await Promise.all([connectX(app, fakes), connectLinkedIn(app, fakes, 'Roastery Team')]);
  // Previews need no platform: these accounts never publish in this file (their platforms are unreachable, so the
  // pasted tokens are kept unchecked; the ids have their platform's form).
  facebook = await app.invoke('accounts:add', {
    platform: 'facebook',
    name: 'Roastery Page',
    accessToken: 'preview-only',
    externalId: '104000000001001',
  });
  instagram = await app.invoke('accounts:add', {
    platform: 'instagram',
    name: 'roastery.gram',
    accessToken: 'preview-only',
    externalId: '17841400000001002',
  });
  youtube = await app.invoke('accounts:add', { platform: 'youtube', name: 'Roastery TV', accessToken: 'preview-only' });
});

const tab = (page: Page, platform: string) => page.locator(`[data-testid="preview-tab"][data-platform="${platform}"]`);
const panel = (page: Page) => page.getByTestId('preview');

async function choose(page: Page, ...accounts: AccountView[]): Promise<void> {
  for (const account of accounts) await page.locator(`[data-testid="account-option"][data-account-id="${account.id}"] input`).check();
}

async function addMedia(page: Page, url: string): Promise<void> {
  await page.locator('#media-url').fill(url);
  await page.getByRole('button', { name: 'Add link' }).click();
}

describe('preview per network', () => {
  it('folds text, makes link cards and shows X’s thread, per platform, as an approximation', async () => {
    const { app, browser } = ready();
    const { context, page, errors } = await openApp(browser, app, '#/compose');
    try {
      const text =
        'Our autumn blend is back, roasted a little darker this year, with notes of cocoa, plum and a long, sweet finish. ' +
        'We tasted forty batches to get here and we think it was worth every cup. Read how: https://roastery.example/blog/autumn';
      await page.locator('#post-text').fill(text);
      await choose(page, x, linkedIn, facebook);
      expect(await page.getByTestId('preview-tab').evaluateAll((tabs) => tabs.map((element) => element.getAttribute('data-platform')))).toEqual([
        'facebook',
        'twitter',
        'linkedin',
      ]);
      expect(await page.getByTestId('preview-disclaimer').textContent()).toBe('An approximation: each network decides the final look.');

      // Facebook: the whole text (it folds later), and a card for the link.
      expect(await panel(page).getAttribute('data-platform')).toBe('facebook');
      expect(await panel(page).getByTestId('preview-text').textContent()).toBe(text);
      expect(await panel(page).getByTestId('preview-link-card').textContent()).toContain('roastery.example');

      // LinkedIn: folded at about three lines with "…see more"; the arrow keys move between tabs.
      await tab(page, 'facebook').focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      expect(await panel(page).getAttribute('data-platform')).toBe('linkedin');
      expect(await tab(page, 'linkedin').getAttribute('aria-selected')).toBe('true');
      const linkedInText = (await panel(page).getByTestId('preview-text').textContent()) ?? '';
      expect(linkedInText.endsWith('…see more')).toBe(true);
      expect(text.startsWith(linkedInText.replace('…see more', ''))).toBe(true);
      expect(linkedInText.length).toBeLessThan(230);

      // LinkedIn's own text replaces the shared one in its preview only.
      await page.locator('[data-testid="platform-panel"][data-platform="linkedin"] input[type="checkbox"]').first().check();
      await page.locator('#linkedin-override').fill('Hiring: a head roaster. Details at https://jobs.roastery.example/head-roaster');
      expect(await panel(page).getByTestId('preview-text').textContent()).toBe(
        'Hiring: a head roaster. Details at https://jobs.roastery.example/head-roaster',
      );
      expect(await panel(page).getByTestId('preview-link-card').textContent()).toContain('jobs.roastery.example');
      await page.getByTestId('network-preview').screenshot({ path: screenshotPath('composer-preview-linkedin', 'light') });

      // X: the thread, one post after another.
      await tab(page, 'twitter').click();
      await page.getByRole('button', { name: 'Add to thread' }).click();
      await page.locator('#thread-0').fill('Tasting notes in the next post.');
      await page.getByRole('button', { name: 'Add to thread' }).click();
      await page.locator('#thread-1').fill('Cocoa, plum, a long finish. 🍫');
      expect(await panel(page).getByTestId('preview-post').count()).toBe(3);
      expect(await panel(page).getByTestId('preview-text').allTextContents()).toEqual([
        text,
        'Tasting notes in the next post.',
        'Cocoa, plum, a long finish. 🍫',
      ]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows pictures as a grid or a carousel, and a video as its poster', async () => {
    const { app, browser, media } = ready();
    const { context, page, errors } = await openApp(browser, app, '#/compose');
    try {
      await page.locator('#post-text').fill('Three new bags on the shelf https://roastery.example/shop');
      await choose(page, facebook, instagram);
      for (const n of [1, 2, 3]) await addMedia(page, media.photo(n));

      // Facebook: a grid of the three, and no link card beside pictures.
      await tab(page, 'facebook').click();
      const grid = panel(page).getByTestId('preview-grid');
      expect(await grid.getAttribute('data-count')).toBe('3');
      expect(await grid.locator('img').evaluateAll((images) => images.map((image) => image.getAttribute('src')))).toEqual([1, 2, 3].map(media.photo));
      await expect
        .poll(() =>
          grid
            .locator('img')
            .first()
            .evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth),
        )
        .toBeGreaterThan(0);
      expect(await panel(page).getByTestId('preview-link-card').count()).toBe(0);

      // Instagram: a carousel to swipe, and a note that caption links cannot be tapped.
      await tab(page, 'instagram').click();
      const carousel = panel(page).getByTestId('preview-carousel');
      expect(await carousel.locator('.preview-counter').textContent()).toBe('1/3');
      await carousel.getByRole('button', { name: 'Next picture' }).click();
      expect(await carousel.locator('.preview-counter').textContent()).toBe('2/3');
      expect(await carousel.locator('img').getAttribute('src')).toBe(media.photo(2));
      expect(await panel(page).getByTestId('preview-notes').textContent()).toContain('Links in Instagram captions cannot be tapped.');
      await page.getByTestId('network-preview').screenshot({ path: screenshotPath('composer-preview-instagram', 'light') });

      // YouTube: the video's poster under its title.
      await choose(page, youtube);
      await page.locator('[data-testid="media-item"]').first().waitFor();
      for (let i = 0; i < 3; i++)
        await page
          .getByRole('button', { name: /^Remove / })
          .first()
          .click();
      await addMedia(page, media.video());
      await page.locator('#youtube-title').fill('How we roast');
      await tab(page, 'youtube').click();
      expect(await panel(page).getByTestId('preview-video').locator('video').getAttribute('src')).toBe(`${media.video()}#t=0.1`);
      expect(await panel(page).locator('.preview-title').textContent()).toBe('How we roast');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
