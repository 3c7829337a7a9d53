// Text the CLI prints comes from posts, accounts and platforms' error messages (issue 9): an ESC, OSC or C1 sequence
// or a bidi override in it is shown as a visible escape in tables, plain output and errors, never sent raw to the
// terminal; `--json` carries the exact text.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectControl, type ControlClient } from '../../electron/engine/control/control-client';
import type { PostView } from '../../shared/domain';
import { ensureBuilt, killChildren, killOrphanedRedis, runCli, startServe, testEnv } from './cli-harness';

// Clear the screen, a disguised OSC 8 link, a C1 CSI, a bell, and a right-to-left override.
const HOSTILE = 'Sale\u001b[2J\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007 \u009b31m now\u202etxt.exe';
const RAW_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

let root: string;
let dataDir: string;
let env: NodeJS.ProcessEnv;
let client: ControlClient;
let post: PostView;

beforeAll(async () => {
  ensureBuilt();
  root = await mkdtemp(join(tmpdir(), 'pe-cli-esc-'));
  dataDir = join(root, 'data');
  env = await testEnv();
  await startServe(dataDir, env);
  client = await connectControl(dataDir);
  const account = await client.invoke('accounts:add', { platform: 'linkedin', name: `Brand\u001b[31m\nRed`, accessToken: 'tok' });
  post = await client.invoke('posts:create', { text: `${HOSTILE}\nSecond line`, mode: 'draft', targets: [{ accountId: account.id }] });
}, 120_000);

afterAll(async () => {
  await client?.close();
  await killChildren();
  killOrphanedRedis(dataDir);
  await rm(root, { recursive: true, force: true });
});

const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args], env);

describe('CLI output of untrusted text', () => {
  it('shows control characters as visible escapes in tables', async () => {
    for (const args of [
      ['posts', 'list'],
      ['accounts', 'list'],
    ]) {
      const { code, stdout } = await cli(...args);
      expect(code).toBe(0);
      expect(stdout).not.toMatch(RAW_CONTROLS);
    }
    const accounts = await cli('accounts', 'list');
    expect(accounts.stdout).toContain('Brand\\x1b[31m\\x0aRed');
    expect((await cli('posts', 'list')).stdout).toContain('Sale\\x1b[2J');
  });

  it('shows them as visible escapes in plain output, keeping line breaks', async () => {
    const { code, stdout } = await cli('posts', 'show', post.id);
    expect(code).toBe(0);
    expect(stdout).not.toMatch(RAW_CONTROLS);
    expect(stdout).toContain('Sale\\x1b[2J\\x1b]8;;https://evil.example\\x07click');
    expect(stdout).toContain('\\x9b31m now\\u202etxt.exe\n  Second line');
  });

  it('shows them as visible escapes in error messages', async () => {
    const { code, stderr } = await cli('posts', 'show', 'nope\u001b]0;pwned\u0007');
    expect(code).toBe(1);
    expect(stderr).not.toMatch(RAW_CONTROLS);
    expect(stderr).toContain('nope\\x1b]0;pwned\\x07');
  });

  it('leaves --json exact', async () => {
    const { stdout } = await cli('--json', 'posts', 'show', post.id);
    expect((JSON.parse(stdout) as PostView).text).toBe(`${HOSTILE}\nSecond line`);
  });
});
