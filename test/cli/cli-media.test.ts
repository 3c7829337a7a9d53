// `posts create --media FILE|URL` end to end: the built command against `serve`. Files are imported into the media
// library (relative paths from where the command runs) and the post refers to them in order, links between them;
// a file the engine cannot take is refused naming it and --media, and nothing is stored.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    const attempts: [string, string[], RegExp][] = [
      ['a directory', ['--account', x.id, '--media', folder], /photos/],
      ['a missing file', ['--account', x.id, '--media', join(root, 'gone.jpg')], /gone\.jpg/],
      ['an empty file', ['--account', x.id, '--media', emptyFile], /empty\.jpg/],
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
});
