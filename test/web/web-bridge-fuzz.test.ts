// The web bridge of a real `publishing-engine web` process, fed malformed, truncated, oversized, split and
// half-closed requests: the engine process stays up, answers the next good request, and nothing it stores changes.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebApp, type WebApp } from '../e2e/support/web-app';
import { cut, cutsIn, engineState, refusedCall } from '../helpers/fuzz';
import { testEnv } from '../cli/cli-harness';
import { rawRequest, type RawRequest } from './raw-http-client';

let app: WebApp;
let before: unknown;

beforeAll(async () => {
  app = await startWebApp(await testEnv());
  const account = await app.invoke('accounts:add', { platform: 'twitter', name: '@fuzz', accessToken: 'tok-fuzz' });
  await app.invoke('posts:create', { text: 'Kept as it is', mode: 'draft', targets: [{ accountId: account.id }] });
  await app.invoke('posts:create', {
    text: 'Scheduled, untouched',
    mode: 'schedule',
    scheduledAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    targets: [{ accountId: account.id }],
  });
  before = await engineState(app.invoke);
});

afterAll(async () => {
  await app?.stop();
});

const apiHeaders = () => ({ origin: app.origin, 'x-api-token': app.token, 'content-type': 'application/json' });

async function stillServing(): Promise<void> {
  expect(await app.invoke('settings:get', {})).toMatchObject({ lateToleranceMinutes: expect.any(Number) });
  expect(await engineState(app.invoke)).toEqual(before);
}

describe('web bridge fuzzing', () => {
  it('survives the two requests that used to kill the engine', async () => {
    const nullBody = await rawRequest(app.origin, { method: 'POST', path: '/api/invoke', headers: apiHeaders(), chunks: ['null'] });
    expect(nullBody.status).toBe(400);
    // A body shorter than its Content-Length, then the connection is gone.
    await rawRequest(app.origin, {
      method: 'POST',
      path: '/api/invoke',
      headers: { ...apiHeaders(), 'content-length': '500' },
      chunks: ['{"channel":"posts:list","in'],
      destroyAfterWrite: true,
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await stillServing();
  });

  it('answers every refused call, however it arrives, and stays up', async () => {
    const delivery = fc.constantFrom('whole', 'split', 'truncated-then-gone', 'truncated-then-half-closed', 'half-closed');
    await fc.assert(
      fc.asyncProperty(refusedCall, delivery, fc.nat(), async (call, how, seed) => {
        const body = Buffer.from(JSON.stringify(call));
        const cuts = fc.sample(cutsIn(body.length), { numRuns: 1, seed })[0] ?? [];
        const request: RawRequest = { method: 'POST', path: '/api/invoke', headers: apiHeaders() };
        if (how === 'whole') request.chunks = [body];
        if (how === 'split') Object.assign(request, { chunks: cut(body, cuts), pauseMs: 2 });
        if (how === 'half-closed') Object.assign(request, { chunks: [body], endAfterWrite: true });
        if (how.startsWith('truncated')) {
          const shorter = body.subarray(0, Math.max(1, Math.floor(body.length / 2)));
          Object.assign(request, {
            headers: { ...apiHeaders(), 'content-length': String(body.length) },
            chunks: [shorter],
            ...(how === 'truncated-then-gone' ? { destroyAfterWrite: true } : { endAfterWrite: true }),
          });
        }
        const answer = await rawRequest(app.origin, request);
        if (how === 'truncated-then-gone' || how === 'truncated-then-half-closed') return;
        expect([200, 400]).toContain(answer.status);
        expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^(validation|not_found)$/) } });
      }),
      { numRuns: 120 },
    );
    await stillServing();
  });

  it('answers junk bodies, junk bytes and oversized bodies without harm', async () => {
    const junk = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }).map((value) => ({ kind: 'json' as const, bytes: Buffer.from(JSON.stringify(value) ?? 'null') })),
      fc.uint8Array({ minLength: 1, maxLength: 400 }).map((bytes) => ({ kind: 'body' as const, bytes: Buffer.from(bytes) })),
      fc.uint8Array({ minLength: 1, maxLength: 400 }).map((bytes) => ({ kind: 'request' as const, bytes: Buffer.from(bytes) })),
      fc.integer({ min: 1024 * 1024 + 1, max: 64 * 1024 * 1024 }).map((size) => ({ kind: 'oversized' as const, bytes: Buffer.alloc(0), size })),
    );
    await fc.assert(
      fc.asyncProperty(junk, async (item) => {
        if (item.kind === 'request') {
          // Not HTTP at all: the server may answer 400 or just close, but must not fall over.
          await rawRequest(app.origin, { method: 'GET', path: '/', chunks: [item.bytes], endAfterWrite: true }).catch(() => undefined);
          return;
        }
        if (item.kind === 'oversized') {
          const answer = await rawRequest(app.origin, {
            method: 'POST',
            path: '/api/invoke',
            headers: { ...apiHeaders(), 'content-length': String(item.size) },
            chunks: ['{"channel":"posts:list","input":{"x":"'],
            endAfterWrite: true,
          });
          expect(answer.status).toBe(413);
          return;
        }
        const answer = await rawRequest(app.origin, { method: 'POST', path: '/api/invoke', headers: apiHeaders(), chunks: [item.bytes] });
        expect([200, 400]).toContain(answer.status);
        expect(JSON.parse(answer.body)).toMatchObject({ ok: false });
      }),
      { numRuns: 120 },
    );
    await stillServing();
  });
});
