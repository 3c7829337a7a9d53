// The control socket itself: framing, bad frames, many clients, events, permissions, stale and live sockets.
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectControl } from '../../electron/engine/control/control-client';
import { startControlServer } from '../../electron/engine/control/control-server';
import { controlSocketPath, UNIX_SOCKET_PATH_LIMIT } from '../../electron/engine/control/socket-path';
import { AppError } from '../../shared/errors';
import type { PostView } from '../../shared/domain';
import { inDays, snapshot, startTestEngine, type TestEngine } from './engine-harness';
import { openRaw } from './raw-connection';

let harness: TestEngine;
let accountId: string;
const scratch: string[] = [];

beforeAll(async () => {
  harness = await startTestEngine('socket');
  const client = await harness.connect();
  accountId = (await client.invoke('accounts:add', { platform: 'linkedin', name: 'Socket Co', accessToken: 'tok-socket' })).id;
});

afterAll(async () => {
  await harness?.stop();
  await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function scratchDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pe-sock-'));
  scratch.push(dir);
  return dir;
}

describe('frames', () => {
  it('answers each malformed line with a clear error and keeps the connection usable', async () => {
    const client = await harness.connect();
    const before = await snapshot(client);
    const raw = await openRaw(harness.server.path);
    const cases: [string, Record<string, unknown>][] = [
      ['this is not json', { id: null, ok: false, error: { code: 'validation', message: expect.stringMatching(/not valid JSON/) } }],
      ['[1,2,3]', { id: null, ok: false, error: { code: 'validation', message: expect.stringMatching(/JSON object/) } }],
      ['"posts:list"', { id: null, ok: false, error: { code: 'validation', message: expect.stringMatching(/JSON object/) } }],
      ['null', { id: null, ok: false, error: { code: 'validation', message: expect.stringMatching(/JSON object/) } }],
      ['{"channel":"posts:list"}', { id: null, ok: false, error: { code: 'validation', field: 'id', message: expect.any(String) } }],
      ['{"id":{"x":1},"channel":"posts:list"}', { id: null, ok: false, error: { code: 'validation', field: 'id', message: expect.any(String) } }],
      ['{"id":7}', { id: 7, ok: false, error: { code: 'validation', field: 'channel', message: expect.any(String) } }],
      ['{"id":8,"channel":42}', { id: 8, ok: false, error: { code: 'validation', field: 'channel', message: expect.any(String) } }],
      [
        '{"id":"x","channel":"posts:explode"}',
        { id: 'x', ok: false, error: { code: 'validation', field: 'channel', message: expect.stringMatching(/Unknown channel/) } },
      ],
      ['{"id":9,"channel":"posts:create","input":"text"}', { id: 9, ok: false, error: expect.objectContaining({ code: 'validation' }) }],
    ];
    for (const [line, expected] of cases) {
      raw.send(`${line}\n`);
      expect(await raw.next(), line).toMatchObject(expected);
    }
    // Blank lines are ignored; CRLF line ends are accepted.
    raw.send('\n\r\n{"id":10,"channel":"control:ping"}\r\n');
    expect(await raw.next()).toMatchObject({ id: 10, ok: true, value: { pid: process.pid, dataDir: harness.dataDir } });
    expect(await raw.request(11, 'accounts:list', {})).toMatchObject({ id: 11, ok: true, value: [expect.objectContaining({ id: accountId })] });
    raw.close();
    expect(await snapshot(client)).toEqual(before);
  });

  it('refuses a message over 1 MiB without a newline, closes that connection, and serves everyone else', async () => {
    const client = await harness.connect();
    const before = await snapshot(client);
    const raw = await openRaw(harness.server.path);
    const bystander = await openRaw(harness.server.path);
    raw.send(`{"id":1,"channel":"posts:create","input":{"text":"${'x'.repeat(1024 * 1024)}`);
    expect(await raw.next()).toMatchObject({
      id: null,
      ok: false,
      error: { code: 'validation', message: expect.stringMatching(/larger than 1048576 bytes/) },
    });
    await raw.closed;
    expect(await bystander.request('b', 'control:ping')).toMatchObject({ ok: true });
    bystander.close();
    expect(await snapshot(client)).toEqual(before);
  });

  it('closes a client that keeps streaming past the limit', async () => {
    const raw = await openRaw(harness.server.path);
    const chunk = Buffer.alloc(256 * 1024, 'a');
    let writing = true;
    raw.closed.then(() => (writing = false));
    for (let sent = 0; writing && sent < 64; sent++) {
      raw.send(chunk);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await raw.closed;
    expect(writing).toBe(false);
    expect(await (await harness.connect()).ping()).toMatchObject({ pid: process.pid });
  });

  it('refuses one complete line over the limit too', async () => {
    const raw = await openRaw(harness.server.path);
    raw.send(`${JSON.stringify({ id: 1, channel: 'posts:list', input: { junk: 'y'.repeat(1024 * 1024) } })}\n`);
    expect(await raw.next()).toMatchObject({ id: null, ok: false, error: { code: 'validation' } });
    await raw.closed;
  });

  it('keeps requests of one connection apart by id and answers them all, also when pipelined in one write', async () => {
    const raw = await openRaw(harness.server.path);
    raw.send(['a', 'b', 'c'].map((id) => JSON.stringify({ id, channel: 'control:ping' })).join('\n') + '\n');
    const ids = [(await raw.next()).id, (await raw.next()).id, (await raw.next()).id];
    expect(ids.sort()).toEqual(['a', 'b', 'c']);
    raw.close();
  });

  it('answers hundreds of pipelined requests from one client, holding back only the reading', async () => {
    const raw = await openRaw(harness.server.path);
    const count = 500;
    raw.send(Array.from({ length: count }, (_, id) => JSON.stringify({ id, channel: 'accounts:list', input: {} })).join('\n') + '\n');
    const ids = new Set<unknown>();
    for (let received = 0; received < count; received++) {
      const response = await raw.next();
      expect(response.ok).toBe(true);
      ids.add(response.id);
    }
    expect(ids.size).toBe(count);
    raw.close();
  });
});

describe('many clients', () => {
  it('serves 30 clients at once, each getting its own answers', async () => {
    const count = 30;
    const raws = await Promise.all(Array.from({ length: count }, () => openRaw(harness.server.path)));
    // The same request id on every connection: answers must not cross.
    const added = await Promise.all(
      raws.map((raw, index) => raw.request(1, 'accounts:add', { platform: 'facebook', name: `Page ${index}`, accessToken: `tok-${index}` })),
    );
    added.forEach((response, index) => expect(response).toMatchObject({ id: 1, ok: true, value: { name: `Page ${index}`, platform: 'facebook' } }));
    const lists = await Promise.all(raws.map((raw) => raw.request(2, 'accounts:list', {})));
    for (const list of lists) expect((list.value as unknown[]).length).toBeGreaterThanOrEqual(count + 1);
    raws.forEach((raw) => raw.close());

    const client = await harness.connect();
    await Promise.all(added.map((response) => client.invoke('accounts:remove', { id: (response.value as { id: string }).id })));
    expect(await client.invoke('accounts:list', {})).toHaveLength(1);
  });

  it('survives clients that vanish with requests in flight', async () => {
    for (let round = 0; round < 10; round++) {
      const raw = await openRaw(harness.server.path);
      raw.send(`${JSON.stringify({ id: 1, channel: 'posts:list', input: {} })}\n`);
      raw.close();
    }
    expect(await (await harness.connect()).ping()).toMatchObject({ pid: process.pid });
  });
});

describe('events', () => {
  it('pushes only the events a connection subscribed to', async () => {
    const watcher = await harness.connect();
    const bystander = await openRaw(harness.server.path);
    const changed: PostView[] = [];
    watcher.on('post:changed', ({ post }) => changed.push(post));
    await watcher.subscribe(['post:changed']);

    const author = await harness.connect();
    const post = await author.invoke('posts:create', { text: 'Event test', targets: [{ accountId }], mode: 'schedule', scheduledAt: inDays(30) });
    await expect.poll(() => changed.some((seen) => seen.id === post.id)).toBe(true);

    // The bystander never subscribed: its first line is the answer to its own request.
    expect(await bystander.request('only', 'control:ping')).toMatchObject({ id: 'only', ok: true });
    bystander.close();
    await author.invoke('posts:delete', { id: post.id });
  });

  it('subscribes to everything without a list, and unsubscribes', async () => {
    const raw = await openRaw(harness.server.path);
    const all = await raw.request(1, 'events:subscribe');
    expect(all).toMatchObject({ ok: true, value: { events: expect.arrayContaining(['post:changed', 'queue:changed', 'account:changed']) } });
    expect(await raw.request(2, 'events:unsubscribe', { events: ['queue:changed'] })).toMatchObject({
      ok: true,
      value: { events: expect.not.arrayContaining(['queue:changed']) },
    });
    expect(await raw.request(3, 'events:unsubscribe', {})).toMatchObject({ ok: true, value: { events: [] } });
    expect(await raw.request(4, 'events:subscribe', { events: ['post:exploded'] })).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'events.0' },
    });
    expect(await raw.request(5, 'events:subscribe', { events: 'post:changed' })).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'events' },
    });
    expect(await raw.request(6, 'events:subscribe', { all: true })).toMatchObject({ ok: false, error: { code: 'validation' } });
    raw.close();
  });
});

describe('the socket file', () => {
  it('is owner-only, in an owner-only directory', () => {
    expect(harness.server.path).toBe(join(harness.dataDir, 'engine.sock'));
    expect(statSync(harness.server.path).isSocket()).toBe(true);
    expect(statSync(harness.server.path).mode & 0o777).toBe(0o600);
    expect(statSync(harness.dataDir).mode & 0o777).toBe(0o700);
  });

  it('moves to a short path in the temp directory when the data directory is too deep', async () => {
    const deep = join(await scratchDir(), 'a'.repeat(50), 'b'.repeat(50));
    const server = await startControlServer({ dataDir: deep, api: harness.engine.api, events: harness.engine.events });
    try {
      expect(Buffer.byteLength(server.path)).toBeLessThanOrEqual(UNIX_SOCKET_PATH_LIMIT);
      expect(server.path.startsWith(tmpdir()) || server.path.startsWith('/tmp/')).toBe(true);
      expect(server.path).toBe(controlSocketPath(deep));
      expect(statSync(dirname(server.path)).mode & 0o777).toBe(0o700);
      expect(statSync(server.path).mode & 0o777).toBe(0o600);
      const client = await connectControl(deep);
      expect(await client.invoke('accounts:list', {})).toEqual(expect.arrayContaining([expect.objectContaining({ id: accountId })]));
      await client.close();
    } finally {
      await server.close();
    }
    expect(existsSync(server.path)).toBe(false);
    expect(existsSync(dirname(server.path))).toBe(false);
  });

  it('replaces a stale socket left by a crashed engine', async () => {
    const dataDir = await scratchDir();
    const path = controlSocketPath(dataDir, { create: true }) as string;
    // A process that listens on the path and dies by SIGKILL leaves the file behind, connectable by nobody.
    const child = spawn(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(path)}, () => console.log('up'))`], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise((resolve) => child.stdout.once('data', resolve));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(statSync(path).isSocket()).toBe(true);
    await expect(connectControl(dataDir)).rejects.toMatchObject({ code: 'engine_unavailable' });

    const server = await startControlServer({ dataDir, api: harness.engine.api, events: harness.engine.events });
    try {
      const client = await connectControl(dataDir);
      expect(await client.ping()).toMatchObject({ pid: process.pid });
      await client.close();
    } finally {
      await server.close();
    }
  });

  it('refuses to start beside a live engine, and leaves that engine working', async () => {
    const error = await startControlServer({ dataDir: harness.dataDir, api: harness.engine.api, events: harness.engine.events }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/an engine is already running for this data directory/i) });
    expect(await (await harness.connect()).ping()).toMatchObject({ pid: process.pid });
  });

  it('refuses to remove a file that is not a socket', async () => {
    const dataDir = await scratchDir();
    await writeFile(controlSocketPath(dataDir, { create: true }) as string, 'not a socket');
    await expect(startControlServer({ dataDir, api: harness.engine.api, events: harness.engine.events })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/not a socket/),
    });
  });
});

describe('the client', () => {
  it('reports engine_unavailable when no engine runs for the data directory', async () => {
    const dataDir = await scratchDir();
    const error = await connectControl(dataDir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'engine_unavailable', message: expect.stringContaining(dataDir) });
    await expect(connectControl(join(dataDir, 'does', 'not', 'exist'))).rejects.toMatchObject({ code: 'engine_unavailable' });
  });

  it("rejects with the engine's error shape", async () => {
    const client = await harness.connect();
    const error = await client.invoke('posts:get', { id: 'no-such-post' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).toShape()).toMatchObject({ code: 'not_found', message: expect.any(String) });
  });

  it('rejects requests once the engine has closed the connection', async () => {
    const dataDir = await scratchDir();
    const server = await startControlServer({ dataDir, api: harness.engine.api, events: harness.engine.events });
    const client = await connectControl(dataDir);
    const closing = server.close();
    await closing;
    await expect(client.invoke('posts:list', {})).rejects.toMatchObject({ code: 'engine_unavailable' });
    await client.close();
  });
});
