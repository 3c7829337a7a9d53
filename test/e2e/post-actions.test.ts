// What a social media manager does to a post after writing it, in the real UI against a real engine: cancel it,
// be stopped before scheduling a text X would refuse, and see a platform's refusal in plain words and retry it.
import { beforeAll, describe, expect, it } from 'vitest';
import type { AccountView } from '../../shared/domain';
import { connectLinkedIn, connectX } from './support/accounts';
import { PAGE_ZONE, goTo, openApp } from './support/browser';
import { useSession } from './support/session';
import { wallTime } from './support/wall-time';

const ready = useSession();
let x: AccountView;
let linkedIn: AccountView;

beforeAll(async () => {
  const { app, fakes } = ready();
  [x, linkedIn] = await Promise.all([connectX(app, fakes), connectLinkedIn(app, fakes)]);
});

describe('post actions in the browser', () => {
  it('cancels a scheduled post: nothing stays queued and nothing is published', async () => {
    const { app, browser, fakes } = ready();
    const { context, page, errors } = await openApp(browser, app, '#/compose');
    try {
      // The composer's own default time: the next full hour at least 30 minutes away.
      await page.locator('#post-text').fill('Tasting evening on Friday, 6 pm. Bring a friend!');
      await page.locator(`[data-testid="account-option"][data-account-id="${x.id}"] input`).check();
      await page.getByRole('button', { name: 'Schedule', exact: true }).click();
      const detail = page.locator('[data-testid="post-detail"][data-status="scheduled"]');
      await detail.waitFor();
      const postId = (await detail.getAttribute('data-post-id')) ?? '';
      expect((await app.invoke('queue:stats', {})).counts.delayed).toBe(1);

      // Edit leads on a scheduled post; Publish now is there but not the button a hurried click lands on.
      const header = page.locator('.page-header');
      expect(await header.getByRole('link', { name: 'Edit' }).getAttribute('class')).toContain('button-primary');
      expect(await header.getByRole('button', { name: 'Publish now' }).getAttribute('class')).not.toContain('button-primary');

      // Cancel asks first, naming what stops; Keep leaves the post as it was.
      await page.getByRole('button', { name: 'Cancel', exact: true }).click();
      const question = page.getByRole('group', { name: 'Cancel this post on X (Twitter)? Nothing more will be published.' });
      await question.waitFor();
      await question.getByRole('button', { name: 'Keep' }).click();
      await question.waitFor({ state: 'detached' });
      expect((await app.invoke('posts:get', { id: postId })).status).toBe('scheduled');
      expect((await app.invoke('queue:stats', {})).counts.delayed).toBe(1);

      await page.getByRole('button', { name: 'Cancel', exact: true }).click();
      await page.getByRole('button', { name: 'Yes, cancel' }).click();
      await page.locator(`[data-testid="post-detail"][data-post-id="${postId}"][data-status="cancelled"]`).waitFor();
      expect(await page.locator('[data-testid="target-row"]').getAttribute('data-status')).toBe('cancelled');
      expect((await app.invoke('posts:get', { id: postId })).status).toBe('cancelled');
      expect((await app.invoke('queue:stats', {})).counts.delayed).toBe(0);

      const post = await app.invoke('posts:get', { id: postId });
      await goTo(page, `#/calendar?date=${wallTime(Date.parse(post.scheduledAt ?? ''), PAGE_ZONE).date}`);
      await page.locator(`[data-testid="calendar-event"][data-post-id="${postId}"][data-status="cancelled"]`).first().waitFor();
      expect(fakes.twitter.tweets).toHaveLength(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("shows X's limit as the text is typed and will not schedule a text over it", async () => {
    const { app, browser } = ready();
    const { context, page } = await openApp(browser, app, '#/compose');
    try {
      const text = `${'Our autumn blend is back, roasted a little darker this year. '.repeat(5)}Order now!`;
      expect(text.length).toBeGreaterThan(280);
      await page.locator(`[data-testid="account-option"][data-account-id="${x.id}"] input`).check();
      await page.locator('#post-text').fill(text);

      const problems = page.locator('[data-testid="platform-errors"][data-platform="twitter"]');
      await problems.waitFor();
      expect(await problems.textContent()).toContain('allows 280 weighted characters');
      expect(await problems.textContent()).toContain(`this text has ${text.length}`);
      expect(await page.locator('[data-testid="text-counter"][data-platform="twitter"]').getAttribute('data-over')).toBe('true');
      expect(await page.getByTestId('composer-blockers').textContent()).toContain('Fix 1 problem the platforms would refuse.');
      expect(await page.getByRole('button', { name: 'Schedule', exact: true }).isDisabled()).toBe(true);
      expect(await page.getByRole('button', { name: 'Publish now', exact: true }).isDisabled()).toBe(true);

      // The engine holds the same rule for any client that skips the UI.
      const refused = await app.post(
        '/api/invoke',
        {
          channel: 'posts:create',
          input: { text, targets: [{ accountId: x.id }], mode: 'schedule', scheduledAt: new Date(Date.now() + 3_600_000).toISOString() },
        },
        { origin: app.origin, 'x-api-token': app.token },
      );
      expect(refused.body).toMatchObject({ ok: false, error: { code: 'rule_violation' } });

      // Shortening it to the limit makes it schedulable again.
      await page.locator('#post-text').fill(text.slice(0, 280));
      await page.locator('[data-testid="platform-ok"][data-platform="twitter"]').waitFor();
      expect(await page.getByRole('button', { name: 'Schedule', exact: true }).isEnabled()).toBe(true);
    } finally {
      await context.close();
    }
  });

  it("shows a platform's refusal in plain words, and Retry publishes the post", async () => {
    const { app, browser, fakes } = ready();
    const { context, page, errors } = await openApp(browser, app, '#/compose');
    try {
      fakes.linkedin.failNext({
        type: 'status',
        status: 403,
        body: { status: 403, code: 'ACCESS_DENIED', message: 'Member is restricted from posting' },
      });
      const text = 'We are hiring a head roaster. Tell your friends!';
      await page.locator('#post-text').fill(text);
      await page.locator(`[data-testid="account-option"][data-account-id="${linkedIn.id}"] input`).check();
      await page.getByRole('button', { name: 'Publish now', exact: true }).click();

      const failed = page.locator('[data-testid="post-detail"][data-status="failed"]');
      await failed.waitFor();
      const row = page.locator('[data-testid="target-row"][data-platform="linkedin"]');
      expect(await row.getAttribute('data-status')).toBe('failed');
      expect(await row.getByTestId('target-error').textContent()).toBe('LinkedIn refused to publish the post: Member is restricted from posting');
      expect(fakes.linkedin.posts).toHaveLength(0);

      await row.getByRole('button', { name: 'Retry', exact: true }).click();
      await page.locator('[data-testid="post-detail"][data-status="published"]').waitFor();
      expect(fakes.linkedin.posts).toHaveLength(1);
      const urn = fakes.linkedin.posts[0].urn;
      expect(fakes.linkedin.posts[0].publishedText).toBe(text);
      expect(await row.getAttribute('data-status')).toBe('published');
      expect(await row.textContent()).toContain(`post id ${urn}`);
      expect(await row.getByTestId('target-link').getAttribute('href')).toBe(`https://www.linkedin.com/feed/update/${urn}`);
      expect(await row.getByTestId('target-error').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
