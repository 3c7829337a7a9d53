// Reaching nothing is not a failure of the post: the client tells "the platform was not reached" (unreachable: no
// name, refused, reset before a byte of the request left, a captive portal answering) from "the platform got the
// request" (retryable, or ambiguous for a create). Real sockets on 127.0.0.1 throughout.
import net, { type AddressInfo, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../../../electron/engine/publishers/base/http-client';
import { AmbiguousError, RetryableError, UnreachableError } from '../../../electron/engine/publishers/errors';
import { FakeServer } from '../../fakes/shared/fake-server';
import { OutageProxy } from '../../fakes/shared/outage-proxy';

const api = new HttpClient({ label: 'X (Twitter)', timeoutMs: 3_000, apiAnswers: true });
const servers: { close(): Promise<void> | void }[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function platform(): Promise<{ fake: FakeServer; created: () => number }> {
  let created = 0;
  const fake = new FakeServer().route('POST', '/2/tweets', () => {
    created += 1;
    return { status: 201, body: { data: { id: String(created) } } };
  });
  await fake.listen();
  servers.push(fake);
  return { fake, created: () => created };
}

/** A raw TCP server; `onSocket` decides what each accepted connection gets. */
async function rawServer(onSocket: (socket: net.Socket) => void): Promise<string> {
  const sockets = new Set<net.Socket>();
  const server: Server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    onSocket(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const create = (origin: string) =>
  api
    .request({ method: 'POST', url: `${origin}/2/tweets`, body: { type: 'json', value: { text: 'hi' } }, createsPost: true })
    .catch((e: unknown) => e);

describe('a request that reached nothing', () => {
  it('is unreachable when nothing listens (connection refused), naming the origin to probe', async () => {
    const { fake } = await platform();
    const proxy = await OutageProxy.start(fake.origin);
    servers.push(proxy);
    await proxy.set('refuse');
    const error = await create(proxy.origin);
    expect(error).toBeInstanceOf(UnreachableError);
    expect(error).toMatchObject({ unreachable: 'refused', origin: proxy.origin });
    expect((error as Error).message).toBe(
      `X (Twitter): ${proxy.origin.slice('http://'.length)} could not be reached (connection refused); nothing was sent.`,
    );
  });

  it('is unreachable when the name does not resolve (a .invalid host)', async () => {
    const error = await create('http://api.x.invalid');
    expect(error).toBeInstanceOf(UnreachableError);
    expect(error).toMatchObject({ unreachable: 'dns', origin: 'http://api.x.invalid' });
    expect((error as Error).message).toMatch(/the server name could not be resolved/);
  });

  it('is unreachable when the host accepts and resets before the request is sent (during the TLS handshake), even for a create', async () => {
    const host = await rawServer((socket) => socket.resetAndDestroy());
    const error = await create(`https://${host}`);
    expect(error).toBeInstanceOf(UnreachableError);
    expect(error).toMatchObject({ unreachable: 'reset', origin: `https://${host}` });
  });

  it('is unreachable when a captive portal answers in the platform’s place: a sign-in page, a redirect, or 511', async () => {
    const { fake, created } = await platform();
    const proxy = await OutageProxy.start(fake.origin);
    servers.push(proxy);
    await proxy.set('portal');
    const page = await create(proxy.origin);
    expect(page).toBeInstanceOf(UnreachableError);
    expect(page).toMatchObject({ unreachable: 'portal' });
    expect((page as Error).message).toMatch(/sign-in page instead \(a web page\); nothing was published/);

    const redirect = await rawServer((socket) => socket.end('HTTP/1.1 302 Found\r\nlocation: http://login.example/\r\ncontent-length: 0\r\n\r\n'));
    expect(await create(`http://${redirect}`)).toMatchObject({
      unreachable: 'portal',
      message: expect.stringMatching(/a redirect to http:\/\/login\.example\//),
    });
    const authRequired = await rawServer((socket) => socket.end('HTTP/1.1 511 Network Authentication Required\r\ncontent-length: 0\r\n\r\n'));
    expect(await create(`http://${authRequired}`)).toMatchObject({ unreachable: 'portal' });
    expect(created()).toBe(0);

    // The same answers are what they are for a client that does not talk to an API (a media link may be a web page).
    const media = new HttpClient({ label: 'Downloading', timeoutMs: 3_000 });
    expect((await media.request({ method: 'GET', url: `${proxy.origin}/photo.jpg` })).status).toBe(200);
  });

  it('passes the platform’s own answers, errors included', async () => {
    const { fake, created } = await platform();
    const answer = await api.request({ method: 'POST', url: `${fake.origin}/2/tweets`, body: { type: 'json', value: {} }, createsPost: true });
    expect(answer.status).toBe(201);
    expect((await api.request({ method: 'HEAD', url: `${fake.origin}/` })).status).toBe(404);
    expect(created()).toBe(1);
  });
});

describe('a request the platform may have got', () => {
  it('is ambiguous for a create, and retryable otherwise, when the connection breaks after the request was sent', async () => {
    const { fake, created } = await platform();
    const proxy = await OutageProxy.start(fake.origin);
    servers.push(proxy);
    await proxy.set('lose-create-answers');
    const error = await create(proxy.origin);
    expect(error).toBeInstanceOf(AmbiguousError);
    expect(error).not.toBeInstanceOf(UnreachableError);
    expect(created()).toBe(1);

    const host = await rawServer((socket) => socket.once('data', () => socket.resetAndDestroy()));
    const read = await api.request({ method: 'GET', url: `http://${host}/2/users/me` }).catch((e: unknown) => e);
    expect(read).toBeInstanceOf(RetryableError);
    expect(read).not.toBeInstanceOf(UnreachableError);
    expect((read as Error).message).toMatch(/the connection was reset\); nothing was published\.$/);
  });
});
