// The `publishing-engine` command end to end: the built bundle, `serve` as a real child process with its own
// redis-server and SQLite file, and one-shot commands talking to it through the control socket.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AccountView, PostView, QueueStats } from '../../shared/domain';
import {
  cliBundle,
  ensureBuilt,
  isRedisRunning,
  killChildren,
  killOrphanedRedis,
  redisPid,
  repoRoot,
  runCli,
  startServe,
  testEnv,
  type ServeProcess,
} from './cli-harness';
import { waitFor } from '../helpers/wait-for';

let root: string;
let dataDir: string;
let env: NodeJS.ProcessEnv;
let serve: ServeProcess | undefined;

beforeAll(async () => {
  ensureBuilt();
  root = await mkdtemp(join(tmpdir(), 'pe-cli-'));
  dataDir = join(root, 'data dir');
  env = await testEnv();
}, 180_000);

afterEach(async (context) => {
  if (context.task.result?.state === 'fail' && serve) process.stderr.write(`engine log:\n${serve.log()}\n`);
});

afterAll(async () => {
  await killChildren();
  killOrphanedRedis(dataDir);
  await rm(root, { recursive: true, force: true });
});

const inDays = (days: number) => new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString();

async function cli(...args: string[]) {
  return runCli(['--data-dir', dataDir, ...args], env);
}

async function json<T>(...args: string[]): Promise<T> {
  const result = await cli('--json', ...args);
  expect(result, result.stderr).toMatchObject({ code: 0 });
  return JSON.parse(result.stdout) as T;
}

async function stop(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const running = serve;
  if (!running) throw new Error('no engine to stop');
  running.child.kill(signal);
  const exit = await running.exited;
  serve = undefined;
  return exit;
}

describe('without an engine', () => {
  it('prints help and exits 0', async () => {
    const help = await runCli(['--help'], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: publishing-engine <command>/);
    expect(help.stdout).toMatch(/posts create/);
    const commandHelp = await runCli(['posts', 'create', '--help'], env);
    expect(commandHelp.code).toBe(0);
    expect(commandHelp.stdout).toMatch(/--at ISO-8601/);
  });

  it('runs through bin.cjs, the installed command', async () => {
    const { spawnSync } = await import('node:child_process');
    const result = spawnSync(process.execPath, [join(repoRoot, 'electron', 'cli', 'bin.cjs'), '--help'], { env, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/publishing-engine/);
    expect(existsSync(cliBundle)).toBe(true);
  });

  it('exits 3 with a clear message when no engine runs for the data directory', async () => {
    const result = await cli('posts', 'list');
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/No engine is running for the data directory/);
    expect(result.stderr).toContain(dataDir);
    const viaEnv = await runCli(['queue', 'stats', '--json'], { ...env, PUBLISHING_ENGINE_DATA_DIR: dataDir });
    expect(viaEnv.code).toBe(3);
    expect(JSON.parse(viaEnv.stderr)).toMatchObject({ error: { code: 'engine_unavailable' } });
  });

  it.each([
    [['posts', 'create', '--account', 'a1'], /--text is required/],
    [['posts', 'create', '--text', 'hi'], /--account is required/],
    [['posts', 'create', '--text', 'hi', '--account', 'a1', '--at', 'tomorrow'], /--at must be an ISO-8601 date and time/],
    [['posts', 'create', '--text', 'hi', '--account', 'a1', '--at', '2031-02-30T10:00'], /--at must be an ISO-8601/],
    [['posts', 'create', '--text', 'hi', '--account', 'a1', '--now', '--draft'], /Choose one of --at, --now, --queue and --draft/],
    [['posts', 'create', '--text', 'hi', '--account', 'a1', '--privacy', 'secret'], /--privacy must be one of/],
    [['posts', 'list', '--status', 'lost'], /--status must be one of/],
    [['posts', 'list', '--from', 'yesterday'], /--from must be/],
    [['posts', 'list', '--colour'], /Unknown option '--colour'/],
    [['posts', 'list', '--platform', 'myspace'], /--platform must be one of/],
    [['posts', 'show'], /needs ID/],
    [['posts', 'show', 'a', 'b'], /Unexpected argument "b"/],
    [['posts', 'update', 'p1'], /Nothing to change/],
    [
      ['accounts', 'add', '--platform', 'myspace', '--name', 'x', '--token', 't'],
      /--platform must be one of instagram, facebook, twitter, linkedin, tiktok, youtube/,
    ],
    [['accounts', 'add', '--platform', 'twitter', '--name', 'x'], /--token is required/],
    [['posts', 'explode'], /"posts" needs one of/],
    [['launch'], /Unknown command "launch"/],
  ])('exits 2 before reaching any engine: %j', async (args, message) => {
    const result = await cli(...args);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });
});

describe('with an engine', () => {
  let account: AccountView;
  let kept: PostView;
  let cancelled: PostView;

  it('serve starts the engine and reports where', async () => {
    serve = await startServe(dataDir, env);
    expect(serve.ready).toMatchObject({ ready: true, dataDir, socket: expect.stringMatching(/engine\.sock$/) });
  });

  it('refuses a second serve for the same data directory', async () => {
    const second = await cli('serve');
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/already running for this data directory/);
    expect(await json<unknown[]>('accounts', 'list')).toEqual([]);
  });

  it('accounts add and list, never printing a token', async () => {
    account = await json<AccountView>(
      'accounts',
      'add',
      '--platform',
      'twitter',
      '--name',
      '@brand',
      '--token',
      'secret-token-1',
      '--external-id',
      '42',
    );
    expect(account).toMatchObject({ platform: 'twitter', name: '@brand', status: 'connected', externalId: '42' });
    const fromStdin = await runCli(
      ['--data-dir', dataDir, '--json', 'accounts', 'add', '--platform', 'linkedin', '--name', 'Brand Inc', '--token', '-'],
      env,
      'secret-token-2\n',
    );
    expect(fromStdin.code, fromStdin.stderr).toBe(0);
    const list = await cli('accounts', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^ID\s+PLATFORM\s+NAME\s+STATUS/);
    expect(list.stdout).toContain('@brand');
    expect(list.stdout).toContain('Brand Inc');
    expect(list.stdout + fromStdin.stdout).not.toMatch(/secret-token/);
  });

  it('posts create schedules posts; list and show read them back', async () => {
    kept = await json<PostView>('posts', 'create', '--text', 'Launch day', '--account', account.id, '--at', inDays(30));
    expect(kept).toMatchObject({
      id: expect.any(String),
      text: 'Launch day',
      status: 'scheduled',
      scheduledAt: expect.any(String),
      mediaUrls: [],
      targets: [
        {
          id: expect.any(String),
          accountId: account.id,
          platform: 'twitter',
          status: 'pending',
          platformPostId: null,
          platformPostUrl: null,
          errorMessage: null,
        },
      ],
    });
    cancelled = await json<PostView>(
      'posts',
      'create',
      '--text',
      'Second thoughts',
      '--account',
      account.id,
      '--at',
      '2031-06-01T09:30',
      '--media',
      'https://cdn.example.com/a.jpg',
    );
    // No offset: local time (TZ=Europe/Berlin, summer time).
    expect(cancelled.scheduledAt).toBe('2031-06-01T07:30:00.000Z');
    expect(cancelled.timeZone).toBe('Europe/Berlin');

    const list = await cli('posts', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^ID\s+STATUS\s+SCHEDULED\s+TARGETS\s+TEXT/);
    expect(list.stdout).toContain(kept.id);
    expect(list.stdout).toContain('2031-06-01 09:30 +02:00');
    expect(list.stdout).toContain('twitter:pending');

    const found = await json<PostView[]>('posts', 'list', '--search', 'SECOND thoughts', '--platform', 'twitter', '--account', account.id);
    expect(found.map((post) => post.id)).toEqual([cancelled.id]);

    const show = await cli('posts', 'show', cancelled.id);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('Second thoughts');
    expect(show.stdout).toContain('https://cdn.example.com/a.jpg');
    expect(show.stdout).toMatch(/TARGET\s+PLATFORM\s+ACCOUNT\s+STATUS/);
  });

  it('posts update and cancel', async () => {
    const updated = await json<PostView>('posts', 'update', cancelled.id, '--text', 'Third thoughts');
    expect(updated.text).toBe('Third thoughts');
    const result = await json<PostView>('posts', 'cancel', cancelled.id);
    expect(result).toMatchObject({ id: cancelled.id, status: 'cancelled', targets: [{ status: 'cancelled' }] });
    expect((await json<QueueStats>('queue', 'stats')).counts).toMatchObject({ delayed: 1 });
    const stats = await cli('queue', 'stats');
    expect(stats.stdout).toMatch(/delayed\s+1/);
  });

  it('exits 2 for input the engine refuses (an unknown account among them), 1 for an unknown post, and changes nothing', async () => {
    const before = await json<PostView[]>('posts', 'list');
    const tooLong = await cli('posts', 'create', '--text', 'x'.repeat(281), '--account', account.id, '--at', inDays(3));
    expect(tooLong.code).toBe(2);
    expect(tooLong.stderr).toMatch(/X \(Twitter\) allows 280/);
    expect(tooLong.stderr).toContain('(--text)');
    const past = await cli('posts', 'update', kept.id, '--at', '2020-01-01T00:00Z');
    expect(past.code).toBe(2);
    expect(past.stderr).toMatch(/past/);
    expect(past.stderr).toContain('(--at)');
    const unknownAccount = await cli('posts', 'create', '--text', 'hi', '--account', 'no-such-account', '--at', inDays(3));
    expect(unknownAccount.code).toBe(2);
    expect(unknownAccount.stderr).toMatch(/no account with id no-such-account/);
    expect(unknownAccount.stderr).toContain('(--account)');
    const unknownPost = await cli('posts', 'show', 'no-such-post');
    expect(unknownPost.code).toBe(1);
    expect(unknownPost.stderr).toMatch(/No post with id no-such-post/);
    expect(await json<PostView[]>('posts', 'list')).toEqual(before);
    expect((await json<QueueStats>('queue', 'stats')).counts).toMatchObject({ delayed: 1 });
  });

  it('posts create run again with its --idempotency-key creates nothing new; the key with other text exits 2', async () => {
    const key = '3f0b6a52-8c1e-4d27-a9f4-6b0e1c2d3e4f';
    const args = ['posts', 'create', '--text', 'Exactly once', '--account', account.id, '--draft', '--idempotency-key', key];
    const first = await json<PostView>(...args);
    const again = await json<PostView>(...args);
    expect(again.id).toBe(first.id);
    const other = await cli('posts', 'create', '--text', 'Something else', '--account', account.id, '--draft', '--idempotency-key', key);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('(--idempotency-key)');
    expect((await json<PostView[]>('posts', 'list')).filter((post) => post.id === first.id || post.text === 'Something else')).toHaveLength(1);
    await json('posts', 'delete', first.id);
  });

  it('SIGTERM stops the engine cleanly: exit 0, socket and Redis gone', async () => {
    const redis = redisPid(dataDir);
    expect(redis).toBeDefined();
    expect(await stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(existsSync(join(dataDir, 'engine.sock'))).toBe(false);
    expect(isRedisRunning(redis ?? 0)).toBe(false);
    expect((await cli('posts', 'list')).code).toBe(3);
  });

  it('after a restart the posts and the job are still there', async () => {
    serve = await startServe(dataDir, env);
    const posts = await json<PostView[]>('posts', 'list');
    expect(posts.map((post) => [post.id, post.status]).sort()).toEqual(
      [
        [kept.id, 'scheduled'],
        [cancelled.id, 'cancelled'],
      ].sort(),
    );
    expect((await json<QueueStats>('queue', 'stats')).counts).toMatchObject({ delayed: 1 });
  });

  it('after SIGKILL (Redis orphaned, socket left behind) the next start recovers', async () => {
    const orphan = redisPid(dataDir);
    expect(orphan).toBeDefined();
    expect(await stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
    // The engine died without cleaning up: its redis-server still runs and its socket file is stale.
    expect(isRedisRunning(orphan ?? 0)).toBe(true);
    expect(existsSync(join(dataDir, 'engine.sock'))).toBe(true);
    const meanwhile = await cli('posts', 'list');
    expect(meanwhile.code).toBe(3);

    serve = await startServe(dataDir, env);
    expect(isRedisRunning(orphan ?? 0)).toBe(false);
    expect(redisPid(dataDir)).not.toBe(orphan);
    const post = await json<PostView>('posts', 'show', kept.id);
    expect(post).toMatchObject({ status: 'scheduled', targets: [{ status: 'pending' }] });
    expect((await json<QueueStats>('queue', 'stats')).counts).toMatchObject({ delayed: 1 });
  });

  it('posts retry with nothing failed exits 1; publish-now sends it off at once', async () => {
    const retry = await cli('posts', 'retry', kept.id);
    expect(retry.code).toBe(1);
    expect(retry.stderr).toMatch(/Nothing to retry/);
    const now = await cli('posts', 'publish-now', kept.id);
    expect(now.code, now.stderr).toBe(0);
    expect(now.stdout).toMatch(/^Publishing post /);
    expect(now.stdout).toMatch(/Status\s+publishing/);
    // Every platform is on a closed port: nothing can be reached, so the post waits for the network and fails nothing.
    await waitFor(
      () => json<PostView>('posts', 'show', kept.id),
      (post) => post.targets[0]?.waiting?.reason === 'network',
      20_000,
      'the post to wait for the network',
    );
    const show = await cli('posts', 'show', kept.id);
    expect(show.stdout).toMatch(/pending\s+0\s+Waiting for the network since \d{4}-\d\d-\d\d \d\d:\d\d \+01:00/);
    const stats = await cli('queue', 'stats');
    expect(stats.stdout).toMatch(/^Network\s+offline since \d{4}-\d\d-\d\d \d\d:\d\d \+01:00; next check /m);
    expect(stats.stdout).toMatch(/^Waiting\s+1 post for the network, 0 posts for their platform$/m);
  });

  it('posts delete, and SIGINT stops the engine too', async () => {
    expect(await json<{ id: string }>('posts', 'delete', cancelled.id)).toEqual({ id: cancelled.id });
    expect(await stop('SIGINT')).toEqual({ code: 0, signal: null });
  });
});
