// The browser bridge: only this page, with the token, reaches the engine; odd requests get an answer, never a crash.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine';
import { startWebBridge, type WebBridge } from '../../electron/engine/web/web-bridge-server';
import { ensureFreshBuild } from '../helpers/fresh-build';
import { makeDataDir, removeDataDir, startTestEngine } from '../helpers/test-engine';

const RENDERER = join(process.cwd(), 'out', 'renderer');

let dataDir: string;
let engine: Engine;
let bridge: WebBridge;

beforeAll(async () => {
  ensureFreshBuild();
  dataDir = makeDataDir();
  engine = await startTestEngine({ dataDir });
  bridge = await startWebBridge({ api: engine.api, events: engine.events, staticDir: RENDERER, media: () => engine.media() });
});

afterAll(async () => {
  await bridge?.close();
  await engine?.stop();
  removeDataDir(dataDir);
});

/** A raw request, so paths reach the server exactly as written. */
function raw(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${bridge.origin}${path}`, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const invoke = (headers: Record<string, string>) =>
  raw('/api/invoke', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ channel: 'settings:get', input: {} }),
  });

describe('web bridge server', () => {
  it('answers a channel call from its own page with the token', async () => {
    const answer = await invoke({ origin: bridge.origin, 'x-api-token': bridge.token });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: true, value: { lateToleranceMinutes: 60 } });
  });

  it('refuses a wrong token, another origin, or a POST without an origin', async () => {
    expect((await invoke({ origin: bridge.origin, 'x-api-token': 'guess' })).status).toBe(403);
    expect((await invoke({ origin: 'http://evil.example', 'x-api-token': bridge.token })).status).toBe(403);
    expect((await invoke({ 'x-api-token': bridge.token })).status).toBe(403);
    expect((await raw('/api/events?token=guess')).status).toBe(403);
  });

  it('serves only the built app: no path escapes it, and a malformed address gets 400 without harm', async () => {
    const escaped = await raw('/..%2f..%2f..%2fetc%2fpasswd');
    expect(escaped.status).toBe(403);
    expect(escaped.body).not.toContain('root:');
    // A real file beside the renderer (the main process bundle), and a folder whose name starts with the renderer's.
    const beside = await raw('/..%2fmain%2findex.js');
    expect(beside).toEqual({
      status: 403,
      body: JSON.stringify({ ok: false, error: { code: 'validation', message: 'That path is outside the app.' } }),
    });
    expect((await raw('/..%2frenderer-other%2findex.html')).status).toBe(403);
    expect((await raw('/assets%2f..%2f..%2f..%2fpackage.json')).status).toBe(403);
    expect((await raw('/%E0%A4%A')).status).toBe(400);
    const index = await raw('/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('<div id="root">');
  });
});

describe('media over the bridge', () => {
  const jpeg = readFileSync(join(process.cwd(), 'test/fixtures/media/tiny.jpg'));
  const upload = (name: string, body: Buffer, headers: Record<string, string> = { origin: bridge.origin, 'x-api-token': bridge.token }) =>
    fetch(`${bridge.origin}/api/media/upload?name=${encodeURIComponent(name)}`, { method: 'POST', headers, body });

  it('imports an uploaded file and serves it back with the preview key, whole or by range', async () => {
    const response = await upload('beach.jpg', jpeg);
    expect(response.status).toBe(200);
    const { value: item } = (await response.json()) as { value: { id: string; name: string; width: number } };
    expect(item).toMatchObject({ name: 'beach.jpg', width: 64, height: 48 });

    const keyAnswer = await fetch(`${bridge.origin}/api/media/preview-key`, { headers: { origin: bridge.origin, 'x-api-token': bridge.token } });
    const { value: key } = (await keyAnswer.json()) as { value: string };
    expect(key).not.toBe(bridge.token);
    const whole = await fetch(`${bridge.origin}/media/${item.id}?key=${key}`);
    expect(whole.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await whole.arrayBuffer()).equals(jpeg)).toBe(true);
    const part = await fetch(`${bridge.origin}/media/${item.id}?key=${key}`, { headers: { range: 'bytes=2-9' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 2-9/${jpeg.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(jpeg.subarray(2, 10))).toBe(true);
    expect((await fetch(`${bridge.origin}/media/${item.id}`)).status).toBe(403);
    expect((await fetch(`${bridge.origin}/media/${item.id}?key=${bridge.token}`)).status).toBe(403);
  });

  it('refuses an upload without the token, a mislabelled file, and one declared over the cap', async () => {
    expect((await upload('a.jpg', jpeg, { origin: bridge.origin })).status).toBe(403);
    const renamed = await upload('clip.mp4', jpeg);
    expect(renamed.status).toBe(400);
    expect(await renamed.json()).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'file', message: expect.stringMatching(/^clip\.mp4 is a JPEG image/) },
    });
    const huge = await raw('/api/media/upload?name=big.mp4', {
      method: 'POST',
      headers: { origin: bridge.origin, 'x-api-token': bridge.token, 'content-length': String(9 * 1024 ** 3) },
    });
    expect(huge.status).toBe(413);
    expect((await engine.api.invoke('media:list', {})).items.map((item) => item.name)).toEqual(['beach.jpg']);
  });

  it('never lets a page import a file by its path', async () => {
    const answer = await raw('/api/invoke', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: bridge.origin, 'x-api-token': bridge.token },
      body: JSON.stringify({ channel: 'media:import', input: { paths: [join(process.cwd(), 'test/fixtures/media/tiny.png')] } }),
    });
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'validation', field: 'channel' } });
    expect((await engine.api.invoke('media:list', {})).items.map((item) => item.name)).not.toContain('tiny.png');
  });
});
