// Posting slots, from set-up to publish, in Chromium against `npm run web`'s engine (real Redis and SQLite, the fake
// platforms): slots set on the Accounts page (and with the CLI) show in the List view as empty slots; "Add to queue" in the composer fills the
// account's next free one (and says clearly when an account has none); the queue is reordered with Alt+Arrow and by
// dragging onto an empty slot; and the queued post goes out at its slot. Also: a draft dragged from Drafts onto a
// day is scheduled there, asking for its accounts.
import { beforeAll, describe, expect, it } from 'vitest';
import type { AccountView, PostView } from '../../shared/domain';
import { connectLinkedIn, connectX } from './support/accounts';
import { PAGE_ZONE, goTo, openApp } from './support/browser';
import { useSession } from './support/session';
import { dayFromToday, nextWholeMinute, wallTime, zonedInstant } from './support/wall-time';

/** The engine offers no slot closer than a minute (it could be due before it is saved): the X slot is past that. */
const SLOT_LEAD_MS = 75_000;
const PUBLISH_GRACE_MS = 15_000;
const SLOTS_TEST_TIMEOUT_MS = 200_000;

const ready = useSession();
let x: AccountView;
let linkedIn: AccountView;

beforeAll(async () => {
  const { app, fakes } = ready();
  x = await connectX(app, fakes);
  linkedIn = await connectLinkedIn(app, fakes);
});

const weekday = (instant: number): string =>
  new Intl.DateTimeFormat('en-US', { timeZone: PAGE_ZONE, weekday: 'short' }).format(new Date(instant)).toLowerCase();

describe('posting slots', () => {
  it(
    'set up, shown as empty slots, filled by Add to queue, reordered, and published at the slot',
    async () => {
      const { app, browser, fakes } = ready();
      const slotAt = nextWholeMinute(SLOT_LEAD_MS);
      const slot = wallTime(slotAt, PAGE_ZONE);
      const { context, page, errors } = await openApp(browser, app, '#/accounts');
      try {
        // Set up on the Accounts page: the X account posts at one time on the slot's weekday, in Berlin.
        const xRow = page.locator(`[data-testid="account-row"][data-account-id="${x.id}"]`);
        await xRow.getByTestId('posting-slots').click();
        const editor = xRow.getByTestId('slots-editor');
        await editor.waitFor();
        for (const day of ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']) {
          const label = day.charAt(0).toUpperCase() + day.slice(1);
          await editor.getByRole('checkbox', { name: label, exact: true }).setChecked(day === weekday(slotAt));
        }
        await editor.getByTestId('slot-time').fill(slot.time);
        await editor.getByRole('button', { name: 'Add', exact: true }).click();
        await editor.getByTestId('slot-zone').fill(PAGE_ZONE);
        await editor.locator(`[data-testid="slot-chip"][data-day="${weekday(slotAt)}"][data-time="${slot.time}"]`).waitFor();
        await editor.getByRole('button', { name: 'Save slots', exact: true }).click();
        await expect
          .poll(() => app.invoke('slots:get', { accountId: x.id }))
          .toEqual({ accountId: x.id, timeZone: PAGE_ZONE, slots: [{ day: weekday(slotAt), time: slot.time }] });

        await goTo(page, '#/calendar?view=list');
        // The List view shows the slot as a quiet row that writes a post for it.
        const xSlot = page.locator(`[data-testid="agenda-slot"][data-account-id="${x.id}"][data-at="${new Date(slotAt).toISOString()}"]`);
        await xSlot.waitFor();
        expect(await xSlot.textContent()).toMatch(new RegExp(`^${slot.time}\\s*Empty slot · \\s*@brand$`));
        expect(await xSlot.getAttribute('href')).toBe(
          `#/compose?at=${encodeURIComponent(new Date(slotAt).toISOString())}&account=${encodeURIComponent(x.id)}`,
        );

        // An account without slots: Add to queue says so next to the accounts, and stores nothing.
        await goTo(page, '#/compose');
        await page.locator('#post-text').fill('Queued for LinkedIn');
        await page.locator(`[data-testid="account-option"][data-account-id="${linkedIn.id}"] input`).check();
        await page.getByRole('button', { name: 'Add to queue', exact: true }).click();
        await expect
          .poll(() => page.getByTestId('field-error').allTextContents())
          .toEqual([expect.stringContaining('"Ada Lovelace" has no posting slots yet')]);
        expect(await app.invoke('posts:list', {})).toEqual([]);
        // Back to an empty composer, so leaving has nothing to ask about.
        await page.locator('#post-text').fill('');
        await page.locator(`[data-testid="account-option"][data-account-id="${linkedIn.id}"] input`).uncheck();

        // The empty slot opens the composer at its time with its account chosen; Add to queue fills it.
        await goTo(page, '#/calendar?view=list');
        await xSlot.click();
        await page.locator('#post-text').waitFor();
        expect(await page.locator(`[data-testid="account-option"][data-account-id="${x.id}"] input`).isChecked()).toBe(true);
        expect(await page.locator('#schedule-time').inputValue()).toBe(slot.time);
        const text = `Queued at the slot ${Date.now().toString(36)}`;
        await page.locator('#post-text').fill(text);
        await page.getByRole('button', { name: 'Add to queue', exact: true }).click();
        const detail = page.locator('[data-testid="post-detail"][data-status="scheduled"]');
        await detail.waitFor();
        const queued = await app.invoke('posts:get', { id: (await detail.getAttribute('data-post-id')) ?? '' });
        expect(queued).toMatchObject({ text, scheduledAt: new Date(slotAt).toISOString(), timeZone: PAGE_ZONE });
        expect(queued.targets.map((target) => target.accountId)).toEqual([x.id]);

        // LinkedIn gets three slots a day later; two posts queued there, and one slot stays empty.
        const day = dayFromToday(2, PAGE_ZONE);
        const dayKey = weekday(zonedInstant({ date: day, time: '12:00' }, PAGE_ZONE));
        const setLinkedIn = await app.cli(['accounts', 'slots', 'set', linkedIn.id, '--slot', `${dayKey} 09:00,12:30,17:00`, '--zone', PAGE_ZONE]);
        expect(setLinkedIn.code, setLinkedIn.stderr).toBe(0);
        const [first] = (await app.invoke('posts:queue', { text: 'LinkedIn first', targets: [{ accountId: linkedIn.id }] })) as PostView[];
        const [second] = (await app.invoke('posts:queue', { text: 'LinkedIn second', targets: [{ accountId: linkedIn.id }] })) as PostView[];
        const at = (time: string) => new Date(zonedInstant({ date: day, time }, PAGE_ZONE)).toISOString();
        expect([first?.scheduledAt, second?.scheduledAt]).toEqual([at('09:00'), at('12:30')]);

        await goTo(page, `#/calendar?view=list`);
        const row = (postId: string) => page.locator(`[data-testid="agenda-post"][data-post-id="${postId}"]`);
        const emptyEvening = page.locator(`[data-testid="agenda-slot"][data-account-id="${linkedIn.id}"][data-at="${at('17:00')}"]`);
        await emptyEvening.waitFor();
        // The filled X slot is a post now, not an empty slot.
        await row(queued.id).waitFor();
        expect(await xSlot.count()).toBe(0);
        for (const time of ['09:00', '12:30']) {
          expect(await page.locator(`[data-testid="agenda-slot"][data-account-id="${linkedIn.id}"][data-at="${at(time)}"]`).count()).toBe(0);
        }

        // Alt+Arrow Down swaps the first LinkedIn post with the next in the queue: their slots trade.
        await row(first?.id ?? '').focus();
        await page.keyboard.press('Alt+ArrowDown');
        await expect.poll(async () => (await app.invoke('posts:get', { id: first?.id ?? '' })).scheduledAt).toBe(at('12:30'));
        expect((await app.invoke('posts:get', { id: second?.id ?? '' })).scheduledAt).toBe(at('09:00'));
        // The keyboard stays on the post that moved.
        await expect.poll(() => page.evaluate<string | null>('document.activeElement?.getAttribute("data-post-id") ?? null')).toBe(first?.id);

        // Dragged onto the empty evening slot, the post moves there and its old slot shows empty.
        await row(second?.id ?? '').dragTo(emptyEvening);
        await expect.poll(async () => (await app.invoke('posts:get', { id: second?.id ?? '' })).scheduledAt).toBe(at('17:00'));
        await page.locator(`[data-testid="agenda-slot"][data-account-id="${linkedIn.id}"][data-at="${at('09:00')}"]`).waitFor();

        // The queued post goes out at its slot, once.
        await expect.poll(() => fakes.twitter.tweets.length, { timeout: slotAt - Date.now() + PUBLISH_GRACE_MS, interval: 250 }).toBe(1);
        expect(fakes.twitter.tweets[0]?.sentText).toBe(text);
        expect(fakes.twitter.tweets[0]?.createdAt).toBeGreaterThanOrEqual(slotAt);
        await page.locator(`[data-testid="agenda-post"][data-post-id="${queued.id}"][data-status="published"]`).waitFor();
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    SLOTS_TEST_TIMEOUT_MS,
  );

  it('a draft dragged from Drafts onto a day is scheduled there, asking for its accounts', async () => {
    const { app, browser } = ready();
    const draft = await app.invoke('posts:save', { text: 'Idea: a tasting evening', targets: [], mode: 'draft' });
    const day = dayFromToday(10, PAGE_ZONE);
    const { context, page, errors } = await openApp(browser, app, `#/calendar?date=${day}`);
    try {
      const card = page.locator(`[data-testid="draft-card"][data-post-id="${draft.id}"]`);
      await card.waitFor();
      await card.dragTo(page.locator(`[data-testid="month-day"][data-day="${day}"]`));
      const dialog = page.getByTestId('schedule-draft-dialog');
      await dialog.waitFor();
      expect(await dialog.getByRole('button', { name: 'Schedule', exact: true }).isDisabled()).toBe(true);
      await dialog.getByRole('checkbox', { name: /Ada Lovelace/ }).check();
      await dialog.getByRole('button', { name: 'Schedule', exact: true }).click();

      const at = new Date(zonedInstant({ date: day, time: '09:00' }, PAGE_ZONE)).toISOString();
      await expect.poll(async () => (await app.invoke('posts:get', { id: draft.id })).status).toBe('scheduled');
      const scheduled = await app.invoke('posts:get', { id: draft.id });
      expect(scheduled.scheduledAt).toBe(at);
      expect(scheduled.targets.map((target) => target.accountId)).toEqual([linkedIn.id]);
      // Off the tray, onto the grid.
      await page.locator(`[data-testid="month-day"][data-day="${day}"] [data-post-id="${draft.id}"]`).waitFor();
      expect(await card.count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
