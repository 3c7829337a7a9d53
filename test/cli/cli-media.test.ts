// `posts create|update --media FILE|URL` and `media import --file` end to end: the built command against `serve`.
// Files are imported into the media library (relative paths from where the command runs) and the post refers to them
// in order, links between them; a file the engine cannot take (a folder, a missing, empty or misnamed file, one over a
// platform's limit) is refused naming it and the option it came from, and nothing is stored.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile } from '../../electron/engine/paths';
import type { AccountView, PostView } from '../../shared/domain';
import type { MediaLibraryView } from '../../shared/media-item';
import { ensureBuilt, killChildren, killOrphanedRedis, repoRoot, runCli, startServe, testEnv } from './cli-harness';

describe('posts create --media, against a running engine', () => {
  let root: string;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let x: AccountView;
  let tiktok: AccountView;

  beforeAll(async () => {
    ensureBuilt();
    root = await mkdtemp(join(tmpdir(), 'pe-cli-media-'));
    dataDir = join(root, 'data');
    env = await testEnv();
    await startServe(dataDir, env);
    x = await json<AccountView>('accounts', 'add', '--platform', 'twitter', '--name', '@bakery', '--token', 'secret-token');
    tiktok = await json<AccountView>('accounts', 'add', '--platform', 'tiktok', '--name', 'bakery', '--token', 'secret-token');
  }, 180_000);

  afterAll(async () => {
    await killChildren();
    killOrphanedRedis(dataDir);
    await rm(root, { recursive: true, force: true });
  });

  const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args], env);
  async function json<T>(...args: string[]): Promise<T> {
    const result = await cli('--json', ...args);
    expect(result, result.stderr).toMatchObject({ code: 0 });
    return JSON.parse(result.stdout) as T;
  }

  it('imports files and keeps them in order with links between them; show names each file', async () => {
    const post = await json<PostView>(
      'posts',
      'create',
      '--text',
      'Weekend bakes',
      '--account',
      x.id,
      '--media',
      'test/fixtures/media/tiny.jpg',
      '--media',
      'https://cdn.example.com/shop.jpg',
      '--media',
      join(repoRoot, 'test/fixtures/media/tiny.png'),
    );
    expect(post.media.map((entry) => [entry.name, entry.mediaId === null])).toEqual([
      ['tiny.jpg', false],
      ['https://cdn.example.com/shop.jpg', true],
      ['tiny.png', false],
    ]);
    const library = await json<MediaLibraryView>('media', 'list');
    expect(library.items.map((item) => [item.name, item.usedBy.map((use) => use.postId)])).toEqual(
      expect.arrayContaining([
        ['tiny.jpg', [post.id]],
        ['tiny.png', [post.id]],
      ]),
    );

    const show = await cli('posts', 'show', post.id);
    expect(show.stdout).toContain('tiny.jpg (1.3 KB, 64 × 48)');
    expect(show.stdout).toContain('https://cdn.example.com/shop.jpg');
  });

  it('a directory, a missing file, an empty file or a file breaking a platform rule: exit 2 naming it, nothing stored', async () => {
    const emptyFile = join(root, 'empty.jpg');
    await writeFile(emptyFile, '');
    const folder = join(root, 'photos');
    await mkdir(folder);
    const before = [await json<PostView[]>('posts', 'list'), await json<MediaLibraryView>('media', 'list')];
    const { misnamed, oversized } = await badFiles();
    const attempts: [string, string[], RegExp][] = [
      ['a directory', ['--account', x.id, '--media', folder], /photos/],
      ['a missing file', ['--account', x.id, '--media', join(root, 'gone.jpg')], /gone\.jpg/],
      ['an empty file', ['--account', x.id, '--media', emptyFile], /empty\.jpg/],
      ['a PNG named .mp4', ['--account', x.id, '--media', misnamed], /clip\.mp4 is a PNG image, but its name ends in \.mp4/],
      ['a photo over X’s 5 MB', ['--account', x.id, '--at', '2030-01-01T09:00', '--media', oversized], /big\.jpg/],
      [
        'a clip too short for TikTok',
        ['--account', tiktok.id, '--title', 'Bakes', '--privacy', 'public', '--now', '--media', 'test/fixtures/media/tiny.mp4'],
        /tiny\.mp4 is 1 s/,
      ],
    ];
    for (const [what, args, named] of attempts) {
      const result = await cli('posts', 'create', '--text', 'Bakes', ...args);
      expect(result.code, what).toBe(2);
      expect(result.stderr, what).toMatch(named);
      expect(result.stderr, what).toContain('(--media)');
    }
    // The clip the rule refused was imported (a file is checked by reading it) but no post uses it: it goes in 30 days.
    const library = await json<MediaLibraryView>('media', 'list');
    expect(await json<PostView[]>('posts', 'list')).toEqual(before[0]);
    expect(library.items.filter((item) => item.usedBy.length > 0)).toEqual(
      (before[1] as MediaLibraryView).items.filter((item) => item.usedBy.length > 0),
    );
  });

  /** A PNG renamed to .mp4, and a real JPEG padded past X's 5 MB for photos. */
  async function badFiles(): Promise<{ misnamed: string; oversized: string }> {
    const misnamed = join(root, 'clip.mp4');
    const oversized = join(root, 'big.jpg');
    await writeFile(misnamed, await readFile(join(repoRoot, 'test/fixtures/media/tiny.png')));
    // Bytes after a JPEG's end marker are ignored by readers: still a 64 × 48 JPEG, now 5.5 MB.
    await writeFile(oversized, Buffer.concat([await readFile(join(repoRoot, 'test/fixtures/media/tiny.jpg')), Buffer.alloc(5.5 * 1024 * 1024)]));
    return { misnamed, oversized };
  }

  it('posts update --media gives the post its media anew, in order, files and links alike; --no-media removes them all', async () => {
    const post = await json<PostView>('posts', 'create', '--text', 'Menu', '--account', x.id, '--media', 'test/fixtures/media/tiny.jpg');
    const updated = await json<PostView>(
      'posts',
      'update',
      post.id,
      '--media',
      'https://cdn.example.com/menu.jpg',
      '--media',
      'test/fixtures/media/tiny.png',
    );
    expect(updated.media.map((entry) => entry.name)).toEqual(['https://cdn.example.com/menu.jpg', 'tiny.png']);
    expect(updated.text).toBe('Menu');
    const library = await json<MediaLibraryView>('media', 'list');
    const usedBy = (name: string) => library.items.find((item) => item.name === name)?.usedBy.map((use) => use.postId) ?? [];
    expect(usedBy('tiny.jpg')).not.toContain(post.id);
    expect(usedBy('tiny.png')).toContain(post.id);

    // Links only: the list is exactly these links, not links added beside the files.
    const linksOnly = await json<PostView>('posts', 'update', post.id, '--media', 'https://cdn.example.com/menu-2.jpg');
    expect(linksOnly.media.map((entry) => [entry.name, entry.mediaId])).toEqual([['https://cdn.example.com/menu-2.jpg', null]]);

    const none = await json<PostView>('posts', 'update', post.id, '--no-media');
    expect(none.media).toEqual([]);
    const both = await cli('posts', 'update', post.id, '--no-media', '--media', 'test/fixtures/media/tiny.png');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--media and --no-media contradict each other');
  });

  it('posts update --media and media import --file refuse a folder, a missing, empty or misnamed file, the app’s own database and a file over a limit, naming their own option; nothing changes', async () => {
    const emptyFile = join(root, 'empty-2.jpg');
    await writeFile(emptyFile, '');
    const folder = join(root, 'album');
    await mkdir(folder);
    const { misnamed, oversized } = await badFiles();
    const post = await json<PostView>(
      'posts',
      'create',
      '--text',
      'Opening hours',
      '--account',
      x.id,
      '--at',
      '2030-01-01T09:00',
      '--media',
      'test/fixtures/media/tiny.jpg',
    );
    const libraryBefore = await json<MediaLibraryView>('media', 'list');
    const cases: [string, string, RegExp][] = [
      ['a directory', folder, /album is a folder, not a file/],
      ['a missing file', join(root, 'nowhere.png'), /nowhere\.png cannot be read: there is no such file/],
      ['an empty file', emptyFile, /empty-2\.jpg is empty \(0 bytes\)/],
      ['a misnamed file', misnamed, /clip\.mp4 is a PNG image, but its name ends in \.mp4/],
      // Outside what a user means to publish: the app's own database.
      ['a file of the app’s own', databaseFile(dataDir), /is one of the app's own files \(in its data folder\), not media to publish/],
    ];
    for (const [what, path, named] of cases) {
      const update = await cli('posts', 'update', post.id, '--media', path);
      expect(update.code, what).toBe(2);
      expect(update.stderr, what).toMatch(named);
      expect(update.stderr, what).toContain('(--media)');
      const imported = await cli('media', 'import', '--file', path);
      expect(imported.code, what).toBe(2);
      expect(imported.stderr, what).toMatch(named);
      expect(imported.stderr, what).toContain('(--file)');
      expect(imported.stderr, what).not.toContain('--media');
    }
    // Over X's limit for photos: the file itself is fine (the library takes it), the scheduled post refuses it.
    const tooBig = await cli('posts', 'update', post.id, '--media', oversized);
    expect(tooBig.code).toBe(2);
    expect(tooBig.stderr).toMatch(/big\.jpg is 5\.5 MB/);
    expect(tooBig.stderr).toContain('(--media)');

    const after = await json<PostView>('posts', 'show', post.id);
    expect(after.media.map((entry) => entry.name)).toEqual(['tiny.jpg']);
    expect(after.updatedAt).toBe(post.updatedAt);
    const libraryAfter = await json<MediaLibraryView>('media', 'list');
    expect(libraryAfter.items.filter((item) => item.name !== 'big.jpg')).toEqual(libraryBefore.items.filter((item) => item.name !== 'big.jpg'));
    expect(libraryAfter.items.find((item) => item.name === 'big.jpg')?.usedBy ?? []).toEqual([]);
  });
});
