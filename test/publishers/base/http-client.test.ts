import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpClient, ResponseTooLargeError } from '../../../electron/engine/publishers/base/http-client';
import { AmbiguousError, RetryableError } from '../../../electron/engine/publishers/errors';
import { FakeServer } from '../../fakes/shared/fake-server';
import { waitFor } from '../../helpers/wait-for';

let server: FakeServer;
let created: number;
const client = new HttpClient({ label: 'Test', timeoutMs: 2_000 });

beforeEach(async () => {
  created = 0;
  server = new FakeServer()
    .route('POST', '/posts', () => {
      created += 1;
      return { status: 201, body: { id: String(created) } };
    })
    .route('POST', '/echo', (request) => ({
      status: 200,
      body: {
        contentType: request.header('content-type'),
        text: request.text(),
        fields: request.header('content-type')?.startsWith('multipart/')
          ? request.multipart().map((f) => [f.name, f.data.toString('base64'), f.filename ?? null])
          : null,
      },
    }))
    .route('GET', '/big', () => ({ status: 200, body: Buffer.alloc(100_000) }));
  await server.listen();
});
afterEach(async () => {
  await server.close();
});

describe('HttpClient', () => {
  it('returns any HTTP answer with status, headers and body', async () => {
    const response = await client.request({ method: 'POST', url: `${server.origin}/posts`, body: { type: 'json', value: { a: 1 } } });
    expect(response.status).toBe(201);
    expect(response.header('Content-Type')).toBe('application/json');
    expect(response.json()).toEqual({ id: '1' });
    const missing = await client.request({ method: 'GET', url: `${server.origin}/nothing` });
    expect(missing.status).toBe(404);
  });

  it('encodes JSON, form, multipart and binary bodies', async () => {
    const json = (await client.request({ method: 'POST', url: `${server.origin}/echo`, body: { type: 'json', value: { x: 'é' } } })).json<{
      contentType: string;
      text: string;
    }>();
    expect(json).toMatchObject({ contentType: 'application/json', text: '{"x":"é"}' });
    const form = (await client.request({ method: 'POST', url: `${server.origin}/echo`, body: { type: 'form', fields: { a: '1 2', b: '&' } } })).json<{
      text: string;
    }>();
    expect(form?.text).toBe('a=1+2&b=%26');
    const bytes = Buffer.from([0, 1, 2, 255, 13, 10]);
    const multipart = (
      await client.request({
        method: 'POST',
        url: `${server.origin}/echo`,
        body: {
          type: 'multipart',
          parts: [
            { name: 'segment_index', value: '3' },
            { name: 'media', data: bytes, filename: 'a.bin', contentType: 'application/octet-stream' },
          ],
        },
      })
    ).json<{ fields: [string, string, string | null][] }>();
    expect(multipart?.fields).toEqual([
      ['segment_index', Buffer.from('3').toString('base64'), null],
      ['media', bytes.toString('base64'), 'a.bin'],
    ]);
    const binary = (
      await client.request({
        method: 'POST',
        url: `${server.origin}/echo`,
        body: { type: 'binary', data: Buffer.from('raw'), contentType: 'video/mp4' },
      })
    ).json<{ contentType: string }>();
    expect(binary?.contentType).toBe('video/mp4');
  });

  it('is retryable (the platform was not reached at all) when the connection is refused', async () => {
    const closed = new FakeServer();
    await closed.listen();
    const origin = closed.origin;
    await closed.close();
    await expect(client.request({ method: 'POST', url: `${origin}/posts`, createsPost: true })).rejects.toBeInstanceOf(RetryableError);
  });

  it('is ambiguous when a create loses its connection after sending, retryable for other calls', async () => {
    server.injectFault({ type: 'drop-after' });
    const create = await client
      .request({ method: 'POST', url: `${server.origin}/posts`, body: { type: 'json', value: {} }, createsPost: true })
      .catch((e: unknown) => e);
    expect(create).toBeInstanceOf(AmbiguousError);
    expect(created).toBe(1);
    server.injectFault({ type: 'drop-after' });
    const upload = await client
      .request({ method: 'POST', url: `${server.origin}/posts`, body: { type: 'json', value: {} } })
      .catch((e: unknown) => e);
    expect(upload).toBeInstanceOf(RetryableError);
  });

  it('is ambiguous when a create times out after sending', async () => {
    server.injectFault({ type: 'hang-after' });
    const error = await client.request({ method: 'POST', url: `${server.origin}/posts`, createsPost: true, timeoutMs: 200 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousError);
    expect((error as Error).message).toMatch(/no answer within/);
  });

  it('stops on abort: retryable before sending, ambiguous for a create already sent', async () => {
    const aborted = AbortSignal.abort();
    await expect(client.request({ method: 'POST', url: `${server.origin}/posts`, createsPost: true, signal: aborted })).rejects.toBeInstanceOf(
      RetryableError,
    );
    expect(created).toBe(0);
    server.injectFault({ type: 'hang-after' });
    const controller = new AbortController();
    const sent = client
      .request({ method: 'POST', url: `${server.origin}/posts`, createsPost: true, signal: controller.signal })
      .catch((e: unknown) => e);
    // Aborted once the platform has the request (not after a fixed time, which a loaded machine may not reach).
    await waitFor(
      () => created,
      (count) => count === 1,
      5_000,
      'the create to arrive',
    );
    controller.abort();
    expect(await sent).toBeInstanceOf(AmbiguousError);
  });

  it('keeps connections for reuse when asked: sequential requests to one host share one connection', async () => {
    const kept = new HttpClient({ label: 'Test', timeoutMs: 2_000, keepAlive: true });
    for (let i = 0; i < 3; i += 1) {
      expect((await kept.request({ method: 'POST', url: `${server.origin}/posts`, createsPost: true })).status).toBe(201);
    }
    expect(server.connectionsOpened).toBe(1);
    await client.request({ method: 'GET', url: `${server.origin}/nothing` });
    await client.request({ method: 'GET', url: `${server.origin}/nothing` });
    expect(server.connectionsOpened).toBe(3);
  });

  it('is ambiguous, never unreachable, when a create sent on a kept connection loses it', async () => {
    const kept = new HttpClient({ label: 'Test', timeoutMs: 2_000, keepAlive: true });
    await kept.request({ method: 'GET', url: `${server.origin}/nothing` });
    server.injectFault({ type: 'drop-after' });
    const create = await kept
      .request({ method: 'POST', url: `${server.origin}/posts`, body: { type: 'json', value: {} }, createsPost: true })
      .catch((e: unknown) => e);
    expect(server.connectionsOpened).toBe(1);
    expect(create).toBeInstanceOf(AmbiguousError);
    expect(created).toBe(1);
  });

  it('refuses a response larger than the limit', async () => {
    await expect(client.request({ method: 'GET', url: `${server.origin}/big`, maxResponseBytes: 10_000 })).rejects.toBeInstanceOf(
      ResponseTooLargeError,
    );
  });
});
