// Pictures (and one short video) for posts' media links, so thumbnails show real images: generated PNGs served on 127.0.0.1. The browser
// reaches them as http://cdn.example.com/photos/<n>.png through a host mapping (see browser.ts), so the posts carry
// the kind of public link a manager pastes.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

export const MEDIA_HOST = 'cdn.example.com';
const SIZE = 96;

export interface MediaServer {
  port: number;
  /** The link of the n-th picture. */
  photo(n: number): string;
  /** The link of a one-second MP4 (test/fixtures/media/tiny.mp4). */
  video(): string;
  close(): Promise<void>;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A square PNG: a diagonal blend between two colours picked by `n`, with a lighter disc, like a product photo. */
export function photoPng(n: number): Buffer {
  const hue = (n * 47) % 360;
  const [r1, g1, b1] = hsl(hue, 0.55, 0.45);
  const [r2, g2, b2] = hsl((hue + 40) % 360, 0.6, 0.7);
  const rows: Buffer[] = [];
  for (let y = 0; y < SIZE; y++) {
    const row = Buffer.alloc(1 + SIZE * 3);
    for (let x = 0; x < SIZE; x++) {
      const t = (x + y) / (2 * SIZE);
      const disc = (x - SIZE * 0.62) ** 2 + (y - SIZE * 0.4) ** 2 < (SIZE * 0.22) ** 2 ? 0.35 : 0;
      const mix = (a: number, b: number) => Math.round((a + (b - a) * t) * (1 - disc) + 255 * disc);
      row.set([mix(r1, r2), mix(g1, g2), mix(b1, b2)], 1 + x * 3);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function hsl(h: number, s: number, l: number): [number, number, number] {
  const a = s * Math.min(l, 1 - l);
  const f = (k: number) => {
    const p = (k + h / 30) % 12;
    return 255 * (l - a * Math.max(-1, Math.min(p - 3, 9 - p, 1)));
  };
  return [f(0), f(8), f(4)];
}

export async function startMediaServer(): Promise<MediaServer> {
  // Each picture is drawn once, when its link is handed out (a post is made with it), not when a page first asks for
  // it: the bench measures the calendar, not this server, which shares the engine's process (drawn on request, the
  // bench's 60 pictures took ~0.4 s of its CPU during the first cold load).
  const drawn = new Map<number, Buffer>();
  const draw = (n: number): Buffer => {
    const png = drawn.get(n) ?? photoPng(n);
    drawn.set(n, png);
    return png;
  };
  const clip = readFileSync(join(__dirname, '..', '..', 'fixtures', 'media', 'tiny.mp4'));
  const server: Server = createServer((request, response) => {
    if (request.url === '/videos/clip.mp4') {
      response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': clip.length }).end(clip);
      return;
    }
    const match = /^\/photos\/(\d{1,4})\.png$/.exec(request.url ?? '');
    if (!match) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'max-age=3600' }).end(draw(Number(match[1])));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    photo: (n) => {
      draw(n);
      return `http://${MEDIA_HOST}/photos/${n}.png`;
    },
    video: () => `http://${MEDIA_HOST}/videos/clip.mp4`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
