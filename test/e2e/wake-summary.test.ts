// Staying on when it matters, in Chromium against the real engine (`publishing-engine web`, fake X): the calendar
// warns while start at login is off and posts are scheduled; after a sleep past due times one summary says what
// became of the posts due meanwhile, and its two actions — publish now, reschedule — each go through in one click, on
// two nights in a row.
// The sleep: the engine's process is frozen (SIGSTOP) past the due times, then told it woke (wake:check), as the
// desktop app's resume handler does — at once, or only after the thawed engine has settled the overdue posts itself
// (a resume event often comes late; under CI's load this run's own call did).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { AccountView, PostView } from '../../shared/domain';
import { sleep, waitFor } from '../helpers/wait-for';
import { connectX } from './support/accounts';
import { openApp } from './support/browser';
import { screenshotPath } from './support/build-output';
import { useSession } from './support/session';

const session = useSession();

/** How far ahead the posts are due: room for the set-up to end before the freeze on a loaded machine. */
const DUE_AHEAD_MS = 4_000;

/** Schedules posts a moment ahead, then freezes the engine past their due times and wakes it. */
async function sleepPast(account: AccountView, texts: readonly string[], wake: { heardLate: boolean }): Promise<PostView[]> {
  const { app } = session();
  // No tolerance while asleep: anything overdue is missed, so a few frozen seconds are enough.
  await app.invoke('settings:set', { lateToleranceMinutes: 0 });
  const firstDue = Date.now() + DUE_AHEAD_MS;
  const posts: PostView[] = [];
  for (const [index, text] of texts.entries()) {
    posts.push(
      await app.invoke('posts:create', {
        text,
        targets: [{ accountId: account.id }],
        mode: 'schedule',
        scheduledAt: new Date(firstDue + index * 300).toISOString(),
      }),
    );
  }
  const asleepSince = Date.now();
  // Else a post went out on time before the sleep, and the night proves nothing.
  expect(asleepSince, 'the set-up to end before the first due time').toBeLessThan(firstDue);
  process.kill(app.pid, 'SIGSTOP');
  await sleep(firstDue + texts.length * 300 + 1_500 - Date.now());
  process.kill(app.pid, 'SIGCONT');
  if (wake.heardLate) {
    await waitFor(
      () => Promise.all(posts.map((post) => app.invoke('posts:get', { id: post.id }))),
      (stored) => stored.every((post) => post.targets.every((target) => target.status === 'failed')),
      20_000,
      'the thawed engine to settle the overdue posts before it hears of the wake',
    );
  }
  await app.invoke('wake:check', { asleepSince: new Date(asleepSince).toISOString() });
  // The manager's usual tolerance again, so what they publish now is not late by its own milliseconds.
  await app.invoke('settings:set', { lateToleranceMinutes: 60 });
  return posts;
}

const bannerText = async (page: Page) => (await page.getByTestId('wake-summary').textContent()) ?? '';

describe('staying on when it matters', () => {
  it('warns in the calendar while start at login is off, and turns it on in one click', async () => {
    const { app, browser, fakes } = session();
    await app.invoke('settings:set', { startAtLogin: false });
    const account = await connectX(app, fakes, '@night_bakery');
    await app.invoke('posts:create', {
      text: 'Sourdough Saturday',
      targets: [{ accountId: account.id }],
      mode: 'schedule',
      scheduledAt: new Date(Date.now() + 48 * 3_600_000).toISOString(),
    });
    const { context, page, errors } = await openApp(browser, app);
    try {
      const banner = page.getByTestId('start-at-login-banner');
      await banner.waitFor();
      expect(await banner.textContent()).toContain('Publishing Engine is not set to start at login. 1 post is scheduled');
      await banner.getByRole('button', { name: 'Start at login' }).click();
      await banner.waitFor({ state: 'detached' });
      expect(await app.invoke('settings:get', {})).toMatchObject({ startAtLogin: true });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it("sums up the posts due while asleep once, publishes the missed ones now in one click, and reschedules another night's in another", async () => {
    const { app, browser, fakes } = session();
    const account = await connectX(app, fakes, '@morning_bakery');
    const { context, page, errors } = await openApp(browser, app);
    try {
      const [first, second] = await sleepPast(account, ['Fresh bread at 7', 'Croissants are out'], { heardLate: false });
      const banner = page.getByTestId('wake-summary');
      await banner.waitFor({ timeout: 20_000 });
      await waitFor(
        () => bannerText(page),
        (text) => text.startsWith('2 posts were due while this computer was asleep: 2 missed.'),
        10_000,
        'the summary',
      );
      expect(await banner.getByRole('link').allTextContents()).toEqual(['Fresh bread at 7', 'Croissants are out']);
      expect(fakes.twitter.tweets).toEqual([]);
      await page.screenshot({ path: screenshotPath('wake-summary', 'light') });

      await banner.getByRole('button', { name: 'Publish now' }).click();
      await waitFor(
        () => bannerText(page),
        (text) => text.startsWith('2 posts were due while this computer was asleep: 2 published late.'),
        20_000,
        'both to go out',
      );
      expect(await banner.getByRole('button', { name: 'Publish now' }).count()).toBe(0);
      expect(fakes.twitter.tweets.map((tweet) => tweet.sentText).sort()).toEqual(['Croissants are out', 'Fresh bread at 7']);
      for (const post of [first, second]) expect((await app.invoke('posts:get', { id: post?.id as string })).status).toBe('published');

      // Another night, shortly after, whose wake is heard late: reschedule moves the missed post to the same time
      // tomorrow, and nothing goes out.
      const [third] = await sleepPast(account, ['Bagels until noon'], { heardLate: true });
      await waitFor(
        () => bannerText(page),
        (text) => text.startsWith('1 post was due while this computer was asleep: 1 missed.'),
        20_000,
        'the second summary',
      );
      await banner.getByRole('button', { name: 'Reschedule' }).click();
      await waitFor(
        () => bannerText(page),
        (text) => text.startsWith('1 post was due while this computer was asleep: 1 rescheduled.'),
        10_000,
        'the post to be rescheduled',
      );
      const moved = await app.invoke('posts:get', { id: third?.id as string });
      expect(moved.status).toBe('scheduled');
      expect(Date.parse(moved.scheduledAt as string) - Date.parse(third?.scheduledAt as string)).toBe(24 * 3_600_000);
      expect(fakes.twitter.tweets.map((tweet) => tweet.sentText)).not.toContain('Bagels until noon');

      await banner.getByRole('button', { name: 'Dismiss the summary' }).click();
      await banner.waitFor({ state: 'detached' });
      expect(await app.invoke('wake:summary', {})).toBeNull();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
