// Media a TikTok test posts: an MP4 with a real movie header (so the duration can be read) and JPEGs, served over
// HTTP from 127.0.0.1 like any media link.
import { FakeServer } from '../../fakes/shared/fake-server';
import { generatedBytes } from '../../fakes/shared/media-server';

function box(type: string, content: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + content.length, 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, content]);
}

/** An MP4 of exactly `size` bytes: ftyp, moov/mvhd with the duration, then generated media data. */
export function mp4Bytes(size: number, durationSec: number, seed = 7): Buffer {
  const ftyp = box('ftyp', Buffer.concat([Buffer.from('isom', 'latin1'), Buffer.from([0, 0, 2, 0]), Buffer.from('isommp42', 'latin1')]));
  const mvhd = Buffer.alloc(100);
  const timescale = 1000;
  mvhd.writeUInt32BE(timescale, 12);
  mvhd.writeUInt32BE(Math.round(durationSec * timescale), 16);
  mvhd.writeUInt32BE(0x00010000, 20);
  mvhd.writeUInt16BE(0x0100, 24);
  mvhd.writeUInt32BE(2, 96);
  const moov = box('moov', box('mvhd', mvhd));
  const mdatSize = size - ftyp.length - moov.length;
  return Buffer.concat([ftyp, moov, box('mdat', generatedBytes(mdatSize - 8, seed))]);
}

export function jpegBytes(size: number, seed = 3): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), generatedBytes(size - 6, seed), Buffer.from([0xff, 0xd9])]);
}

/** Serves given bytes at `/media/<name>`. */
export class MediaHost {
  private readonly files = new Map<string, { data: Buffer; contentType: string }>();
  private readonly server = new FakeServer();

  async start(): Promise<this> {
    this.server.route('GET', '/media/:name', (request) => {
      const file = this.files.get(request.params.name);
      return file ? { status: 200, headers: { 'content-type': file.contentType }, body: file.data } : { status: 404, body: 'Not found' };
    });
    await this.server.listen();
    return this;
  }

  get origin(): string {
    return this.server.origin;
  }

  add(name: string, data: Buffer, contentType: string): string {
    this.files.set(name, { data, contentType });
    return `${this.server.origin}/media/${name}`;
  }

  close(): Promise<void> {
    return this.server.close();
  }
}
