// Every platform connects from the command line: one `serve` (a real child process) hosts the sign-ins, `accounts
// connect <platform> --no-open` prints the link and waits, the browser step is played by an HTTP client against
// each platform's fake authorization server (exact redirect URIs, PKCE, secrets, state as the real ones), and the
// account it prints is the one the platform says signed in.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountView, Platform } from '../../shared/domain';
import { FacebookFake } from '../fakes/facebook/facebook-fake';
import { InstagramFake } from '../fakes/instagram/instagram-fake';
import { FakeLinkedIn } from '../fakes/linkedin/fake-linkedin';
import type { AuthorizationServer } from '../fakes/oauth/authorization-server';
import { signInInBrowser } from '../fakes/oauth/browser';
import { FACEBOOK_APP_ID, FACEBOOK_APP_SECRET, startFacebookAuthorization } from '../fakes/oauth/facebook-authorization';
import { FacebookLogin } from '../fakes/oauth/facebook-login';
import { GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET, startGoogleAuthorization } from '../fakes/oauth/google-authorization';
import { INSTAGRAM_APP_ID, INSTAGRAM_APP_SECRET, startInstagramAuthorization } from '../fakes/oauth/instagram-authorization';
import { LINKEDIN_CLIENT_ID, LINKEDIN_CLIENT_SECRET, startLinkedInAuthorization } from '../fakes/oauth/linkedin-authorization';
import { startTiktokAuthorization, TIKTOK_CLIENT_KEY, TIKTOK_CLIENT_SECRET } from '../fakes/oauth/tiktok-authorization';
import { startXAuthorization, X_CLIENT_ID } from '../fakes/oauth/x-authorization';
import { startTiktokFake } from '../fakes/tiktok/tiktok-fake';
import { FakeTwitter } from '../fakes/twitter/fake-twitter';
import { startYoutubeFake } from '../fakes/youtube/youtube-fake';
import { freePort } from '../helpers/free-port';
import { cliBundle, ensureBuilt, killChildren, killOrphanedRedis, startServe, testEnv } from './cli-harness';

const PAGE_ID = '104000000000001';
const IG_USER_ID = '17841400000000001';

let root: string;
let dataDir: string;
let env: NodeJS.ProcessEnv;
const closers: (() => Promise<unknown>)[] = [];
/** Who each platform's fake says is signed in, as the account the CLI must print. */
const expected = {} as Record<Platform, { externalId: string; name: string }>;

beforeAll(async () => {
  ensureBuilt();
  root = await mkdtemp(join(tmpdir(), 'pe-cli-platforms-'));
  dataDir = join(root, 'data');
  // The exact-match platforms (X, LinkedIn, Meta) share the registered loopback ports; the others take any port.
  const ports = [await freePort(), await freePort()];
  const redirectUris = ports.map((port) => `http://127.0.0.1:${port}/callback`);

  const x = await FakeTwitter.start();
  const xAuth: AuthorizationServer = await startXAuthorization(x, { redirectUris });
  const xUser = x.addUser('corner_bakery');
  xAuth.signedInAs = xUser.userId;
  expected.twitter = { externalId: xUser.userId, name: '@corner_bakery' };

  const youtube = await startYoutubeFake();
  const google = await startGoogleAuthorization(youtube);
  google.signedInAs = youtube.channelId;

  const tiktok = await startTiktokFake({ processingMs: 0 });
  const tiktokAuth = await startTiktokAuthorization(tiktok);
  tiktokAuth.signedInAs = tiktok.openId;

  const linkedin = await FakeLinkedIn.start();
  const linkedinAuth = await startLinkedInAuthorization(linkedin, { redirectUris });
  const member = linkedin.addMember();
  linkedinAuth.signedInAs = member.member;

  const facebook = await FacebookFake.start();
  facebook.addPage(PAGE_ID, 'EAAG-seeded-page-token', 'Corner Bakery');
  facebook.addPage('104000000000002', 'EAAG-other-page-token', 'Bakery Fan Club');
  const login = new FacebookLogin(facebook, { pageTokensActFor: 'page' });
  const facebookAuth = await startFacebookAuthorization(login, { redirectUris });
  facebookAuth.signedInAs = login.addUser('Bakery Owner', [
    { id: PAGE_ID, name: 'Corner Bakery', category: 'Bakery' },
    { id: '104000000000002', name: 'Bakery Fan Club', category: 'Community' },
  ]);
  expected.facebook = { externalId: PAGE_ID, name: 'Corner Bakery' };

  const instagram = await InstagramFake.start();
  instagram.addAccount(IG_USER_ID, 'IGAA-seeded-token', 'corner.bakery');
  const instagramAuth = await startInstagramAuthorization(instagram, { redirectUris });
  instagramAuth.server.signedInAs = IG_USER_ID;
  expected.instagram = { externalId: IG_USER_ID, name: '@corner.bakery' };

  closers.push(
    () => x.close(),
    () => xAuth.close(),
    () => youtube.close(),
    () => google.close(),
    () => tiktok.close(),
    () => tiktokAuth.close(),
    () => linkedin.close(),
    () => linkedinAuth.close(),
    () => facebook.close(),
    () => facebookAuth.close(),
    () => instagram.close(),
    () => instagramAuth.server.close(),
  );

  env = {
    ...(await testEnv()),
    PUBLISHING_ENGINE_OAUTH_PORTS: ports.join(','),
    PUBLISHING_ENGINE_TWITTER_API_ORIGIN: x.origin,
    PUBLISHING_ENGINE_TWITTER_AUTH_ORIGIN: xAuth.origin,
    PUBLISHING_ENGINE_TWITTER_CLIENT_ID: X_CLIENT_ID,
    PUBLISHING_ENGINE_YOUTUBE_API_ORIGIN: youtube.origin,
    PUBLISHING_ENGINE_YOUTUBE_AUTH_ORIGIN: google.origin,
    PUBLISHING_ENGINE_YOUTUBE_CLIENT_ID: GOOGLE_CLIENT_ID,
    PUBLISHING_ENGINE_YOUTUBE_CLIENT_SECRET: GOOGLE_CLIENT_SECRET,
    PUBLISHING_ENGINE_TIKTOK_API_ORIGIN: tiktok.origin,
    PUBLISHING_ENGINE_TIKTOK_AUTH_ORIGIN: tiktokAuth.origin,
    PUBLISHING_ENGINE_TIKTOK_CLIENT_ID: TIKTOK_CLIENT_KEY,
    PUBLISHING_ENGINE_TIKTOK_CLIENT_SECRET: TIKTOK_CLIENT_SECRET,
    PUBLISHING_ENGINE_LINKEDIN_API_ORIGIN: linkedin.origin,
    PUBLISHING_ENGINE_LINKEDIN_AUTH_ORIGIN: linkedinAuth.origin,
    PUBLISHING_ENGINE_LINKEDIN_CLIENT_ID: LINKEDIN_CLIENT_ID,
    PUBLISHING_ENGINE_LINKEDIN_CLIENT_SECRET: LINKEDIN_CLIENT_SECRET,
    PUBLISHING_ENGINE_FACEBOOK_API_ORIGIN: facebook.origin,
    PUBLISHING_ENGINE_FACEBOOK_AUTH_ORIGIN: facebookAuth.origin,
    PUBLISHING_ENGINE_FACEBOOK_CLIENT_ID: FACEBOOK_APP_ID,
    PUBLISHING_ENGINE_FACEBOOK_CLIENT_SECRET: FACEBOOK_APP_SECRET,
    PUBLISHING_ENGINE_INSTAGRAM_API_ORIGIN: instagram.origin,
    PUBLISHING_ENGINE_INSTAGRAM_AUTH_ORIGIN: instagramAuth.server.origin,
    PUBLISHING_ENGINE_INSTAGRAM_CLIENT_ID: INSTAGRAM_APP_ID,
    PUBLISHING_ENGINE_INSTAGRAM_CLIENT_SECRET: INSTAGRAM_APP_SECRET,
  };
  await startServe(dataDir, env);
}, 180_000);

afterAll(async () => {
  await killChildren();
  killOrphanedRedis(dataDir);
  await Promise.all(closers.map((close) => close()));
  await rm(root, { recursive: true, force: true });
});

/** `accounts connect …` in the background; the browser signs in once its first line (the flow) is printed. */
async function connect(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; authorizeUrl: string }> {
  const child = spawn(process.execPath, [cliBundle, '--data-dir', dataDir, '--json', 'accounts', 'connect', ...args, '--no-open'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const firstLine = new Promise<{ authorizeUrl: string }>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const line = stdout.split('\n')[0];
      if (stdout.includes('\n') && line) resolve(JSON.parse(line) as { authorizeUrl: string });
    });
    child.once('exit', () => reject(new Error(`connect exited early:\n${stderr}`)));
  });
  const { authorizeUrl } = await firstLine;
  const visit = await signInInBrowser(authorizeUrl);
  expect(visit.page).toContain('You can close this tab');
  const code = await exited;
  return { code, stdout, stderr, authorizeUrl };
}

describe('accounts connect, for every platform', () => {
  it.each<[Platform, string[]]>([
    ['twitter', []],
    ['youtube', []],
    ['tiktok', []],
    ['linkedin', []],
    ['facebook', ['--choose', PAGE_ID]],
    ['instagram', ['--via', 'instagram']],
  ])('%s: prints the link, waits for the sign-in and prints the account', async (platform, extra) => {
    const done = await connect([platform, ...extra]);
    expect(done, done.stderr).toMatchObject({ code: 0 });
    const accounts = JSON.parse(done.stdout.trim().split('\n').at(-1) ?? '') as AccountView[];
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ platform, connection: 'oauth', status: 'connected', problem: null });
    if (expected[platform]) expect(accounts[0]).toMatchObject(expected[platform]);
    // The redirect is a loopback address on this machine only, and no token or code reaches the terminal.
    expect(new URL(new URL(done.authorizeUrl).searchParams.get('redirect_uri') ?? '').hostname).toBe('127.0.0.1');
    expect(done.stdout + done.stderr).not.toMatch(/code=|access_token|refresh_token|EAAG|IGAA/);
  });
});
