// Trusting every status, in the real UI against a real engine: a post live on X and refused by LinkedIn reads
// "Partly published — 1 of 2" everywhere, says where it is live, and offers to retry LinkedIn only; toasts end in
// the outcome; the queue speaks in posts and platform deliveries. And the layout at 1024 px and narrower.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AccountView } from '../../shared/domain';
import { connectLinkedIn, connectX } from './support/accounts';
import { screenshotPath } from './support/build-output';
import { PAGE_ZONE, goTo, openApp } from './support/browser';
import { useSession } from './support/session';
import { dayFromToday, wallTime, zonedInstant } from './support/wall-time';

const ready = useSession();
let x: AccountView;
let linkedIn: AccountView;

const RESTRICTED = {
  type: 'status',
  status: 403,
  body: { status: 403, code: 'ACCESS_DENIED', message: 'Member is restricted from posting' },
} as const;

beforeAll(async () => {
  const { app, fakes } = ready();
  [x, linkedIn] = await Promise.all([connectX(app, fakes, '@roastery'), connectLinkedIn(app, fakes, 'Roastery Team')]);
});

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

async function box(page: Page, selector: string): Promise<Box> {
  const found = await page.locator(selector).first().boundingBox();
  if (!found) throw new Error(`${selector} is not laid out`);
  return found;
}

const overlaps = (a: Box, b: Box): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('partly published', () => {
  it('reads "Partly published — 1 of 2" with where it is live, and Retry offers only LinkedIn', async () => {
    const { app, browser, fakes } = ready();
    const { context, page, errors } = await openApp(browser, app, '#/compose', 'light', { width: 1024, height: 768 });
    try {
      fakes.linkedin.failNext(RESTRICTED);
      const text = `Our winter blend is here: dark chocolate, orange peel and clove. ${Date.now().toString(36)}`;
      await page.locator('#post-text').fill(text);
      await page.locator(`[data-testid="account-option"][data-account-id="${x.id}"] input`).check();
      await page.locator(`[data-testid="account-option"][data-account-id="${linkedIn.id}"] input`).check();
      await page.getByRole('button', { name: 'Publish now', exact: true }).click();

      // The toast follows the post to its outcome instead of staying at "Publishing…" beside a failure.
      const toasts = page.getByTestId('toast');
      await toasts.filter({ hasText: 'Partly published — 1 of 2: LinkedIn needs attention.' }).waitFor();
      expect(await toasts.filter({ hasText: 'Publishing to 2 accounts now.' }).count()).toBe(0);
      expect(await toasts.filter({ hasText: 'Partly published' }).getAttribute('data-tone')).toBe('warning');

      const detail = page.locator('[data-testid="post-detail"][data-status="failed"]');
      await detail.waitFor();
      const postId = (await detail.getAttribute('data-post-id')) ?? '';
      const header = page.locator('.page-header');
      expect(await header.getByTestId('post-status').textContent()).toBe('Partly published — 1 of 2');
      expect(await header.getByTestId('post-status').getAttribute('data-status')).toBe('partial');
      expect(await header.getByTestId('live-on').textContent()).toContain('X (Twitter)');
      expect(await header.getByTestId('live-on').locator('a').getAttribute('href')).toBe(`https://x.com/i/web/status/${fakes.twitter.tweets[0].id}`);
      expect(await header.getByTestId('needs-attention-on').textContent()).toContain('LinkedIn');
      expect(await header.getByRole('button', { name: 'Retry LinkedIn' }).count()).toBe(1);
      expect(await page.getByRole('button', { name: 'Publish now', exact: true }).count()).toBe(0);
      await page.screenshot({ path: screenshotPath('post-partly-published', 'light') });

      // The calendar chip wears both colours, and says 1 of 2.
      await goTo(page, `#/calendar?date=${wallTime(Date.now(), PAGE_ZONE).date}`);
      const chip = page.locator(`[data-testid="calendar-event"][data-post-id="${postId}"]`);
      expect(await chip.getAttribute('data-display-status')).toBe('partial');
      expect(await chip.locator('.chip-partial').textContent()).toBe('1/2');

      // The queue names the failure with its fix, counts in posts and deliveries, and keeps the engine's counters folded.
      await goTo(page, '#/queue');
      const attention = page.locator(`[data-testid="attention-post"][data-post-id="${postId}"]`);
      await attention.waitFor();
      expect(await attention.getByTestId('attention-target').count()).toBe(1);
      expect(await attention.getByTestId('attention-target').getAttribute('data-platform')).toBe('linkedin');
      expect(await attention.textContent()).toContain('live on X (Twitter)');
      expect(await page.getByTestId('queue-attention').locator('.section-count').textContent()).toBe('1 post (1 platform delivery)');
      expect(await page.getByTestId('queue-count').count()).toBe(0);
      await page.getByTestId('engine-details').locator('summary').click();
      await page.locator('[data-testid="queue-count"][data-state="failed"]').waitFor();

      // Retrying goes to LinkedIn only: X keeps its one post.
      await attention.getByRole('button', { name: 'Retry LinkedIn' }).click();
      await toasts.filter({ hasText: 'Published on LinkedIn.' }).waitFor();
      await attention.waitFor({ state: 'detached' });
      expect(fakes.twitter.tweets).toHaveLength(1);
      expect(fakes.linkedin.posts).toHaveLength(1);
      expect((await app.invoke('posts:get', { id: postId })).status).toBe('published');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('counts the queue in posts and their platform deliveries', async () => {
    const { app, browser } = ready();
    const at = (days: number) => new Date(zonedInstant({ date: dayFromToday(days, PAGE_ZONE), time: '10:00' }, PAGE_ZONE)).toISOString();
    await app.invoke('posts:create', {
      text: 'Both networks',
      targets: [{ accountId: x.id }, { accountId: linkedIn.id }],
      mode: 'schedule',
      scheduledAt: at(2),
      timeZone: PAGE_ZONE,
    });
    await app.invoke('posts:create', { text: 'X only', targets: [{ accountId: x.id }], mode: 'schedule', scheduledAt: at(3), timeZone: PAGE_ZONE });
    const { context, page, errors } = await openApp(browser, app, '#/queue');
    try {
      const stats = await app.invoke('queue:stats', {});
      expect(stats.posts.upcoming).toEqual({ posts: 2, targets: 3 });
      await page.getByTestId('queue-summary').filter({ hasText: '2 posts (3 platform deliveries) waiting to go out' }).waitFor();
      expect(await page.getByTestId('queue-upcoming').locator('.section-count').textContent()).toBe('2 posts (3 platform deliveries)');
      expect(await page.getByTestId('queue-upcoming').getByTestId('queue-post').count()).toBe(2);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('the queue', () => {
  it('shows what is publishing at this moment, and lets it go when it is done', async () => {
    const { app, browser, fakes } = ready();
    const { context, page, errors } = await openApp(browser, app, '#/queue');
    try {
      await page.getByTestId('queue-publishing').filter({ hasText: 'Nothing is going out at this moment.' }).waitFor();
      fakes.twitter.failNext({ type: 'delay', ms: 4000 });
      const post = await app.invoke('posts:create', {
        text: 'A slow network today',
        targets: [{ accountId: x.id }],
        mode: 'now',
        timeZone: PAGE_ZONE,
      });
      const row = page.getByTestId('queue-publishing').locator(`[data-testid="queue-post"][data-post-id="${post.id}"]`);
      await row.waitFor();
      expect(await page.getByTestId('queue-publishing').locator('.section-count').textContent()).toBe('1 post (1 platform delivery)');
      await row.waitFor({ state: 'detached', timeout: 20_000 });
      expect((await app.invoke('posts:get', { id: post.id })).status).toBe('published');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('pauses publishing: a post sent meanwhile waits, and goes out once on resume', async () => {
    const { app, browser, fakes } = ready();
    const { context, page, errors } = await openApp(browser, app, '#/queue');
    try {
      await page.getByRole('button', { name: 'Pause publishing' }).click();
      await page.getByTestId('toast').filter({ hasText: 'Publishing paused. Nothing goes out until you resume.' }).waitFor();
      await page.getByRole('button', { name: 'Resume publishing' }).waitFor();
      expect((await app.invoke('queue:stats', {})).paused).toBe(true);

      const text = `Paused, then sent: ${Date.now().toString(36)}`;
      const post = await app.invoke('posts:create', { text, targets: [{ accountId: x.id }], mode: 'now', timeZone: PAGE_ZONE });
      // Paused, the worker takes nothing: the post is still waiting after a moment a publish takes here.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(fakes.twitter.tweets.filter((tweet) => tweet.sentText === text)).toHaveLength(0);
      expect((await app.invoke('posts:get', { id: post.id })).status).not.toBe('published');

      await page.getByRole('button', { name: 'Resume publishing' }).click();
      await page.getByTestId('toast').filter({ hasText: 'Publishing resumed.' }).waitFor();
      await page.getByRole('button', { name: 'Pause publishing' }).waitFor();
      await expect.poll(async () => (await app.invoke('posts:get', { id: post.id })).status, { timeout: 20_000, interval: 100 }).toBe('published');
      expect(fakes.twitter.tweets.filter((tweet) => tweet.sentText === text)).toHaveLength(1);
      expect(errors).toEqual([]);
    } finally {
      if ((await app.invoke('queue:stats', {})).paused) await app.invoke('queue:resume', {});
      await context.close();
    }
  });
});

describe('layout', () => {
  it('keeps the Publish panel beside the form at 1024 px and after it on a narrow window', async () => {
    const { app, browser } = ready();
    const { context, page, errors } = await openApp(browser, app, '#/compose', 'light', { width: 1024, height: 768 });
    try {
      await page.locator(`[data-testid="account-option"][data-account-id="${x.id}"] input`).check();
      await page.locator('#post-text').fill('Cupping on Friday at 5. Bring a friend!');
      const text = await box(page, '#post-text');
      const panel = await box(page, '.composer-actions');
      expect(panel.x).toBeGreaterThanOrEqual(text.x + text.width);
      expect(overlaps(panel, text)).toBe(false);
      // The whole panel is on screen, buttons included.
      expect(panel.y + panel.height).toBeLessThanOrEqual(768);
      await page.screenshot({ path: screenshotPath('compose-1024', 'light') });

      await page.setViewportSize({ width: 700, height: 800 });
      const narrowText = await box(page, '#post-text');
      const mainCards = await page.locator('.composer-main > *').all();
      const lastCard = (await mainCards[mainCards.length - 1].boundingBox())!;
      const narrowPanel = await box(page, '.composer-actions');
      expect(narrowPanel.y).toBeGreaterThanOrEqual(lastCard.y + lastCard.height);
      expect(overlaps(narrowPanel, narrowText)).toBe(false);
      // Scrolled to the end, it still covers nothing.
      await page.locator('.composer-actions').scrollIntoViewIfNeeded();
      const scrolledPanel = await box(page, '.composer-actions');
      for (const card of mainCards) {
        const cardBox = await card.boundingBox();
        if (cardBox) expect(overlaps(scrolledPanel, cardBox)).toBe(false);
      }
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shrinks the sidebar to named icons at 1024 px, keeps the choice, and marks where an edited post lives', async () => {
    const { app, browser } = ready();
    const post = await app.invoke('posts:create', {
      text: 'An edit in progress',
      targets: [{ accountId: x.id }],
      mode: 'schedule',
      scheduledAt: new Date(zonedInstant({ date: dayFromToday(4, PAGE_ZONE), time: '11:00' }, PAGE_ZONE)).toISOString(),
      timeZone: PAGE_ZONE,
    });
    const { context, page, errors } = await openApp(browser, app, `#/compose/${post.id}`, 'light', { width: 1024, height: 768 });
    try {
      await page.locator('#post-text').waitFor();
      expect(await page.locator('.app').getAttribute('data-sidebar')).toBe('icons');
      const calendarLink = page.getByRole('link', { name: 'Calendar', exact: true });
      expect((await calendarLink.boundingBox())!.width).toBeLessThan(64);
      expect(await calendarLink.getAttribute('title')).toBe('Calendar');
      // Editing a post belongs to the calendar, not to "Compose" (a new post).
      expect(await calendarLink.getAttribute('aria-current')).toBe('page');
      expect(await page.getByRole('link', { name: 'Compose', exact: true }).getAttribute('aria-current')).toBeNull();

      await page.setViewportSize({ width: 1440, height: 900 });
      await expect.poll(() => page.locator('.app').getAttribute('data-sidebar')).toBe('full');
      await page.getByTestId('sidebar-toggle').click();
      expect(await page.locator('.app').getAttribute('data-sidebar')).toBe('icons');
      await page.reload();
      await page.locator('#post-text').waitFor();
      expect(await page.locator('.app').getAttribute('data-sidebar')).toBe('icons');
      await goTo(page, '#/compose');
      await expect.poll(() => page.getByRole('link', { name: 'Compose', exact: true }).getAttribute('aria-current')).toBe('page');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
