// Signing in from the command line, and one credential store for every host of the engine: `serve` as a real child
// process hosts the sign-in, `accounts connect` prints the link and waits, the browser step is played by an HTTP
// client against X's fake authorization server, Ctrl+C cancels cleanly; and an engine started the way the desktop app
// starts it reads the tokens `serve` stored, and the other way round.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountView } from '../../shared/domain';
import { createEngine } from '../../electron/engine/engine';
import { silentLogger } from '../../electron/engine/logger';
import type { AuthorizationServer } from '../fakes/oauth/authorization-server';
import { signInInBrowser } from '../fakes/oauth/browser';
import { startXAuthorization, X_CLIENT_ID } from '../fakes/oauth/x-authorization';
import { FakeTwitter } from '../fakes/twitter/fake-twitter';
import { freePort } from '../helpers/free-port';
import { waitFor } from '../helpers/wait-for';
import { cliBundle, ensureBuilt, killChildren, killOrphanedRedis, runCli, startServe, testEnv, type ServeProcess } from './cli-harness';

let root: string;
let dataDir: string;
let env: NodeJS.ProcessEnv;
let api: FakeTwitter;
let auth: AuthorizationServer;
let serve: ServeProcess | undefined;

beforeAll(async () => {
  ensureBuilt();
  root = await mkdtemp(join(tmpdir(), 'pe-cli-connect-'));
  dataDir = join(root, 'data');
  api = await FakeTwitter.start();
  const ports = [await freePort(), await freePort()];
  auth = await startXAuthorization(api, { redirectUris: ports.map((port) => `http://127.0.0.1:${port}/callback`) });
  auth.signedInAs = api.addUser('corner_bakery').userId;
  env = {
    ...(await testEnv()),
    PUBLISHING_ENGINE_TWITTER_API_ORIGIN: api.origin,
    PUBLISHING_ENGINE_TWITTER_AUTH_ORIGIN: auth.origin,
    PUBLISHING_ENGINE_TWITTER_CLIENT_ID: X_CLIENT_ID,
    PUBLISHING_ENGINE_OAUTH_PORTS: ports.join(','),
  };
  serve = await startServe(dataDir, env);
}, 180_000);

afterAll(async () => {
  await killChildren();
  killOrphanedRedis(dataDir);
  await auth?.close();
  await api?.close();
  await rm(root, { recursive: true, force: true });
});

/** `accounts connect …` running in the background: its first line (the flow) as soon as it is printed. */
function startConnect(args: string[]) {
  const child = spawn(process.execPath, [cliBundle, '--data-dir', dataDir, '--json', 'accounts', ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const firstLine = new Promise<{ flowId: string; authorizeUrl: string }>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const line = stdout.split('\n')[0];
      if (stdout.includes('\n') && line) resolve(JSON.parse(line) as { flowId: string; authorizeUrl: string });
    });
    child.once('exit', () => reject(new Error(`connect exited early:\n${stderr}`)));
  });
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, firstLine, exited };
}

const lastJson = <T>(stdout: string): T => JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as T;

describe('accounts connect', () => {
  it('prints the sign-in link, waits for the browser and prints the account', async () => {
    const connect = startConnect(['connect', 'twitter', '--no-open']);
    const { authorizeUrl } = await connect.firstLine;
    expect(new URL(authorizeUrl).searchParams.get('client_id')).toBe(X_CLIENT_ID);
    const visit = await signInInBrowser(authorizeUrl);
    expect(visit.page).toContain('You can close this tab');
    const done = await connect.exited;
    expect(done, done.stderr).toMatchObject({ code: 0 });
    const [account] = lastJson<AccountView[]>(done.stdout);
    expect(account).toMatchObject({ platform: 'twitter', name: '@corner_bakery', connection: 'oauth', status: 'connected' });
    expect(done.stdout + done.stderr).not.toMatch(/x-at-|rt-|code=/);
  });

  it('cancels cleanly on Ctrl+C: exit 130, the listener closed, nothing connected', async () => {
    const before = (await runCli(['--data-dir', dataDir, '--json', 'accounts', 'list'], env)).stdout;
    const connect = startConnect(['connect', 'twitter', '--no-open']);
    const { authorizeUrl } = await connect.firstLine;
    connect.child.kill('SIGINT');
    const done = await connect.exited;
    expect(done.code).toBe(130);
    expect(done.stderr).toMatch(/cancelled/);
    const redirect = new URL(authorizeUrl).searchParams.get('redirect_uri') as string;
    await expect(fetch(`${redirect}?state=x&code=y`)).rejects.toThrow();
    expect((await runCli(['--data-dir', dataDir, '--json', 'accounts', 'list'], env)).stdout).toBe(before);
  });

  it('reconnects an existing account in place', async () => {
    const [account] = JSON.parse((await runCli(['--data-dir', dataDir, '--json', 'accounts', 'list'], env)).stdout) as AccountView[];
    const connect = startConnect(['reconnect', account?.id ?? '', '--no-open']);
    await signInInBrowser((await connect.firstLine).authorizeUrl);
    const done = await connect.exited;
    expect(done, done.stderr).toMatchObject({ code: 0 });
    expect(lastJson<AccountView[]>(done.stdout)[0]?.id).toBe(account?.id);
  });
});

describe('developer apps', () => {
  it('keeps your own app, its secret read from standard input and never printed', async () => {
    const set = await runCli(
      ['--data-dir', dataDir, '--json', 'apps', 'set', 'tiktok', '--client-id', 'my-key', '--client-secret', '-'],
      env,
      'my-very-secret\n',
    );
    expect(set, set.stderr).toMatchObject({ code: 0 });
    expect(JSON.parse(set.stdout)).toMatchObject({ platform: 'tiktok', source: 'user', clientId: 'my-key', hasSecret: true, missing: null });
    const list = await runCli(['--data-dir', dataDir, 'apps', 'list'], env);
    expect(list.stdout).toMatch(/TikTok\s+yours\s+my-key\s+set/);
    expect(set.stdout + list.stdout + serve?.log()).not.toContain('my-very-secret');
    const cleared = await runCli(['--data-dir', dataDir, '--json', 'apps', 'clear', 'tiktok'], env);
    expect(JSON.parse(cleared.stdout)).toMatchObject({ source: 'none', missing: expect.stringContaining('needs a developer app') });
  });
});

describe('one credential store for every host', () => {
  it('an engine hosted like the desktop app reads what serve stored, and serve reads what it stored', async () => {
    const [connected] = JSON.parse((await runCli(['--data-dir', dataDir, '--json', 'accounts', 'list'], env)).stdout) as AccountView[];
    serve?.child.kill('SIGTERM');
    await serve?.exited;
    serve = undefined;

    // As electron/main/index.ts configures it: the OS keychain by default (none here), a reader for safeStorage.
    const appHosted = createEngine({
      dataDir,
      env: { ...env, PUBLISHING_ENGINE_CREDENTIAL_STORE: '' },
      log: silentLogger,
      appRoot: process.cwd(),
      legacyTokens: [{ scheme: 'electron-safe-storage', decrypt: async () => 'unused' }],
    });
    await appHosted.start();
    let second: AccountView;
    try {
      const post = await appHosted.api.invoke('posts:create', { text: 'From the app', targets: [{ accountId: connected?.id ?? '' }], mode: 'now' });
      await waitFor(
        () => appHosted.api.invoke('posts:get', { id: post.id }),
        (current) => current.status === 'published',
        20_000,
        'the app-hosted engine to publish with the token serve stored',
      );
      second = await appHosted.api.invoke('accounts:add', { platform: 'twitter', accessToken: api.addUser('second_shop').accessToken });
    } finally {
      await appHosted.stop();
    }

    serve = await startServe(dataDir, env);
    const published = await runCli(
      ['--data-dir', dataDir, '--json', 'posts', 'create', '--text', 'From the terminal', '--account', second.id, '--now'],
      env,
    );
    expect(published, published.stderr).toMatchObject({ code: 0 });
    await waitFor(
      () => Promise.resolve(api.tweets.map((tweet) => tweet.sentText)),
      (texts) => texts.includes('From the terminal'),
      20_000,
      'serve to publish with the token the app-hosted engine stored',
    );
    expect(api.tweets.map((tweet) => tweet.sentText).sort()).toEqual(['From the app', 'From the terminal']);
  });
});
