// What the bridge must hold against a buggy or hostile client (issue 9): no request can break it, characters split
// across TCP segments arrive whole, a browser that stops reading events cannot grow the engine's memory, and every
// answer carries headers that keep it out of caches, sniffers, frames and other sites.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine';
import { startWebBridge, type WebBridge } from '../../electron/engine/web/web-bridge-server';
import { ensureFreshBuild } from '../helpers/fresh-build';
import { addAccount, makeDataDir, removeDataDir, startTestEngine } from '../helpers/test-engine';
import { waitFor } from '../helpers/wait-for';
import { connectTo, head, rawRequest } from './raw-http-client';

const RENDERER = join(process.cwd(), 'out', 'renderer');
const STREAM_LIMITS = { maxStreams: 4, maxBufferedBytes: 256 * 1024 };

let dataDir: string;
let engine: Engine;
let bridge: WebBridge;

beforeAll(async () => {
  ensureFreshBuild();
  dataDir = makeDataDir();
  engine = await startTestEngine({ dataDir });
  bridge = await startWebBridge({ api: engine.api, events: engine.events, staticDir: RENDERER, streamLimits: STREAM_LIMITS });
});

afterAll(async () => {
  await bridge?.close();
  await engine?.stop();
  removeDataDir(dataDir);
});

const apiHeaders = () => ({ origin: bridge.origin, 'x-api-token': bridge.token, 'content-type': 'application/json' });

describe('web bridge under misuse', () => {
  it('answers a JSON body that is not a request object with 400', async () => {
    for (const body of ['null', '42', '[]', '"posts:list"', '{"channel":7}']) {
      const answer = await rawRequest(bridge.origin, { method: 'POST', path: '/api/invoke', headers: apiHeaders(), chunks: [body] });
      expect(answer.status, body).toBe(400);
      expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'validation', field: 'channel' } });
    }
  });

  it('refuses a body larger than 1 MiB with 413, also when the length is not declared up front', async () => {
    const declared = await rawRequest(bridge.origin, {
      method: 'POST',
      path: '/api/invoke',
      headers: { ...apiHeaders(), 'content-length': String(2 * 1024 * 1024) },
      chunks: ['{"channel":'],
      endAfterWrite: true,
    });
    expect(declared.status).toBe(413);
    const chunked = await rawRequest(bridge.origin, {
      method: 'POST',
      path: '/api/invoke',
      headers: { ...apiHeaders(), 'transfer-encoding': 'chunked' },
      chunks: [`200000\r\n${'x'.repeat(0x200000)}\r\n0\r\n\r\n`],
    });
    expect(chunked.status).toBe(413);
  });

  it('keeps a character split across TCP segments whole', async () => {
    const account = await addAccount(engine, 'twitter');
    const text = 'café 😀 אב';
    const body = Buffer.from(JSON.stringify({ channel: 'posts:create', input: { text, mode: 'draft', targets: [{ accountId: account.id }] } }));
    // Cut inside é (2 bytes), inside 😀 (4 bytes) and inside א (2 bytes).
    const cuts = [body.indexOf('é') + 1, body.indexOf('😀') + 1, body.indexOf('😀') + 3, body.indexOf('א') + 1];
    const chunks = [0, ...cuts].map((start, index) => body.subarray(start, [...cuts, body.length][index]));
    const answer = await rawRequest(bridge.origin, { method: 'POST', path: '/api/invoke', headers: apiHeaders(), chunks, pauseMs: 30 });
    expect(answer.status).toBe(200);
    const created = JSON.parse(answer.body) as { ok: true; value: { id: string; text: string } };
    expect(created.value.text).toBe(text);
    expect((await engine.api.invoke('posts:get', { id: created.value.id })).text).toBe(text);
  });

  it('drops an event stream whose reader stopped reading, and caps how many are open', async () => {
    const stalled = await connectTo(bridge.origin);
    stalled.on('error', () => undefined);
    const closed = new Promise<void>((resolve) => stalled.once('close', () => resolve()));
    stalled.write(head(bridge.origin, { path: '/api/events', headers: { 'x-api-token': bridge.token, connection: 'keep-alive' } }, Buffer.alloc(0)));
    // Never read: what the engine sends piles up in the kernel's buffers, then in the engine's.
    stalled.pause();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const payload = {
      settings: { lateToleranceMinutes: 60, notifications: true, closeToTray: true, startAtLogin: false, padding: 'x'.repeat(64 * 1024) },
    };
    let dropped = false;
    void closed.then(() => (dropped = true));
    for (let round = 0; round < 2000 && !dropped; round += 1) {
      engine.events.emit('settings:changed', payload as never);
      await new Promise((resolve) => setImmediate(resolve));
    }
    stalled.resume();
    await waitFor(
      () => dropped,
      (value) => value,
      10_000,
      'the stalled stream to be dropped',
    );

    const open = await Promise.all(
      Array.from({ length: STREAM_LIMITS.maxStreams }, async () => {
        const socket = await connectTo(bridge.origin);
        socket.write(
          head(bridge.origin, { path: '/api/events', headers: { 'x-api-token': bridge.token, connection: 'keep-alive' } }, Buffer.alloc(0)),
        );
        await new Promise((resolve) => socket.once('data', resolve));
        return socket;
      }),
    );
    const refused = await rawRequest(bridge.origin, { path: '/api/events', headers: { 'x-api-token': bridge.token } });
    expect(refused.status).toBe(503);
    for (const socket of open) socket.destroy();
  });
});

describe('web bridge headers', () => {
  it('sends nosniff and no-store on API and event answers', async () => {
    const api = await rawRequest(bridge.origin, {
      method: 'POST',
      path: '/api/invoke',
      headers: apiHeaders(),
      chunks: [JSON.stringify({ channel: 'settings:get', input: {} })],
    });
    expect(api.status).toBe(200);
    expect(api.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
    const socket = await connectTo(bridge.origin);
    socket.write(head(bridge.origin, { path: '/api/events', headers: { 'x-api-token': bridge.token } }, Buffer.alloc(0)));
    const first = await new Promise<string>((resolve) => socket.once('data', (chunk: Buffer) => resolve(chunk.toString())));
    socket.destroy();
    expect(first).toMatch(/^HTTP\/1\.1 200/);
    expect(first.toLowerCase()).toContain('x-content-type-options: nosniff');
    expect(first.toLowerCase()).toContain('cache-control: no-store');
  });

  it('serves the page under a CSP that allows only its own origin and no framing', async () => {
    const page = await rawRequest(bridge.origin, { path: '/' });
    expect(page.status).toBe(200);
    const csp = page.headers['content-security-policy'] ?? '';
    expect(csp).toMatch(/connect-src 'self'(;|$)/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
  });

  it('refuses a request addressed to another host name (DNS rebinding)', async () => {
    const port = new URL(bridge.origin).port;
    for (const host of [`evil.example:${port}`, `localhost.evil.example:${port}`, '127.0.0.1']) {
      const page = await rawRequest(bridge.origin, { path: '/', headers: { host } });
      expect(page.status, host).toBe(421);
      const api = await rawRequest(bridge.origin, {
        method: 'POST',
        path: '/api/invoke',
        headers: { ...apiHeaders(), host },
        chunks: [JSON.stringify({ channel: 'settings:get', input: {} })],
      });
      expect(api.status, host).toBe(421);
    }
  });

  it('takes the token only from its header, never from the address', async () => {
    expect((await rawRequest(bridge.origin, { path: `/api/events?token=${bridge.token}` })).status).toBe(403);
    const inQuery = await rawRequest(bridge.origin, {
      method: 'POST',
      path: `/api/invoke?token=${bridge.token}`,
      headers: { origin: bridge.origin, 'content-type': 'application/json' },
      chunks: [JSON.stringify({ channel: 'settings:get', input: {} })],
    });
    expect(inQuery.status).toBe(403);
  });
});
