// Upload progress in the real UI while a real engine publishes two files from the media library to the fake X:
// the second file's upload and then the post's creation are held up at X, and meanwhile the post's page, the Queue
// and the calendar chip show how far it has got ("Uploading 2 of 2", then "Publishing"); once live, the bars go.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AccountView } from '../../shared/domain';
import type { MediaItemView } from '../../shared/media-item';
import { connectX } from './support/accounts';
import { PAGE_ZONE, openApp } from './support/browser';
import { repoRoot } from './support/build-output';
import { useSession } from './support/session';
import { wallTime } from './support/wall-time';

const ready = useSession();
let x: AccountView;

beforeAll(async () => {
  const { app, fakes } = ready();
  x = await connectX(app, fakes);
});

describe('upload progress', () => {
  it('shows the file going up and then the post being created, on the post, in the queue and on the calendar chip', async () => {
    const { app, browser, fakes } = ready();
    const paths = ['tiny.jpg', 'tiny.png'].map((name) => join(repoRoot, 'test', 'fixtures', 'media', name));
    const imported = await app.cli(['media', 'import', ...paths.flatMap((path) => ['--file', path])]);
    expect(imported.code, imported.stderr).toBe(0);
    const [photo, second] = JSON.parse(imported.stdout) as MediaItemView[];
    if (!photo || !second) throw new Error('the import answered fewer items than files');
    const scheduledAt = new Date(Date.now() + 2 * 3_600_000);
    const post = await app.invoke('posts:create', {
      text: 'Two photos from the shoot',
      targets: [{ accountId: x.id }],
      mode: 'schedule',
      scheduledAt: scheduledAt.toISOString(),
      timeZone: PAGE_ZONE,
      media: [{ mediaId: photo.id }, { mediaId: second.id }],
    });
    const target = post.targets[0];
    if (!target) throw new Error('the post has no target');

    // X holds the second file's part, then the post's creation, long enough to look at three screens.
    fakes.twitter.failNext({ type: 'delay', ms: 8_000 }, { method: 'POST', path: /\/2\/media\/upload\/[^/]+\/append$/, skip: 1 });
    fakes.twitter.failNext({ type: 'delay', ms: 5_000 }, { method: 'POST', path: '/2/tweets' });

    const detail = await openApp(browser, app, `#/posts/${post.id}`);
    const queue = await detail.context.newPage();
    const calendar = await detail.context.newPage();
    try {
      await detail.page.locator(`[data-testid="target-row"][data-target-id="${target.id}"]`).waitFor();
      await queue.goto(`${app.url}#/queue`);
      await queue.getByTestId('queue-publishing').waitFor();
      await calendar.goto(`${app.url}#/calendar?view=week&date=${wallTime(scheduledAt.getTime(), PAGE_ZONE).date}`);
      await calendar.locator(`[data-testid="calendar-event"][data-post-id="${post.id}"]`).waitFor();

      await app.invoke('publishing:publishNow', { id: post.id });

      // The post's page: which file of how many, its bytes, and a bar that says how far in numbers too.
      const row = detail.page.locator(`[data-testid="target-row"][data-target-id="${target.id}"]`);
      const onPost = row.locator('[data-testid="upload-progress"][data-phase="uploading"]');
      await onPost.waitFor();
      await expect.poll(() => onPost.locator('.upload-progress-text').textContent()).toMatch(/^Uploading 2 of 2 · /);
      const bar = onPost.getByRole('progressbar');
      expect(Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(50);

      // The Queue: the post under Publishing now, with the same words.
      const inQueue = queue.locator(`[data-testid="queue-publishing"] li:has([data-post-id="${post.id}"]) [data-testid="upload-progress"]`);
      await expect.poll(() => inQueue.locator('.upload-progress-text').textContent(), { timeout: 10_000 }).toMatch(/^Uploading 2 of 2 · /);

      // The calendar chip: a thin bar, at least half way (the first of two files is up).
      const chipBar = calendar.locator(`[data-testid="calendar-event"][data-post-id="${post.id}"] [data-testid="chip-progress"]`);
      await chipBar.waitFor();
      expect(Number(await chipBar.getAttribute('data-percent'))).toBeGreaterThanOrEqual(50);

      // Then X has the files and the post is being created.
      await row.locator('[data-testid="upload-progress"][data-phase="publishing"]').waitFor({ timeout: 15_000 });
      expect(await row.locator('.upload-progress-text').textContent()).toBe('Publishing');
      expect(await row.getByRole('progressbar').getAttribute('aria-valuenow')).toBeNull();

      // Live: the link, and no bar anywhere.
      await row.getByTestId('target-link').waitFor({ timeout: 15_000 });
      expect(await row.getByTestId('upload-progress').count()).toBe(0);
      await chipBar.waitFor({ state: 'detached' });
      expect(fakes.twitter.tweets.at(-1)).toMatchObject({
        sentText: 'Two photos from the shoot',
        mediaIds: [expect.any(String), expect.any(String)],
      });
      expect(detail.errors).toEqual([]);
    } finally {
      await detail.context.close();
    }
  });
});
