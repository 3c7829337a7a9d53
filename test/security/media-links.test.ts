// Media links against server-side request forgery (issue 9): a link, however it spells an internal address and
// wherever its redirects lead, never makes the engine fetch from this machine or its network, and the user is told
// why. A loopback address (127.0.0.2) stands in for the public internet where a test needs a public first hop.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPublicAddress, PrivateAddressError } from '../../electron/engine/net/public-address';
import { fetchPublic, TooManyRedirectsError } from '../../electron/engine/net/public-fetch';
import { HttpClient } from '../../electron/engine/publishers/base/http-client';
import { downloadMedia, removeDownload } from '../../electron/engine/publishers/base/media';
import { PermanentError } from '../../electron/engine/publishers/errors';
import { TwitterPublisher } from '../../electron/engine/publishers/twitter/twitter-publisher';
import { MediaServer } from '../fakes/shared/media-server';
import { FakeTwitter } from '../fakes/twitter/fake-twitter';

const STAND_IN_PUBLIC = '127.0.0.2';
const standInIsPublic = (address: string) => address === STAND_IN_PUBLIC || isPublicAddress(address);

let media: MediaServer;
let photo: string;
let port: string;
let bouncer: Server;
let bouncerOrigin: string;
let bounces = 0;

beforeAll(async () => {
  media = await MediaServer.start();
  photo = media.add('inside.jpg', { size: 100, contentType: 'image/jpeg' });
  port = new URL(photo).port;
  // A "public" host that redirects wherever ?to= says, or serves a file itself.
  bouncer = createServer((req, res) => {
    bounces += 1;
    const to = new URL(req.url ?? '/', 'http://x').searchParams.get('to');
    if (to) res.writeHead(302, { location: to }).end();
    else res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(10, 1));
  });
  await new Promise<void>((resolve) => bouncer.listen(0, STAND_IN_PUBLIC, resolve));
  bouncerOrigin = `http://${STAND_IN_PUBLIC}:${(bouncer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await media.close();
  await new Promise((resolve) => bouncer.close(resolve));
});

describe('which addresses are public', () => {
  it.each([
    ['127.0.0.1', false],
    ['10.1.2.3', false],
    ['172.16.0.1', false],
    ['192.168.1.1', false],
    ['100.64.0.1', false],
    ['169.254.169.254', false],
    ['224.0.0.1', false],
    ['255.255.255.255', false],
    ['0.0.0.0', false],
    ['::', false],
    ['::1', false],
    ['fe80::1', false],
    ['fc00::1', false],
    ['ff02::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:10.0.0.1', false],
    ['64:ff9b::7f00:1', false],
    ['2002:7f00:1::', false],
    ['8.8.8.8', true],
    ['151.101.1.69', true],
    ['::ffff:8.8.8.8', true],
    ['2606:4700:4700::1111', true],
    ['not an address', false],
  ])('%s → %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe('downloading a media link', () => {
  const options = { label: 'Test', maxBytes: 1024 * 1024 };

  it.each([
    ['loopback', () => photo],
    ['loopback in decimal', () => `http://2130706433:${port}/media/inside.jpg`],
    ['loopback in hex', () => `http://0x7f000001:${port}/media/inside.jpg`],
    ['IPv6 loopback', () => `http://[::1]:${port}/media/inside.jpg`],
    ['IPv4-mapped IPv6 loopback', () => `http://[::ffff:127.0.0.1]:${port}/media/inside.jpg`],
    ['a name that resolves to loopback', () => `http://localhost:${port}/media/inside.jpg`],
    ['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data/'],
    ['a private network address', () => 'http://10.0.0.1/photo.jpg'],
  ])('refuses %s, saying why, without a request', async (_what, link) => {
    const before = media.requests.length;
    const error = await downloadMedia(link(), options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as Error).message).toMatch(/points to a private network address/);
    expect(media.requests.length).toBe(before);
  });

  it('fetches a local file only when the one test option allows private addresses', async () => {
    const file = await downloadMedia(photo, { ...options, allowPrivateAddresses: true });
    expect(file.size).toBe(100);
    await removeDownload(file);
  });
});

describe('redirects', () => {
  const client = new HttpClient({ label: 'Test', timeoutMs: 5_000 });
  const fetch = (link: string) => fetchPublic(client, link, { maxRedirects: 5, isPublic: standInIsPublic });

  it('a public link that answers itself is fetched', async () => {
    const { response } = await fetch(`${bouncerOrigin}/file.png`);
    expect(response.status).toBe(200);
  });

  it.each([
    ['to loopback', () => photo],
    ['to loopback in decimal', () => `http://2130706433:${port}/media/inside.jpg`],
    ['to a name that resolves to loopback', () => `http://localhost:${port}/media/inside.jpg`],
    ['to loopback after another public hop', () => `${bouncerOrigin}/again?to=${encodeURIComponent(photo)}`],
  ])('are checked at every hop: refused %s', async (_what, target) => {
    const before = media.requests.length;
    const error = await fetch(`${bouncerOrigin}/short?to=${encodeURIComponent(target())}`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrivateAddressError);
    expect(media.requests.length).toBe(before);
  });

  it('are capped', async () => {
    let link = `${bouncerOrigin}/file.png`;
    for (let hop = 0; hop < 6; hop += 1) link = `${bouncerOrigin}/hop${hop}?to=${encodeURIComponent(link)}`;
    const before = bounces;
    await expect(fetch(link)).rejects.toBeInstanceOf(TooManyRedirectsError);
    expect(bounces - before).toBe(6);
  });
});

describe('a publisher', () => {
  let fake: FakeTwitter;

  beforeAll(async () => {
    fake = await FakeTwitter.start({ processingChecks: 1 });
  });
  afterAll(async () => {
    await fake.close();
  });

  it('fails a post whose media link is internal, before anything reaches the platform', async () => {
    const user = fake.addUser('ssrf_check');
    const publisher = new TwitterPublisher({ apiOrigin: fake.origin, env: {}, requestTimeoutMs: 2_000 });
    const error = await publisher.publish(user.accessToken, 'With an internal photo', [photo], {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as Error).message).toMatch(/points to a private network address/);
    expect(fake.server.requestsTo(/media/)).toEqual([]);
    expect(fake.media.size).toBe(0);
    expect(fake.tweets).toEqual([]);
  });
});
