// Never lose work, in the real UI against a real engine: what is typed in the composer is kept on this computer as it
// is typed, leaving with it asks first, and it comes back after leaving, a reload (a quit or a crash of the window)
// and on the post it belongs to; saving clears it. A draft needs no account and no time: it waits in Drafts beside the
// calendar until it gets them.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AccountView } from '../../shared/domain';
import { connectX } from './support/accounts';
import { PAGE_ZONE, goTo, openApp } from './support/browser';
import { useSession } from './support/session';
import { wallTime } from './support/wall-time';

const ready = useSession();
let x: AccountView;

beforeAll(async () => {
  const { app, fakes } = ready();
  x = await connectX(app, fakes);
});

/** What the composer keeps on this computer for a post ("new" for a new one), as the page stores it. */
function kept(page: Page, key: string): Promise<{ draft: { text: string; accountIds: string[] } } | null> {
  return page.evaluate(`JSON.parse(window.localStorage.getItem(${JSON.stringify(`publishing-engine:composer-draft:${key}`)}))`);
}

describe('the composer never loses work', () => {
  it('keeps a new post as it is typed, asks before leaving, and brings it back after leaving and a reload', async () => {
    const { app, browser } = ready();
    const { context, page, errors } = await openApp(browser, app, '#/compose');
    try {
      const text = page.locator('#post-text');
      await text.fill('Autumn menu launch: pumpkin soup is back');
      await page.locator(`[data-testid="account-option"][data-account-id="${x.id}"] input`).check();
      await page.getByTestId('autosave-state').waitFor();
      await expect.poll(async () => (await kept(page, 'new'))?.draft.text).toBe('Autumn menu launch: pumpkin soup is back');
      // The text may be stored before the account is ticked (a pause on a slow machine); the account follows.
      await expect.poll(async () => (await kept(page, 'new'))?.draft.accountIds).toEqual([x.id]);

      // Leaving asks first; Esc stays, with everything as it was.
      await page.getByTestId('nav-calendar').click();
      const dialog = page.getByTestId('leave-dialog');
      await dialog.waitFor();
      expect(await page.evaluate<string | null>('document.activeElement?.textContent ?? null')).toBe('Keep editing');
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      expect(await page.evaluate<string>('window.location.hash')).toBe('#/compose');
      expect(await text.inputValue()).toBe('Autumn menu launch: pumpkin soup is back');

      // Leaving while keeping the changes, then coming back: the words and the account return, marked as not saved.
      await page.getByTestId('nav-calendar').click();
      await dialog.getByRole('button', { name: 'Leave; keep the changes' }).click();
      await page.locator('[data-testid="calendar-event"], .month-grid, .cal-grid').first().waitFor();
      expect(await page.evaluate<string>('window.location.hash')).not.toBe('#/compose');
      await page.getByTestId('nav-compose').click();
      await page.getByTestId('restored-draft').waitFor();
      expect(await text.inputValue()).toBe('Autumn menu launch: pumpkin soup is back');
      expect(await page.locator(`[data-testid="account-option"][data-account-id="${x.id}"] input`).isChecked()).toBe(true);

      // A reload right after typing (what a quit or a crashed window does) keeps even the last words.
      await text.fill('Autumn menu launch: pumpkin soup is back, with sourdough');
      await page.reload();
      await page.getByTestId('restored-draft').waitFor();
      expect(await text.inputValue()).toBe('Autumn menu launch: pumpkin soup is back, with sourdough');

      // Saving hands it to the engine: nothing is kept here any more and a new post starts empty.
      await page.getByRole('button', { name: 'Schedule', exact: true }).click();
      await page.locator('[data-testid="post-detail"][data-status="scheduled"]').waitFor();
      expect(await kept(page, 'new')).toBeNull();
      await goTo(page, '#/compose');
      await text.waitFor();
      expect(await text.inputValue()).toBe('');
      expect(await page.getByTestId('restored-draft').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('throws the changes away when asked to', async () => {
    const { app, browser } = ready();
    const { context, page, errors } = await openApp(browser, app, '#/compose');
    try {
      await page.locator('#post-text').fill('A thought not worth keeping');
      await page.getByTestId('nav-queue').click();
      await page.getByTestId('leave-dialog').getByRole('button', { name: 'Discard the changes' }).click();
      await expect.poll(() => page.evaluate<string>('window.location.hash')).toBe('#/queue');
      expect(await kept(page, 'new')).toBeNull();
      await page.getByTestId('nav-compose').click();
      await page.locator('#post-text').waitFor();
      expect(await page.locator('#post-text').inputValue()).toBe('');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('keeps unsaved edits of a scheduled post, and offers them, not applies them, once the post changed elsewhere', async () => {
    const { app, browser } = ready();
    const post = await app.invoke('posts:create', {
      text: 'Live music on Saturday',
      targets: [{ accountId: x.id }],
      mode: 'schedule',
      scheduledAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    });
    const { context, page, errors } = await openApp(browser, app, `#/compose/${post.id}`);
    try {
      const text = page.locator('#post-text');
      await expect.poll(() => text.inputValue()).toBe('Live music on Saturday');
      expect(await page.getByTestId('autosave-state').count()).toBe(0);
      await text.fill('Live music on Saturday from 8 pm');
      await expect.poll(async () => (await kept(page, post.id))?.draft.text).toBe('Live music on Saturday from 8 pm');
      await page.reload();
      await page.getByTestId('restored-draft').waitFor();
      expect(await page.getByTestId('restored-draft').getAttribute('data-offered')).toBe('false');
      expect(await text.inputValue()).toBe('Live music on Saturday from 8 pm');
      // The engine still has what was saved: the unsaved words live only on this computer.
      expect((await app.invoke('posts:get', { id: post.id })).text).toBe('Live music on Saturday');

      // Someone changes the post elsewhere (the CLI, another window): the old edits are offered, not applied.
      await app.invoke('posts:save', { id: post.id, text: 'Live music on Saturday, free entry' });
      await page.reload();
      const offer = page.locator('[data-testid="restored-draft"][data-offered="true"]');
      await offer.waitFor();
      expect(await text.inputValue()).toBe('Live music on Saturday, free entry');
      await offer.getByRole('button', { name: 'Use my changes' }).click();
      expect(await text.inputValue()).toBe('Live music on Saturday from 8 pm');

      await page.getByRole('button', { name: 'Save changes', exact: true }).click();
      await page.locator(`[data-testid="post-detail"][data-post-id="${post.id}"]`).waitFor();
      expect((await app.invoke('posts:get', { id: post.id })).text).toBe('Live music on Saturday from 8 pm');
      expect(await kept(page, post.id)).toBeNull();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('saves a draft with no account and no time, keeps it in Drafts beside the calendar, and schedules it later', async () => {
    const { app, browser } = ready();
    const { context, page, errors } = await openApp(browser, app, '#/compose');
    try {
      await page.locator('#post-text').fill('Idea: a behind-the-scenes reel of the roastery');
      await page.getByTestId('no-time-yet').waitFor();
      expect(await page.getByRole('button', { name: 'Schedule', exact: true }).isDisabled()).toBe(true);
      expect(await page.getByRole('button', { name: 'Publish now', exact: true }).isDisabled()).toBe(true);
      await page.getByRole('button', { name: 'Save draft', exact: true }).click();
      await expect.poll(() => page.evaluate<string>('window.location.hash')).toMatch(/^#\/compose\/.+/);
      const postId = decodeURIComponent((await page.evaluate<string>('window.location.hash')).replace('#/compose/', ''));
      expect(await app.invoke('posts:get', { id: postId })).toMatchObject({ status: 'draft', scheduledAt: null, targets: [] });

      // Not on the grid at an invented time: in Drafts, saying it has no accounts yet.
      await goTo(page, '#/calendar');
      const card = page.locator(`[data-testid="draft-card"][data-post-id="${postId}"]`);
      await card.waitFor();
      expect(await card.textContent()).toContain('Idea: a behind-the-scenes reel of the roastery');
      expect(await card.textContent()).toContain('No accounts yet');
      expect(await page.locator(`[data-testid="calendar-event"][data-post-id="${postId}"]`).count()).toBe(0);

      // Opened from Drafts, given an account and a time, it is scheduled and leaves Drafts.
      await card.click();
      await expect.poll(() => page.locator('#post-text').inputValue()).toBe('Idea: a behind-the-scenes reel of the roastery');
      await page.locator(`[data-testid="account-option"][data-account-id="${x.id}"] input`).check();
      await page.getByRole('button', { name: 'Schedule', exact: true }).click();
      await page.locator(`[data-testid="post-detail"][data-post-id="${postId}"][data-status="scheduled"]`).waitFor();
      const scheduled = await app.invoke('posts:get', { id: postId });
      expect(scheduled.targets.map((target) => target.accountId)).toEqual([x.id]);
      await goTo(page, `#/calendar?view=day&date=${wallTime(Date.parse(scheduled.scheduledAt ?? ''), PAGE_ZONE).date}`);
      await page.locator(`[data-testid="calendar-event"][data-post-id="${postId}"]`).first().waitFor();
      expect(await card.count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
