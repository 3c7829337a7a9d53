// The settings a manager expects, chosen in the real UI against a real engine, and applied wherever times and weeks
// are shown: the default zone (the page itself runs in Berlin), the first day of the week, the clock, and the
// accounts a new post starts with.
import { beforeAll, describe, expect, it } from 'vitest';
import type { AccountView } from '../../shared/domain';
import { connectLinkedIn, connectX } from './support/accounts';
import { goTo, openApp } from './support/browser';
import { useSession } from './support/session';
import { wallTime } from './support/wall-time';

const ready = useSession();
let x: AccountView;
let linkedIn: AccountView;

beforeAll(async () => {
  const { app, fakes } = ready();
  [x, linkedIn] = await Promise.all([connectX(app, fakes), connectLinkedIn(app, fakes)]);
});

describe('settings applied everywhere', () => {
  it('a default zone, Sunday first and a 12-hour clock change the calendar, the post and the composer', async () => {
    const { app, browser } = ready();
    // 21:30 UTC: still the same evening in Berlin, already the next morning in Tokyo (6:30).
    const due = new Date(Date.now() + 10 * 86_400_000);
    due.setUTCHours(21, 30, 0, 0);
    const post = await app.invoke('posts:create', {
      text: 'Morning in Tokyo, night in Berlin',
      targets: [{ accountId: x.id }],
      mode: 'schedule',
      scheduledAt: due.toISOString(),
      timeZone: 'Europe/Berlin',
    });
    const berlinDay = wallTime(due.getTime(), 'Europe/Berlin').date;
    const tokyoDay = wallTime(due.getTime(), 'Asia/Tokyo').date;
    expect(tokyoDay).not.toBe(berlinDay);

    const { context, page, errors } = await openApp(browser, app, '#/settings');
    try {
      const zone = page.locator('#settings-zone');
      await zone.waitFor();
      expect(await zone.locator('option:checked').textContent()).toBe('This computer’s (Europe/Berlin)');
      await zone.selectOption('Asia/Tokyo');
      await page.locator('#settings-week').selectOption('sunday');
      await page.locator('#settings-clock').selectOption('12h');
      await page.locator(`[data-testid="default-accounts"] [data-account-id="${linkedIn.id}"] input`).check();
      // Each change saves on its own request; on a loaded machine four of them take longer than poll's default second.
      await expect
        .poll(() => app.invoke('settings:get', {}), { timeout: 10_000 })
        .toMatchObject({ timeZone: 'Asia/Tokyo', weekStartsOn: 'sunday', clock: '12h', defaultAccountIds: [linkedIn.id] });

      // The month: Sunday first, the post on Tokyo's day at Tokyo's 6:30 am.
      await goTo(page, `#/calendar?date=${tokyoDay}`);
      await page.locator('.month-head-cell').first().waitFor();
      expect(await page.locator('.month-head-cell').first().textContent()).toBe('Sun');
      const chip = page.locator(`[data-testid="calendar-event"][data-post-id="${post.id}"]`);
      await chip.waitFor();
      expect(await chip.getAttribute('data-day')).toBe(tokyoDay);
      expect((await chip.locator('.chip-time').textContent())?.toLowerCase()).toBe('6:30 am');
      expect(await page.getByTestId('calendar-zone').textContent()).toContain('Asia/Tokyo');

      // The post says when in its own zone and in the user's.
      await goTo(page, `#/posts/${post.id}`);
      const when = page.getByTestId('post-when');
      await when.waitFor();
      expect(await when.textContent()).toMatch(/Your time: .*6:30\s?am/i);

      // A new post starts in Tokyo with the default account chosen.
      await goTo(page, '#/compose');
      await page.locator('#schedule-zone').waitFor();
      expect(await page.locator('#schedule-zone').inputValue()).toBe('Asia/Tokyo');
      expect(await page.locator(`[data-testid="account-option"][data-account-id="${linkedIn.id}"] input`).isChecked()).toBe(true);
      expect(await page.locator(`[data-testid="account-option"][data-account-id="${x.id}"] input`).isChecked()).toBe(false);

      // Back to the computer's zone: the same post sits on Berlin's day again.
      await goTo(page, '#/settings');
      await page.locator('#settings-zone').selectOption('');
      await expect.poll(async () => (await app.invoke('settings:get', {})).timeZone).toBeNull();
      await goTo(page, `#/calendar?date=${berlinDay}`);
      await page.locator(`[data-testid="calendar-event"][data-post-id="${post.id}"][data-day="${berlinDay}"]`).waitFor();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
