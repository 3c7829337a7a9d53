// The main promise, end to end: a post written and scheduled in the real UI (in Chromium, against `npm run web`'s
// engine with real Redis and SQLite) shows on the calendar, goes out on time to the fake X, and its detail shows
// X's post id and link. Also the bridge's guard: the token leaves the address bar, and nobody without it gets in.
import { beforeAll, describe, expect, it } from 'vitest';
import type { AccountView } from '../../shared/domain';
import { connectX } from './support/accounts';
import { PAGE_ZONE, goTo, openApp } from './support/browser';
import { useSession } from './support/session';
import { nextWholeMinute, wallTime } from './support/wall-time';

/** The composer picks times to the minute: the post is due at the first whole minute at least this far ahead. */
const SCHEDULE_LEAD_MS = 10_000;
/** Up to a minute of waiting for the due minute, plus the lead and the checks. */
const SCHEDULE_TEST_TIMEOUT_MS = 110_000;
const PUBLISH_GRACE_MS = 15_000;

const ready = useSession();
let x: AccountView;

beforeAll(async () => {
  const { app, fakes } = ready();
  x = await connectX(app, fakes);
});

describe('the web bridge', () => {
  it('takes the token out of the address bar, keeps working after a reload, and refuses requests without it', async () => {
    const { app, browser } = ready();
    const { context, page } = await openApp(browser, app, '#/queue');
    try {
      await page.getByRole('heading', { name: 'Queue', exact: true }).waitFor();
      expect(page.url()).toBe(`${app.origin}/#/queue`);
      await page.reload();
      await page.getByRole('heading', { name: 'Queue', exact: true }).waitFor();
      await page.getByTestId('queue-summary').waitFor();

      const stranger = await browser.newPage();
      await stranger.goto(`${app.origin}/#/calendar`);
      await stranger.getByTestId('not-connected').waitFor();
      expect(await stranger.getByTestId('not-connected').textContent()).toContain('npm run web');
      await stranger.close();

      const call = { channel: 'accounts:list', input: {} };
      expect((await app.post('/api/invoke', call, { origin: app.origin })).status).toBe(403);
      expect((await app.post('/api/invoke', call, { origin: app.origin, 'x-api-token': `${app.token}x` })).status).toBe(403);
      expect((await app.post('/api/invoke', call, { origin: 'http://evil.example', 'x-api-token': app.token })).status).toBe(403);
      expect(await app.post('/api/invoke', call, { origin: app.origin, 'x-api-token': app.token })).toMatchObject({
        status: 200,
        body: { ok: true },
      });
    } finally {
      await context.close();
    }
  });
});

describe('compose, schedule, publish', () => {
  it(
    'shows a scheduled post on the calendar, publishes it on time, and links the live post',
    async () => {
      const { app, browser, fakes } = ready();
      const { context, page, errors } = await openApp(browser, app, '#/compose');
      try {
        const text = `Fresh beans are in: come by the roastery today ☕ ${Date.now().toString(36)}`;
        await page.locator('#post-text').fill(text);
        await page.locator(`[data-testid="account-option"][data-account-id="${x.id}"] input`).check();
        const dueAt = nextWholeMinute(SCHEDULE_LEAD_MS);
        const when = wallTime(dueAt, PAGE_ZONE);
        await page.locator('#schedule-date').fill(when.date);
        await page.locator('#schedule-time').fill(when.time);
        await page.getByTestId('schedule-summary').waitFor();
        await page.getByRole('button', { name: 'Schedule', exact: true }).click();

        const detail = page.locator('[data-testid="post-detail"][data-status="scheduled"]');
        await detail.waitFor();
        const postId = (await detail.getAttribute('data-post-id')) ?? '';
        expect(postId).not.toBe('');
        expect(fakes.twitter.tweets).toHaveLength(0);

        await goTo(page, `#/calendar?date=${when.date}`);
        const event = page.locator(`[data-testid="calendar-event"][data-post-id="${postId}"]`);
        await event.waitFor();
        expect(await event.getAttribute('data-status')).toBe('scheduled');

        // The calendar follows the engine's events: the same block turns published without a reload.
        await page
          .locator(`[data-testid="calendar-event"][data-post-id="${postId}"][data-status="published"]`)
          .waitFor({ timeout: dueAt - Date.now() + PUBLISH_GRACE_MS });
        expect(fakes.twitter.tweets).toHaveLength(1);
        const tweet = fakes.twitter.tweets[0];
        expect(tweet.sentText).toBe(text);
        expect(tweet.createdAt).toBeGreaterThanOrEqual(dueAt);
        expect(tweet.createdAt).toBeLessThan(dueAt + PUBLISH_GRACE_MS);

        await event.click();
        await page.locator(`[data-testid="post-detail"][data-post-id="${postId}"][data-status="published"]`).waitFor();
        const row = page.locator('[data-testid="target-row"][data-platform="twitter"]');
        expect(await row.getAttribute('data-status')).toBe('published');
        expect(await row.textContent()).toContain(`post id ${tweet.id}`);
        expect(await row.getByTestId('target-link').getAttribute('href')).toBe(`https://x.com/i/web/status/${tweet.id}`);

        // The CLI reaches the same engine through its control socket.
        const shown = await app.cli(['posts', 'show', postId]);
        expect(shown.code, shown.stderr).toBe(0);
        expect(JSON.parse(shown.stdout)).toMatchObject({ id: postId, status: 'published', targets: [{ platformPostId: tweet.id }] });
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    SCHEDULE_TEST_TIMEOUT_MS,
  );
});
