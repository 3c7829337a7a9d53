// The browser bridge: only this page, with the token, reaches the engine; odd requests get an answer, never a crash.
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine';
import { startWebBridge, type WebBridge } from '../../electron/engine/web/web-bridge-server';
import { makeDataDir, removeDataDir, startTestEngine } from '../helpers/test-engine';

const RENDERER = join(process.cwd(), 'out', 'renderer');

let dataDir: string;
let engine: Engine;
let bridge: WebBridge;

beforeAll(async () => {
  if (!existsSync(join(RENDERER, 'index.html'))) throw new Error('The renderer is not built: run npm run build (npm test does) first.');
  dataDir = makeDataDir();
  engine = await startTestEngine({ dataDir });
  bridge = await startWebBridge({ api: engine.api, events: engine.events, staticDir: RENDERER });
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
    expect(escaped.body).not.toContain('root:');
    expect((await raw('/%E0%A4%A')).status).toBe(400);
    const index = await raw('/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('<div id="root">');
  });
});
