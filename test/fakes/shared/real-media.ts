// Real media files of chosen facts for the fakes to judge, made from the committed fixtures (test/fixtures/media):
// a JPEG whose frame header says the wanted width and height, an MP4 whose movie header says the wanted duration and
// whose video track says the wanted codec. Padded to a wanted size after their last byte, as trailing data is.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isoBoxes, isoVideoSampleEntryAt } from './iso-media';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'media');

function padded(bytes: Buffer, size: number | undefined): Buffer {
  if (size === undefined || size <= bytes.length) return bytes;
  return Buffer.concat([bytes, Buffer.alloc(size - bytes.length)]);
}

/** tiny.jpg with its start-of-frame header saying `width` × `height`. */
export function jpegFile(width: number, height: number, size?: number): Buffer {
  const bytes = Buffer.from(readFileSync(join(FIXTURES, 'tiny.jpg')));
  for (let i = 2; i + 9 < bytes.length;) {
    if (bytes[i] !== 0xff) throw new Error('tiny.jpg: a segment does not start with a marker');
    const marker = bytes[i + 1] as number;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      bytes.writeUInt16BE(height, i + 5);
      bytes.writeUInt16BE(width, i + 7);
      return padded(bytes, size);
    }
    i += 2 + bytes.readUInt16BE(i + 2);
  }
  throw new Error('tiny.jpg has no frame header');
}

export interface VideoFileSpec {
  durationSec: number;
  /** The video track's sample entry: 'avc1' (H.264, as tiny.mp4), 'hvc1' (HEVC), 'mp4v' (MPEG-4 Part 2) … */
  codec?: string;
  size?: number;
}

/** tiny.mp4 (H.264 + AAC, movie header first) with its movie header saying `durationSec` and its video codec `codec`. */
export function mp4File(spec: VideoFileSpec): Buffer {
  const bytes = Buffer.from(readFileSync(join(FIXTURES, 'tiny.mp4')));
  const moov = isoBoxes(bytes).find((box) => box.type === 'moov');
  const mvhd = moov && isoBoxes(bytes, moov.start, moov.end).find((box) => box.type === 'mvhd');
  if (!mvhd || bytes[mvhd.start] !== 0) throw new Error('tiny.mp4 has no version 0 movie header');
  bytes.writeUInt32BE(Math.round(spec.durationSec * bytes.readUInt32BE(mvhd.start + 12)), mvhd.start + 16);
  if (spec.codec !== undefined) {
    const at = isoVideoSampleEntryAt(bytes);
    if (at === undefined) throw new Error('tiny.mp4 has no video sample entry');
    bytes.write(spec.codec, at, 'latin1');
  }
  return padded(bytes, spec.size);
}
