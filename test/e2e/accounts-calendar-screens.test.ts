// Connecting accounts on the Accounts screen, moving a post by dragging it to another hour in the week view, and a screenshot of
// every main view in light and dark (test-artifacts/screenshots/<view>-<scheme>.png), all against a real engine.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AccountView, PostView } from '../../shared/domain';
import { connectLinkedIn, connectX } from './support/accounts';
import { screenshotPath } from './support/build-output';
import { PAGE_ZONE, openApp } from './support/browser';
import { useSession } from './support/session';
import { dayFromToday, wallTime, zonedInstant } from './support/wall-time';
import type { WebApp } from './support/web-app';

const ready = useSession();

/** The accounts the first test connected through the UI; connected here when that test did not get so far. */
async function accounts(): Promise<{ x: AccountView; linkedIn: AccountView }> {
  const { app, fakes } = ready();
  const list = await app.invoke('accounts:list', {});
  return {
    x: list.find((account) => account.platform === 'twitter') ?? (await connectX(app, fakes)),
    linkedIn: list.find((account) => account.platform === 'linkedin') ?? (await connectLinkedIn(app, fakes)),
  };
}

async function waitUntilSettled(app: WebApp, postId: string): Promise<PostView> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const post = await app.invoke('posts:get', { id: postId });
    if (post.targets.every((target) => target.status !== 'pending' && target.status !== 'publishing')) return post;
    if (Date.now() > deadline) throw new Error(`Post ${postId} did not settle: ${JSON.stringify(post.targets)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('accounts', () => {
  it('connects X by signing in in a new tab, and LinkedIn (no developer app yet) by pasting a token', async () => {
    const { app, browser, fakes } = ready();
    const { context, page, errors } = await openApp(browser, app, '#/accounts');
    try {
      await page.locator('[data-testid="empty-state"]').waitFor();
      // A platform without a developer app says so on its button, before any browser opens.
      expect(await page.getByTestId('connect-linkedin').isDisabled()).toBe(true);
      expect(await page.locator('#connect-linkedin-missing').textContent()).toContain('needs a developer app');

      const user = fakes.twitter.addUser('roastery');
      fakes.twitterAuth.signedInAs = user.userId;
      const [signIn] = await Promise.all([context.waitForEvent('page'), page.getByTestId('connect-twitter').click()]);
      // The new tab goes to X's sign-in, which sends it back to the app's loopback listener.
      await signIn.waitForURL(/127\.0\.0\.1:\d+\/callback\?/);
      expect(await signIn.locator('body').textContent()).toContain('You can close this tab');
      await signIn.close();
      await page.locator('[data-testid="connect-progress"][data-status="connected"]').waitFor();
      await page.locator('[data-testid="account-row"][data-problem=""]').first().waitFor();

      const member = fakes.linkedin.addMember();
      await fillAccountForm(page, { platform: 'linkedin', name: 'Roastery Team', accessToken: member.accessToken, externalId: member.member });
      await page.locator('[data-testid="account-row"]').nth(1).waitFor();

      const list = await app.invoke('accounts:list', {});
      expect(
        list
          .map(({ platform, name, status, connection, problem }) => ({ platform, name, status, connection, problem }))
          .sort((a, b) => a.platform.localeCompare(b.platform)),
      ).toEqual([
        { platform: 'linkedin', name: 'Roastery Team', status: 'connected', connection: 'token', problem: null },
        { platform: 'twitter', name: '@roastery', status: 'connected', connection: 'oauth', problem: null },
      ]);
      // Tokens go in and never come back out.
      expect(await page.content()).not.toContain(member.accessToken);
      expect(JSON.stringify(list)).not.toContain(member.accessToken);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('refuses a made-up token, names the field, and adds nothing', async () => {
    const { app, browser } = ready();
    await accounts();
    const { context, page } = await openApp(browser, app, '#/accounts');
    try {
      const before = await app.invoke('accounts:list', {});
      await fillAccountForm(page, { platform: 'twitter', name: '@madeup', accessToken: 'made-up-token', externalId: '' });
      await page.locator('#add-accessToken-error').waitFor();
      expect(await page.locator('#add-accessToken-error').textContent()).toMatch(/did not accept it/);
      expect(await app.invoke('accounts:list', {})).toEqual(before);
    } finally {
      await context.close();
    }
  });
});

async function fillAccountForm(page: Page, values: { platform: string; name: string; accessToken: string; externalId: string }): Promise<void> {
  const form = page.getByTestId('add-account-form');
  if (!(await page.locator('.advanced-add').isVisible())) await page.getByRole('button', { name: 'Connect an account' }).click();
  if (!(await form.isVisible())) await page.locator('.advanced-add > summary').click();
  await form.locator('#add-platform').selectOption(values.platform);
  await form.locator('#add-name').fill(values.name);
  await form.locator('#add-access-token').fill(values.accessToken);
  await form.locator('#add-external-id').fill(values.externalId);
  await form.getByRole('button', { name: 'Add account' }).click();
}

describe('calendar', () => {
  it('moves a scheduled post to another hour when it is dragged on the week view', async () => {
    const { app, browser } = ready();
    const { x } = await accounts();
    const day = dayFromToday(2, PAGE_ZONE);
    const from = zonedInstant({ date: day, time: '10:00' }, PAGE_ZONE);
    const post = await app.invoke('posts:create', {
      text: 'Cupping session with our new Ethiopian lot',
      targets: [{ accountId: x.id }],
      mode: 'schedule',
      scheduledAt: new Date(from).toISOString(),
      timeZone: PAGE_ZONE,
    });
    const { context, page, errors } = await openApp(browser, app, `#/calendar?view=week&date=${day}`);
    try {
      const chip = page.locator(`[data-testid="calendar-event"][data-post-id="${post.id}"]`);
      await chip.waitFor();
      // Dropped on the 11:00 row of the same day, it keeps its minutes.
      await chip.dragTo(page.locator(`[data-testid="hour-cell"][data-day="${day}"][data-hour="11"]`));

      await page.getByTestId('toast').filter({ hasText: 'Moved to' }).waitFor();
      const moved = await app.invoke('posts:get', { id: post.id });
      expect(Date.parse(moved.scheduledAt ?? '')).toBe(from + 3_600_000);
      expect(wallTime(Date.parse(moved.scheduledAt ?? ''), PAGE_ZONE)).toEqual({ date: day, time: '11:00' });
      expect(moved.status).toBe('scheduled');
      expect((await app.invoke('queue:stats', {})).counts.delayed).toBeGreaterThanOrEqual(1);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('screens', () => {
  let detailPostId = '';

  beforeAll(async () => {
    const { app, fakes } = ready();
    const { x, linkedIn } = await accounts();
    // A post X took and LinkedIn refused, so the detail shows both a live link and an error.
    fakes.linkedin.failNext({
      type: 'status',
      status: 403,
      body: { status: 403, code: 'ACCESS_DENIED', message: 'Member is restricted from posting' },
    });
    const mixed = await app.invoke('posts:create', {
      text: 'Our winter blend is here: notes of dark chocolate, orange peel and a hint of clove.',
      targets: [{ accountId: x.id }, { accountId: linkedIn.id }],
      mode: 'now',
      timeZone: PAGE_ZONE,
    });
    detailPostId = mixed.id;
    const texts = [
      'Latte art workshop, sign-ups open',
      'Weekend opening hours',
      'Meet the farmers: Q&A live',
      'Single-origin of the month',
      'Thank you for 10k followers!',
    ];
    await Promise.all(
      texts.map((text, index) =>
        app.invoke('posts:create', {
          text,
          targets: index % 2 === 0 ? [{ accountId: x.id }, { accountId: linkedIn.id }] : [{ accountId: x.id }],
          mode: 'schedule',
          scheduledAt: new Date(
            zonedInstant({ date: dayFromToday(1 + index, PAGE_ZONE), time: `${String(9 + index).padStart(2, '0')}:30` }, PAGE_ZONE),
          ).toISOString(),
          timeZone: PAGE_ZONE,
        }),
      ),
    );
    await app.invoke('posts:create', {
      text: 'Draft: holiday gift boxes',
      targets: [{ accountId: linkedIn.id }],
      mode: 'draft',
      scheduledAt: new Date(zonedInstant({ date: dayFromToday(3, PAGE_ZONE), time: '15:00' }, PAGE_ZONE)).toISOString(),
      timeZone: PAGE_ZONE,
    });
    const settled = await waitUntilSettled(app, mixed.id);
    expect(settled.targets.map((target) => target.status).sort()).toEqual(['failed', 'published']);
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`shows every main view with real content (${scheme})`, async () => {
      const { app, browser } = ready();
      const { context, page, errors } = await openApp(browser, app, '#/calendar', scheme);
      try {
        await page.getByTestId('calendar-count').waitFor();
        await page.locator('[data-testid="calendar-event"]').first().waitFor();
        await shoot(page, 'calendar-month', scheme);

        await page.goto(`${app.origin}/#/compose`);
        await page.locator('#post-text').fill('Fresh from the roaster this morning: our Colombian Huila. Come taste it! #coffee');
        for (const option of await page.locator('[data-testid="account-option"] input').all()) await option.check();
        await page.locator('[data-testid="platform-panel"]').nth(1).waitFor();
        await shoot(page, 'compose', scheme);

        await page.goto(`${app.origin}/#/posts/${detailPostId}`);
        await page.locator('[data-testid="target-row"][data-status="failed"]').waitFor();
        await page.locator('[data-testid="target-row"][data-status="published"]').waitFor();
        await shoot(page, 'post-detail', scheme);

        await page.goto(`${app.origin}/#/accounts`);
        await page.locator('[data-testid="account-row"]').nth(1).waitFor();
        await shoot(page, 'accounts', scheme);

        await page.goto(`${app.origin}/#/queue`);
        await page.getByTestId('queue-summary').waitFor();
        await page.locator('[data-testid="attention-post"]').first().waitFor();
        await shoot(page, 'queue', scheme);

        await page.goto(`${app.origin}/#/settings`);
        await page.locator('#late-title').waitFor();
        await shoot(page, 'settings', scheme);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});

/** Screenshots once nothing is loading any more, so each shows the view's real content. */
async function shoot(page: Page, view: string, scheme: 'light' | 'dark'): Promise<void> {
  await page.locator('[data-testid="loading"], [data-testid="calendar-loading"]').first().waitFor({ state: 'detached' });
  await page.screenshot({ path: screenshotPath(view, scheme) });
}
