// The Media view in the real UI against a real engine: files imported from disk (by the CLI, as a manager's script
// would), each with its thumbnail, facts and the posts that use it, the library's size, and removing a file no post
// uses while a used one cannot be removed.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AccountView } from '../../shared/domain';
import { formatBytes, type MediaItemView } from '../../shared/media-item';
import { connectX } from './support/accounts';
import { openApp } from './support/browser';
import { repoRoot } from './support/build-output';
import { useSession } from './support/session';

const ready = useSession();
const fixture = (name: string) => join(repoRoot, 'test', 'fixtures', 'media', name);
let x: AccountView;

beforeAll(async () => {
  const { app, fakes } = ready();
  x = await connectX(app, fakes);
});

async function importFiles(names: readonly string[]): Promise<MediaItemView[]> {
  const { app } = ready();
  const result = await app.cli(['media', 'import', ...names.flatMap((name) => ['--file', fixture(name)])]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as MediaItemView[];
}

describe('the Media view', () => {
  it('shows every file with its thumbnail, facts and posts, the library size, and removes an unused file', async () => {
    const { app, browser } = ready();
    const [photo, video, spare] = await importFiles(['tiny.jpg', 'tiny.mp4', 'tiny.png']);
    if (!photo || !video || !spare) throw new Error('the import answered fewer items than files');
    const post = await app.invoke('posts:create', {
      text: 'Our new shop window',
      targets: [{ accountId: x.id }],
      mode: 'schedule',
      scheduledAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      timeZone: 'Europe/Berlin',
      media: [{ mediaId: photo.id, altText: 'The shop window at dusk' }],
    });

    const { context, page, errors } = await openApp(browser, app, '#/media');
    try {
      await page.getByTestId('media-list').waitFor();
      expect(await page.getByTestId('nav-media').getAttribute('aria-current')).toBe('page');
      const total = photo.sizeBytes + video.sizeBytes + spare.sizeBytes;
      expect(await page.getByTestId('media-summary').textContent()).toBe(`3 files · ${formatBytes(total)} on this computer · 2 unused`);

      // The photo: its picture (loaded from the engine, not a placeholder), what was read from it, and its post.
      const photoRow = page.locator(`[data-testid="media-item"][data-media-id="${photo.id}"]`);
      expect(await photoRow.locator('.media-item-name').textContent()).toBe('tiny.jpg');
      expect(await photoRow.getByTestId('media-facts').textContent()).toBe(`JPEG image · ${formatBytes(photo.sizeBytes)} · 64 × 48`);
      const picture = photoRow.locator('[data-testid="media-thumb"] img');
      await picture.waitFor();
      await expect.poll(() => picture.evaluate((img: { complete: boolean; naturalWidth: number }) => img.complete && img.naturalWidth)).toBe(64);
      const use = photoRow.getByTestId('media-use');
      expect(await use.textContent()).toBe('Our new shop window');
      expect(await use.getAttribute('href')).toBe(`#/posts/${post.id}`);
      expect(await photoRow.getByRole('button', { name: 'Remove' }).count()).toBe(0);
      expect(await photoRow.locator('.media-item-keep').textContent()).toBe('In use');

      // The video: its length on the thumbnail, and its codecs, frame rate and size in words.
      const videoRow = page.locator(`[data-testid="media-item"][data-media-id="${video.id}"]`);
      expect(await videoRow.getByTestId('media-facts').textContent()).toBe(
        `MP4 video · ${formatBytes(video.sizeBytes)} · 160 × 90 · 1 s · H.264, AAC · 24 fps`,
      );
      expect(await videoRow.locator('.media-thumb-duration').textContent()).toBe('1 s');
      const poster = videoRow.locator('[data-testid="media-thumb"] video');
      await expect
        .poll(() => poster.evaluate((element: { readyState: number; videoWidth: number }) => element.readyState >= 1 && element.videoWidth))
        .toBe(160);
      expect(await videoRow.getByTestId('media-unused').textContent()).toMatch(/^Not used by any post · removed automatically /);

      // Only the unused files.
      await page.getByTestId('media-show-unused').click();
      expect(await page.getByTestId('media-item').count()).toBe(2);
      await page.getByTestId('media-show-all').click();

      // Removing asks once, then the file is gone from the view, the library and the size.
      const spareRow = page.locator(`[data-testid="media-item"][data-media-id="${spare.id}"]`);
      await spareRow.getByRole('button', { name: 'Remove' }).click();
      await spareRow.getByRole('button', { name: 'Delete file' }).click();
      await spareRow.waitFor({ state: 'detached' });
      const library = await app.invoke('media:list', {});
      expect(library.items.map((item) => item.id).sort()).toEqual([photo.id, video.id].sort());
      expect(await page.getByTestId('media-summary').textContent()).toBe(
        `2 files · ${formatBytes(photo.sizeBytes + video.sizeBytes)} on this computer · 1 unused`,
      );

      // Deleting the post frees its photo, and the view says so without a reload.
      await app.invoke('posts:delete', { id: post.id });
      await photoRow.locator('[data-testid="media-unused"]').waitFor();
      expect(await photoRow.getByRole('button', { name: 'Remove' }).count()).toBe(1);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
