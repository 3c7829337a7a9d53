// The control socket against clients that misbehave at the connection level (issue 9): a half-closed
// connection still gets every answer, a client that never finishes a request is closed, and the fallback socket
// directory in the temp directory cannot be predicted (and so not taken first) by another user.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startControlServer } from '../../electron/engine/control/control-server';
import { controlSocketPath } from '../../electron/engine/control/socket-path';
import type { PostView } from '../../shared/domain';
import { startTestEngine, type TestEngine } from './engine-harness';
import { openRaw } from './raw-connection';

let harness: TestEngine;
let accountId: string;
const scratch: string[] = [];

beforeAll(async () => {
  harness = await startTestEngine('socket-hardening');
  const client = await harness.connect();
  accountId = (await client.invoke('accounts:add', { platform: 'linkedin', name: 'Half Close Co', accessToken: 'tok-half' })).id;
});

afterAll(async () => {
  await harness?.stop();
  await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function scratchDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pe-sockh-'));
  scratch.push(dir);
  return dir;
}

describe('a half-closed connection', () => {
  it('gets the answer to every request it sent before shutting its write side, the last one even without a newline', async () => {
    const raw = await openRaw(harness.server.path);
    const create = (id: number, text: string) =>
      JSON.stringify({ id, channel: 'posts:create', input: { text, mode: 'draft', targets: [{ accountId }] } });
    raw.send(`${create(1, 'Half-closed one')}\n${create(2, 'Half-closed two')}`);
    raw.socket.end();
    const answers = [await raw.next(), await raw.next()];
    await raw.closed;
    expect(answers.map((answer) => answer.id).sort()).toEqual([1, 2]);
    for (const answer of answers) expect(answer).toMatchObject({ ok: true, value: { status: 'draft' } });
    const client = await harness.connect();
    const texts = (await client.invoke('posts:list', {})).map((post: PostView) => post.text);
    expect(texts).toEqual(expect.arrayContaining(['Half-closed one', 'Half-closed two']));
  });
});

describe('a client that never finishes a request', () => {
  it('is closed after the first-request timeout, while a client that sent a request may stay idle', async () => {
    const dataDir = await scratchDir();
    const server = await startControlServer({ dataDir, api: harness.engine.api, events: harness.engine.events, firstRequestTimeoutMs: 300 });
    try {
      const slow = await openRaw(server.path);
      const idle = await openRaw(server.path);
      expect(await idle.request(1, 'control:ping')).toMatchObject({ ok: true });
      const started = Date.now();
      // A byte now and then, never a newline.
      const drip = setInterval(() => slow.send('{'), 50);
      await slow.closed;
      clearInterval(drip);
      expect(Date.now() - started).toBeLessThan(5_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await idle.request(2, 'control:ping')).toMatchObject({ ok: true });
      idle.close();
    } finally {
      await server.close();
    }
  });
});

describe('the fallback socket directory', () => {
  it('carries the user id and a random key kept owner-only in the data directory', async () => {
    const deep = join(await scratchDir(), 'a'.repeat(50), 'b'.repeat(50));
    expect(controlSocketPath(deep)).toBeUndefined();
    const server = await startControlServer({ dataDir: deep, api: harness.engine.api, events: harness.engine.events });
    let first: string;
    try {
      first = server.path;
      const name = basename(dirname(first));
      expect(name).toMatch(new RegExp(`^publishing-engine-${process.getuid?.()}-[0-9a-f]{16}$`));
      // Nothing in the name follows from the data directory's path.
      const pathHash = createHash('sha256').update(deep).digest('hex');
      expect(pathHash).not.toContain(name.split('-').at(-1));
      const keyFile = join(deep, 'socket-dir.key');
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(name.endsWith(readFileSync(keyFile, 'utf8'))).toBe(true);
      expect(controlSocketPath(deep)).toBe(first);
    } finally {
      await server.close();
    }
    // A new key (as on another machine or for another data directory at the same path) gives another directory.
    rmSync(join(deep, 'socket-dir.key'));
    const again = await startControlServer({ dataDir: deep, api: harness.engine.api, events: harness.engine.events });
    try {
      expect(again.path).not.toBe(first);
    } finally {
      await again.close();
    }
  });
});
