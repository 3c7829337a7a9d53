// A busy month as a manager sees it, in Chromium against a real engine: 300 posts over next month, readable at 1440
// and 1024 px in light and dark (screenshots in test-artifacts/screenshots/calendar-month-300-*), the keyboard in the
// grid, the week view's stacks, the List view, and filters that persist and show in the header.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AccountView, PostView } from '../../shared/domain';
import { FIRST_SCREEN_MARK } from '../../shared/first-screen';
import { connectLinkedIn, connectX } from './support/accounts';
import { screenshotPath } from './support/build-output';
import { PAGE_LOCALE, PAGE_ZONE, openApp } from './support/browser';
import { BUSY_MONTH_POSTS, nextMonth, seedBusyMonth } from './support/busy-month';
import { useSession } from './support/session';
import { zonedInstant } from './support/wall-time';

const ready = useSession();
const month = nextMonth();
const monthName = new Intl.DateTimeFormat(PAGE_LOCALE, { month: 'long', timeZone: 'UTC' }).format(Date.UTC(month.year, month.month, 15));
const day = (n: number): string => `${month.key}-${String(n).padStart(2, '0')}`;
const monthRoute = `#/calendar?date=${day(1)}`;
let x: AccountView;
let linkedIn: AccountView;
let posts: PostView[];

beforeAll(async () => {
  const { app, fakes, media } = ready();
  [x, linkedIn] = await Promise.all([connectX(app, fakes, '@roastery'), connectLinkedIn(app, fakes, 'Roastery Team')]);
  posts = await seedBusyMonth(app, media, x, linkedIn);
}, 120_000);

interface FocusFacts {
  day: string | null;
  item: string | null;
  testId: string | null;
  postId: string | null;
  inGrid: boolean;
  inPopover: boolean;
}

/** Where keyboard focus is: its grid place (day, item), what it is, and whether it is in the grid or the popover. */
function focused(page: Page): Promise<FocusFacts> {
  return page.evaluate(() => {
    interface Focusable {
      dataset: Record<string, string | undefined>;
      closest(selector: string): unknown;
    }
    const active = (globalThis as unknown as { document: { activeElement: Focusable | null } }).document.activeElement;
    return {
      day: active?.dataset.day ?? null,
      item: active?.dataset.item ?? null,
      testId: active?.dataset.testid ?? null,
      postId: active?.dataset.postId ?? null,
      inGrid: Boolean(active?.closest('[role="grid"]')),
      inPopover: Boolean(active?.closest('[data-testid="day-popover"]')),
    };
  });
}

async function widths(page: Page, selector: string): Promise<number[]> {
  const boxes = await Promise.all((await page.locator(selector).all()).map((element) => element.boundingBox()));
  return boxes.map((box) => box?.width ?? 0);
}

describe('a busy month at a glance', () => {
  for (const [width, height] of [
    [1440, 900],
    [1024, 768],
  ] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`shows ${BUSY_MONTH_POSTS} posts readably at ${width} px (${scheme})`, async () => {
        const { app, browser } = ready();
        const { context, page, errors } = await openApp(browser, app, monthRoute, scheme, { width, height });
        try {
          // The count is the month's own, in words.
          expect(await page.getByTestId('calendar-count').textContent()).toBe(`${BUSY_MONTH_POSTS} posts in ${monthName}`);
          for (const image of await page.locator('img.chip-thumb').all()) {
            await expect.poll(() => image.evaluate((element: { complete: boolean }) => element.complete)).toBe(true);
          }
          if (width === 1024) expect(await page.locator('.app').getAttribute('data-sidebar')).toBe('icons');

          // Every day of the month shows at least two chips with room for words, and says how many more it holds.
          const cells = page.locator(`[data-testid="month-day"]:not(.is-outside)`);
          expect(await cells.count()).toBe(month.days);
          for (const n of [1, 10, month.days]) {
            const cell = page.locator(`[data-testid="month-day"][data-day="${day(n)}"]`);
            const chips = cell.locator('[data-testid="calendar-event"]');
            expect(await chips.count()).toBeGreaterThanOrEqual(2);
            const shown = await chips.count();
            const total = posts.filter((post) => post.scheduledAt && day(n) === dayInBerlin(post.scheduledAt)).length;
            expect(await cell.getByTestId('month-more').textContent()).toBe(`+${total - shown} more`);
          }
          const textWidths = await widths(page, '.chip-month .chip-body');
          expect(Math.min(...textWidths)).toBeGreaterThanOrEqual(width === 1024 ? 60 : 100);
          // Two lines of text per chip, each with the time and platform marks first.
          const first = page.locator(`[data-day="${day(1)}"] .chip-month`).first();
          // The page's clock is 24-hour (en-GB): two hour digits, as the composer writes them; the day starts at 08:30.
          expect(await first.locator('.chip-time').textContent()).toMatch(/^\d{2}:\d{2}$/);
          expect(await first.locator('.chip-marks .chip-mark').count()).toBeGreaterThanOrEqual(1);

          await page.screenshot({ path: screenshotPath(`calendar-month-300-${width}`, scheme) });
          expect(errors).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
  }

  it('asks for the month’s posts on a cold start with the settings, before the first render, once', async () => {
    const { app, browser } = ready();
    const { context, page, errors } = await openApp(browser, app, monthRoute);
    try {
      await page.getByTestId('calendar-count').waitFor();
      const asked: { channel: string }[] = [];
      page.on('request', (request) => {
        if (!request.url().endsWith('/api/invoke')) return;
        asked.push({ channel: (JSON.parse(request.postData() ?? '{}') as { channel: string }).channel });
      });
      await page.reload();
      await expect.poll(() => page.getByTestId('calendar-count').textContent()).toBe(`${BUSY_MONTH_POSTS} posts in ${monthName}`);
      expect(await page.locator(`[data-testid="month-day"][data-day="${day(1)}"] [data-testid="calendar-event"]`).count()).toBeGreaterThanOrEqual(2);
      // Right after the settings (which decide the calendar's days) and the accounts (small, so they are in before the
      // posts and the calendar is drawn once), before the first render asks for anything else; not asked again once
      // the settings are known. The month asks for its days, in the computer's zone (the settings follow it here),
      // never for every post.
      expect(asked.slice(0, 3).map((call) => call.channel)).toEqual(['settings:get', 'accounts:list', 'posts:calendarDays']);
      expect(asked.filter((call) => call.channel === 'posts:calendarDays')).toHaveLength(1);
      expect(asked.map((call) => call.channel)).not.toContain('posts:calendar');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('marks its first screen once React has drawn it, with the month’s posts when their answer came in time', async () => {
    const { app, browser } = ready();
    const { context, page, errors } = await openApp(browser, app, monthRoute);
    try {
      await page.getByTestId('calendar-count').waitFor();
      // From the next load on: when the app's root first holds something, and when the month's first post shows.
      await context.addInitScript(`(() => {
        const observer = new MutationObserver(() => {
          if (document.getElementById('root')?.childElementCount && window.rootDrawnAt === undefined) window.rootDrawnAt = performance.now();
          if (!document.querySelector('[data-testid="calendar-event"]')) return;
          window.postDrawnAt = performance.now();
          observer.disconnect();
        });
        observer.observe(document, { childList: true, subtree: true });
      })()`);
      await page.reload();
      const handle = await page.waitForFunction((name) => {
        const marks = performance.getEntriesByName(name) as unknown as { startTime: number; detail: unknown }[];
        const drawn = globalThis as unknown as { rootDrawnAt?: number; postDrawnAt?: number };
        const mark = marks[0];
        return (
          mark && {
            count: marks.length,
            at: mark.startTime,
            detail: mark.detail as unknown,
            rootDrawnAt: drawn.rootDrawnAt,
            postDrawnAt: drawn.postDrawnAt,
          }
        );
      }, FIRST_SCREEN_MARK);
      const mark = (await handle.jsonValue()) as {
        count: number;
        at: number;
        detail: { answered: boolean };
        rootDrawnAt: number;
        postDrawnAt?: number;
      };
      expect(mark.count).toBe(1);
      expect(mark.at).toBeGreaterThanOrEqual(mark.rootDrawnAt);
      expect(typeof mark.detail.answered).toBe('boolean');
      // Drawn with its answers (the usual case; a slow engine gets the screen drawn empty first), the month's posts were
      // on that first screen.
      if (mark.detail.answered) expect(mark.at).toBeGreaterThanOrEqual(mark.postDrawnAt ?? Number.POSITIVE_INFINITY);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('asks for the month’s days once as the address moves to the calendar from another screen, and again each time', async () => {
    const { app, browser } = ready();
    const { context, page, errors } = await openApp(browser, app, '#/settings', 'light', { width: 1440, height: 900 });
    try {
      await page.locator('#late-title').waitFor();
      const asked: string[] = [];
      page.on('request', (request) => {
        if (!request.url().endsWith('/api/invoke')) return;
        asked.push((JSON.parse(request.postData() ?? '{}') as { channel: string }).channel);
      });
      const moveTo = (route: string) =>
        page.evaluate((hash) => ((globalThis as unknown as { location: { hash: string } }).location.hash = hash), route);
      for (const visit of [1, 2]) {
        await moveTo(monthRoute);
        await expect.poll(() => page.getByTestId('calendar-count').textContent()).toBe(`${BUSY_MONTH_POSTS} posts in ${monthName}`);
        // The answer asked for as the address changed is the one the calendar draws: not asked a second time. The
        // month asks for its days (each day's count and first posts), never for every post.
        expect(
          asked.filter((channel) => channel === 'posts:calendarDays'),
          `visit ${visit}`,
        ).toHaveLength(visit);
        expect(asked, `visit ${visit}`).not.toContain('posts:calendar');
        await moveTo('#/settings');
        await page.locator('#late-title').waitFor();
      }
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('lists every post of a day read by its first posts in "+N more", and keeps each day’s count as posts come and go', async () => {
    const { app, browser } = ready();
    const { context, page, errors } = await openApp(browser, app, '#/settings', 'light', { width: 1440, height: 900 });
    try {
      await page.locator('#late-title').waitFor();
      // Arriving from another screen, the month is read by day: the grid holds only each day's first posts.
      await page.evaluate((hash) => ((globalThis as unknown as { location: { hash: string } }).location.hash = hash), monthRoute);
      await expect.poll(() => page.getByTestId('calendar-count').textContent()).toBe(`${BUSY_MONTH_POSTS} posts in ${monthName}`);
      const onDay = (n: number): PostView[] => posts.filter((post) => dayInBerlin(post.scheduledAt) === day(n));
      const cell = (n: number) => page.locator(`[data-testid="month-day"][data-day="${day(n)}"]`);
      const more = async (n: number): Promise<string | null> => cell(n).getByTestId('month-more').textContent();
      const shown = async (n: number): Promise<number> => cell(n).getByTestId('calendar-event').count();

      await cell(2).getByTestId('month-more').click();
      const popover = page.getByTestId('day-popover');
      await expect.poll(() => popover.getByTestId('calendar-event').count()).toBe(onDay(2).length);
      expect(await popover.getAttribute('aria-label')).toContain(`${onDay(2).length} posts`);
      expect(await popover.locator('[data-post-id]').evaluateAll((chips) => chips.map((chip) => chip.getAttribute('data-post-id')))).toEqual(
        expect.arrayContaining(onDay(2).map((post) => post.id)),
      );
      await page.keyboard.press('Escape');
      await popover.waitFor({ state: 'detached' });

      // A post written elsewhere (the CLI, another window) on the 4th: its count goes up; deleted, down again.
      expect(await more(4)).toBe(`+${onDay(4).length - (await shown(4))} more`);
      const added = await app.invoke('posts:create', {
        text: 'A late addition to the 4th',
        targets: [{ accountId: x.id }],
        mode: 'schedule',
        scheduledAt: new Date(zonedInstant({ date: day(4), time: '23:30' }, PAGE_ZONE)).toISOString(),
        timeZone: PAGE_ZONE,
      });
      await expect.poll(async () => more(4)).toBe(`+${onDay(4).length + 1 - (await shown(4))} more`);
      await expect.poll(() => page.getByTestId('calendar-count').textContent()).toBe(`${BUSY_MONTH_POSTS + 1} posts in ${monthName}`);
      await app.invoke('posts:delete', { id: added.id });
      await expect.poll(async () => more(4)).toBe(`+${onDay(4).length - (await shown(4))} more`);
      await expect.poll(() => page.getByTestId('calendar-count').textContent()).toBe(`${BUSY_MONTH_POSTS} posts in ${monthName}`);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('is one Tab stop; the arrow keys move between days and posts; Esc closes "+N more"', async () => {
    const { app, browser } = ready();
    const { context, page, errors } = await openApp(browser, app, monthRoute, 'light', { width: 1440, height: 900 });
    try {
      await page.getByTestId('calendar-count').waitFor();
      // The last control before the grid, then one Tab: the grid's day. One more Tab leaves the grid.
      await page.getByTestId('filter-status').focus();
      await page.keyboard.press('Tab');
      expect(await focused(page)).toMatchObject({ day: day(1), item: '0', inGrid: true });
      await page.keyboard.press('Tab');
      expect((await focused(page)).inGrid).toBe(false);
      await page.keyboard.press('Shift+Tab');
      expect(await focused(page)).toMatchObject({ day: day(1), item: '0', inGrid: true });

      await page.keyboard.press('ArrowRight');
      expect(await focused(page)).toMatchObject({ day: day(2), item: '0' });
      await page.keyboard.press('ArrowDown');
      expect(await focused(page)).toMatchObject({ day: day(2), item: '1', testId: 'calendar-event' });
      // Keyboard focus on a chip shows the whole post beside it.
      await page.getByTestId('post-peek').waitFor();
      const shown = await page.locator(`[data-testid="month-day"][data-day="${day(2)}"] [data-testid="calendar-event"]`).count();
      for (let step = 1; step <= shown; step++) await page.keyboard.press('ArrowDown');
      expect(await focused(page)).toMatchObject({ day: day(2), testId: 'month-more' });

      await page.keyboard.press('Enter');
      const popover = page.getByTestId('day-popover');
      await popover.waitFor();
      // The day's first posts at once, then the rest of the day.
      await expect
        .poll(() => popover.locator('[data-testid="calendar-event"]').count())
        .toBe(posts.filter((post) => dayInBerlin(post.scheduledAt) === day(2)).length);
      expect((await focused(page)).inPopover).toBe(true);
      await page.keyboard.press('ArrowDown');
      expect((await focused(page)).inPopover).toBe(true);
      await page.keyboard.press('Escape');
      await popover.waitFor({ state: 'detached' });
      expect(await focused(page)).toMatchObject({ day: day(2), testId: 'month-more' });

      // Down past the day goes to the same weekday a week later; Enter on a post opens it.
      await page.keyboard.press('ArrowDown');
      expect(await focused(page)).toMatchObject({ day: day(9), item: '0' });
      await page.keyboard.press('ArrowDown');
      const { postId } = await focused(page);
      await page.keyboard.press('Enter');
      await page.locator(`[data-testid="post-detail"][data-post-id="${postId}"]`).waitFor();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('opens Week on the week in view after moving to another month, and on the day the keyboard chose', async () => {
    const { app, browser } = ready();
    const { context, page, errors } = await openApp(browser, app, '#/calendar');
    try {
      await page.getByTestId('calendar-label').waitFor();
      await page.getByRole('button', { name: 'Next', exact: true }).click();
      expect(await page.getByTestId('calendar-label').textContent()).toBe(`${monthName} ${month.year}`);
      await page.getByRole('button', { name: 'Week', exact: true }).click();
      await page.locator(`.tg-day-head[data-day="${day(1)}"]`).waitFor();

      await page.getByRole('button', { name: 'Month', exact: true }).click();
      await page.getByTestId('calendar-count').waitFor();
      await page.locator(`[data-testid="month-day"][data-day="${day(1)}"]`).focus();
      for (let step = 0; step < 14; step++) await page.keyboard.press('ArrowRight');
      expect(await focused(page)).toMatchObject({ day: day(15), item: '0' });
      await page.getByRole('button', { name: 'Week', exact: true }).click();
      await page.locator(`.tg-day-head[data-day="${day(15)}"]`).waitFor();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('stacks posts of the same hour in the week view, each at full width', async () => {
    const { app, browser } = ready();
    const { context, page, errors } = await openApp(browser, app, `#/calendar?view=week&date=${day(3)}`, 'light', { width: 1024, height: 768 });
    try {
      const cell = page.locator(`[data-testid="hour-cell"][data-day="${day(3)}"][data-hour="9"]`);
      const chips = cell.locator('[data-testid="calendar-event"]');
      await chips.first().waitFor();
      const boxes = (await Promise.all((await chips.all()).map((chip) => chip.boundingBox()))).filter((box) => box !== null);
      const cellBox = (await cell.boundingBox())!;
      expect(boxes.length).toBeGreaterThanOrEqual(3);
      for (const [index, box] of boxes.entries()) {
        expect(box.width).toBeGreaterThan(cellBox.width * 0.85);
        if (index > 0) expect(box.y).toBeGreaterThanOrEqual(boxes[index - 1].y + boxes[index - 1].height);
      }
      // Each shows its time and words, not a sliver.
      expect(await chips.first().locator('.chip-text').textContent()).not.toBe('');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows the whole post when the pointer rests on a chip', async () => {
    const { app, browser } = ready();
    const { context, page } = await openApp(browser, app, monthRoute, 'light', { width: 1440, height: 900 });
    try {
      const chip = page.locator(`[data-day="${day(4)}"] [data-testid="calendar-event"]`).first();
      const postId = await chip.getAttribute('data-post-id');
      const post = posts.find((candidate) => candidate.id === postId)!;
      await chip.hover();
      const peek = page.getByTestId('post-peek');
      await peek.waitFor();
      expect(await peek.locator('.post-peek-text').textContent()).toBe(post.text);
      await page.mouse.move(5, 5);
      await peek.waitFor({ state: 'detached' });
    } finally {
      await context.close();
    }
  });
});

describe('the List view and filters', () => {
  it('lists the posts ahead by day, with text, pictures, accounts and status', async () => {
    const { app, browser } = ready();
    const { context, page, errors } = await openApp(browser, app, `#/calendar?view=list&date=${day(1)}`);
    try {
      await page.getByTestId('agenda-post').first().waitFor();
      const days = await Promise.all((await page.locator('.agenda-day').all()).map((section) => section.getAttribute('data-day')));
      expect(days[0]).toBe(day(1));
      expect(days).toHaveLength(28);
      expect([...days].sort()).toEqual(days);
      const rows = page.getByTestId('agenda-post');
      const inFourWeeks = posts.filter((post) => dayInBerlin(post.scheduledAt) <= day(28));
      expect(await rows.count()).toBe(inFourWeeks.length);
      expect(await page.getByTestId('calendar-count').textContent()).toBe(`${inFourWeeks.length} posts in these 4 weeks`);

      const withPicture = posts.find((post) => post.mediaUrls.length > 0 && dayInBerlin(post.scheduledAt) === day(1))!;
      const row = page.locator(`[data-testid="agenda-post"][data-post-id="${withPicture.id}"]`);
      expect(await row.locator('img.post-row-thumb').getAttribute('src')).toBe(withPicture.mediaUrls[0]);
      expect(await row.locator('.post-row-text').textContent()).toBe(withPicture.text);
      expect(await row.getByTestId('post-row-account').count()).toBe(withPicture.targets.length);
      expect(await row.getByTestId('post-status').textContent()).toBe('Scheduled');

      await page.getByRole('button', { name: 'Show the next four weeks' }).click();
      await page.locator(`.agenda-day[data-day="${day(29)}"]`).waitFor();

      // The view managers live in is where the calendar opens again, and where the sidebar leads.
      expect(await page.getByRole('link', { name: 'Calendar', exact: true }).getAttribute('href')).toBe('#/calendar?view=list');
      await page.goto(app.url);
      // The list from today: the busy month is next month, so in a month's first days these four weeks hold none of it.
      await page.locator('[data-testid="calendar-count"], [data-testid="calendar-empty"]').filter({ hasText: 'in these 4 weeks' }).waitFor();
      expect(page.url()).toBe(`${app.origin}/#/calendar?view=list`);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('filters by account, platform, status and words; the filter stays and the header says so', async () => {
    const { app, browser } = ready();
    const { context, page, errors } = await openApp(browser, app, `#/calendar?view=list&date=${day(1)}`);
    try {
      await page.getByTestId('agenda-post').first().waitFor();
      await page.getByTestId('filter-accounts').click();
      await page.getByRole('checkbox', { name: 'Roastery Team' }).check();
      await page.keyboard.press('Escape');
      const chips = page.getByTestId('filter-chip');
      await chips.filter({ hasText: 'Roastery Team' }).waitFor();
      await page.getByTestId('calendar-search').fill('WINTER blend');
      await chips.filter({ hasText: '“WINTER blend”' }).waitFor();
      await page.getByTestId('calendar-loading').waitFor({ state: 'detached' });

      const expected = posts.filter(
        (post) =>
          post.targets.some((target) => target.accountId === linkedIn.id) &&
          /winter blend/i.test(post.text) &&
          dayInBerlin(post.scheduledAt) <= day(28),
      );
      const rows = page.getByTestId('agenda-post');
      await expect.poll(() => rows.count()).toBe(expected.length);
      expect(expected.length).toBeGreaterThan(0);
      for (const text of await rows.locator('.post-row-text').allTextContents()) expect(text).toMatch(/winter blend/i);

      // Kept across a restart, and across views: the month counts what matches, and says so.
      await page.reload();
      await chips.filter({ hasText: 'Roastery Team' }).waitFor();
      expect(await page.getByTestId('calendar-search').inputValue()).toBe('WINTER blend');
      await page.getByRole('button', { name: 'Month', exact: true }).click();
      // Every post of this file is in that month.
      const matching = await app.invoke('posts:list', { accountIds: [linkedIn.id], search: 'winter blend' });
      await expect.poll(() => page.getByTestId('calendar-count').textContent()).toBe(`${matching.length} matching posts in ${monthName}`);

      // Status and platform narrow it further; each chip in the header removes its own part.
      await page.getByTestId('filter-status').click();
      await page.getByRole('checkbox', { name: 'Draft' }).check();
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Stop filtering by “WINTER blend”' }).click();
      await page.getByRole('button', { name: 'Stop filtering by Roastery Team' }).click();
      const drafts = posts.filter((post) => post.status === 'draft');
      await expect.poll(() => page.getByTestId('calendar-count').textContent()).toBe(`${drafts.length} matching posts in ${monthName}`);
      for (const chip of await page.locator('[data-testid="calendar-event"]').all()) expect(await chip.getAttribute('data-status')).toBe('draft');

      await page.getByRole('button', { name: 'Clear filters' }).click();
      await expect.poll(() => page.getByTestId('calendar-count').textContent()).toBe(`${BUSY_MONTH_POSTS} posts in ${monthName}`);
      expect(await page.getByTestId('active-filters').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

/** The day a post is shown on in the page's zone (Europe/Berlin), as YYYY-MM-DD. */
function dayInBerlin(instant: string | null): string {
  if (!instant) return '';
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}
