// The media library against real files: facts read from the committed fixtures, one copy per SHA-256, all-or-nothing
// batches, every kind of bad path refused by name with nothing stored, and unused files removed after 30 days.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { fixture, openLibrary, type LibraryHarness } from './library-harness';

let h: LibraryHarness;

beforeEach(async () => {
  h = await openLibrary();
});

afterEach(async () => {
  await h.close();
});

/** Files in the library folder, leaving out the folder for imports in progress. */
function storedFiles(): string[] {
  return readdirSync(h.library.dir).filter((name) => name !== '.incoming');
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => expect.unreachable('the import should have been refused'),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('facts read from the bytes', () => {
  it('reads a JPEG and a PNG', async () => {
    const [jpeg, png] = await h.library.importFiles([{ path: fixture('tiny.jpg') }, { path: fixture('tiny.png') }]);
    expect(jpeg).toMatchObject({ name: 'tiny.jpg', kind: 'image', mimeType: 'image/jpeg', sizeBytes: 1353, width: 64, height: 48, durationMs: null });
    expect(png).toMatchObject({ name: 'tiny.png', kind: 'image', mimeType: 'image/png', sizeBytes: 390, width: 32, height: 32 });
  });

  it('reads an MP4 with sound and a portrait MOV whose movie header comes last', async () => {
    const [mp4, mov] = await h.library.importFiles([{ path: fixture('tiny.mp4') }, { path: fixture('tiny.mov') }]);
    expect(mp4).toMatchObject({
      kind: 'video',
      mimeType: 'video/mp4',
      width: 160,
      height: 90,
      durationMs: 1000,
      videoCodec: 'avc',
      audioCodec: 'aac',
      frameRate: 24,
    });
    expect(mov).toMatchObject({
      kind: 'video',
      mimeType: 'video/quicktime',
      width: 90,
      height: 160,
      durationMs: 2000,
      videoCodec: 'avc',
      audioCodec: null,
      frameRate: 30,
    });
  });
});

describe('importing', () => {
  it('keeps one copy, under its SHA-256, when the same file comes twice under different names', async () => {
    const [first] = await h.library.importFiles([{ path: fixture('tiny.jpg') }]);
    const [again, renamed] = await h.library.importFiles([{ path: fixture('tiny.jpg') }, { path: h.copyAs('tiny.jpg', 'holiday.jpeg') }]);
    expect(again.id).toBe(first.id);
    expect(renamed.id).toBe(first.id);
    expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(storedFiles()).toEqual([`${first.sha256}.jpg`]);
    const { items, totalBytes } = await h.library.list();
    expect(items).toHaveLength(1);
    expect(totalBytes).toBe(1353);
  });

  it('stores nothing from a batch with one bad file, and names that file', async () => {
    const error = await refusal(h.library.importFiles([{ path: fixture('tiny.jpg') }, { path: join(h.scratch, 'missing.mp4') }]));
    expect(error.code).toBe('validation');
    expect(error.field).toBe('paths.1');
    expect(error.message).toBe('missing.mp4 cannot be read: there is no such file.');
    expect((await h.library.list()).items).toEqual([]);
    expect(storedFiles()).toEqual([]);
    expect(readdirSync(join(h.library.dir, '.incoming'))).toEqual([]);
  });

  it.each([
    ['a folder', () => mkdirAt('album.jpg'), 'album.jpg is a folder, not a file.'],
    ['a 0-byte file', () => fileAt('empty.jpg', ''), 'empty.jpg is empty (0 bytes).'],
    [
      'a PNG renamed to .jpg',
      () => h.copyAs('tiny.png', 'photo.jpg'),
      'photo.jpg is a PNG image, but its name ends in .jpg. Rename it to .png if that is the file you meant.',
    ],
    [
      'an image renamed to .mp4',
      () => h.copyAs('tiny.jpg', 'clip.mp4'),
      'clip.mp4 is a JPEG image, but its name ends in .mp4. Rename it to .jpg if that is the file you meant.',
    ],
    [
      'a text file',
      () => fileAt('notes.txt', 'not media at all'),
      'notes.txt is not a file type the app recognises. Add images (JPEG, PNG, GIF, WebP), videos (MP4, MOV, WebM) or documents (PDF, PPTX, DOCX).',
    ],
    ['a relative path', () => 'photos/tiny.jpg', 'photos/tiny.jpg is not a full path to a file.'],
  ])('refuses %s by name', async (_what, make, message) => {
    const error = await refusal(h.library.importFiles([{ path: make() }]));
    expect(error).toMatchObject({ code: 'validation', field: 'paths.0', message });
    expect(storedFiles()).toEqual([]);
  });

  it('refuses the app’s own files, by their path or through a link to them, and stores nothing', async () => {
    const [stored] = await h.library.importPicked([fixture('tiny.jpg')]);
    const own = h.library.pathOf({ stored_name: readdirSync(h.library.dir).find((name) => name.endsWith('.jpg')) ?? '' });
    const before = await h.library.list();
    let error = await refusal(h.library.importPicked([fixture('tiny.png'), own]));
    expect(error).toMatchObject({
      field: 'paths.1',
      message: `${basename(own)} is one of the app's own files (in its data folder), not media to publish.`,
    });
    const link = join(h.scratch, 'holiday.jpg');
    symlinkSync(join(h.dataDir, 'media', basename(own)), link);
    error = await refusal(h.library.importPicked([link]));
    expect(error).toMatchObject({
      field: 'paths.0',
      message: "holiday.jpg is one of the app's own files (in its data folder), not media to publish.",
    });
    expect(await h.library.list()).toEqual(before);
    expect(before.items.map((item) => item.id)).toEqual([stored?.id]);
  });

  it('refuses a named pipe at once instead of waiting for a writer', async () => {
    const pipe = join(h.scratch, 'stream.mp4');
    execFileSync('mkfifo', [pipe]);
    const error = await refusal(h.library.importFiles([{ path: pipe }]));
    expect(error.message).toBe('stream.mp4 is a pipe, not a file.');
  });

  it('refuses a file it may not read', async () => {
    if (process.getuid?.() === 0) {
      // root reads any file; make one unreadable the other way: a path through a non-folder.
      const path = join(h.copyAs('tiny.jpg', 'plain.jpg'), 'inside.jpg');
      const error = await refusal(h.library.importFiles([{ path }]));
      expect(error.message).toBe('inside.jpg cannot be read: a folder in its path is not a folder.');
      return;
    }
    const path = h.copyAs('tiny.jpg', 'secret.jpg');
    execFileSync('chmod', ['000', path]);
    const error = await refusal(h.library.importFiles([{ path }]));
    expect(error.message).toBe('secret.jpg cannot be read: the app is not allowed to read it.');
  });

  it('refuses a file that claims to be a video but cannot be read as one', async () => {
    const broken = fileAt('broken.mp4', Buffer.concat([Buffer.from('0000001866747970', 'hex'), Buffer.from('isom0000isomavc1'), Buffer.alloc(64)]));
    const error = await refusal(h.library.importFiles([{ path: broken }]));
    expect(error.message).toMatch(/^broken\.mp4 (could not be read as a video|has no video track)/);
  });
});

describe('removing', () => {
  it('removes an unused item and its file at the user’s request', async () => {
    const [item] = await h.library.importFiles([{ path: fixture('tiny.png') }]);
    await h.library.remove(item.id);
    expect((await h.library.list()).items).toEqual([]);
    expect(storedFiles()).toEqual([]);
  });

  it('refuses to remove an item a post uses', async () => {
    const [item] = await h.library.importFiles([{ path: fixture('tiny.png') }]);
    usePost('p1', [item.id]);
    const error = await refusal(h.library.remove(item.id));
    expect(error).toMatchObject({ code: 'conflict', message: 'tiny.png is used by a post; remove it from the post first.' });
    expect((await h.library.get(item.id)).usedBy).toEqual([{ postId: 'p1', text: 'Post p1', status: 'scheduled', scheduledAt: null }]);
  });
});

describe('garbage collection', () => {
  const DAY = 24 * 60 * 60 * 1000;

  it('removes a file 30 days after no post uses it, never while one does', async () => {
    const [kept, dropped] = await h.library.importFiles([{ path: fixture('tiny.jpg') }, { path: fixture('tiny.png') }]);
    usePost('p1', [kept.id]);
    usePost('p2', [kept.id, dropped.id]);
    await h.library.collectGarbage();
    expect((await h.library.get(dropped.id)).unusedSince).toBeNull();

    // The second post is deleted: the PNG is unused from now, the JPEG is still used by the first post.
    h.opened.sqlite.prepare("delete from posts where id = 'p2'").run();
    await h.library.collectGarbage();
    const unused = await h.library.get(dropped.id);
    expect(unused.unusedSince).toBe(new Date(h.clock.now).toISOString());
    expect(unused.removeAfter).toBe(new Date(h.clock.now + 30 * DAY).toISOString());

    h.clock.now += 30 * DAY - 1;
    expect(await h.library.collectGarbage()).toBe(0);
    h.clock.now += 1;
    expect(await h.library.collectGarbage()).toBe(1);
    expect((await h.library.list()).items.map((item) => item.id)).toEqual([kept.id]);
    expect(storedFiles()).toEqual([`${kept.sha256}.jpg`]);
  });

  it('counts again from zero when an unused item is used again', async () => {
    const [item] = await h.library.importFiles([{ path: fixture('tiny.jpg') }]);
    h.clock.now += 20 * DAY;
    usePost('p1', [item.id]);
    await h.library.collectGarbage();
    h.opened.sqlite.prepare("delete from posts where id = 'p1'").run();
    h.clock.now += DAY;
    await h.library.collectGarbage();
    h.clock.now += 29 * DAY;
    expect(await h.library.collectGarbage()).toBe(0);
    expect(storedFiles()).toHaveLength(1);
  });

  it('a deleted post never takes a file another post uses', async () => {
    const [item] = await h.library.importFiles([{ path: fixture('tiny.mp4') }]);
    usePost('p1', [item.id]);
    usePost('p2', [item.id]);
    h.opened.sqlite.prepare("delete from posts where id = 'p1'").run();
    h.clock.now += 60 * DAY;
    expect(await h.library.collectGarbage()).toBe(0);
    expect((await h.library.get(item.id)).usedBy.map((use) => use.postId)).toEqual(['p2']);
  });
});

function fileAt(name: string, content: string | Buffer): string {
  const path = join(h.scratch, name);
  writeFileSync(path, content);
  return path;
}

function mkdirAt(name: string): string {
  const path = join(h.scratch, name);
  mkdirSync(path);
  return path;
}

/** A post using the given items in order, written as the publishing service will write it. */
function usePost(id: string, mediaIds: string[]): void {
  const now = h.clock.now;
  h.opened.sqlite
    .prepare(
      "insert into posts (id, text, media_urls, scheduled_at, time_zone, status, created_at, updated_at) values (?, ?, '[]', null, 'UTC', 'scheduled', ?, ?)",
    )
    .run(id, `Post ${id}`, now, now);
  const insert = h.opened.sqlite.prepare('insert into post_media (post_id, position, media_id) values (?, ?, ?)');
  mediaIds.forEach((mediaId, position) => insert.run(id, position, mediaId));
}
