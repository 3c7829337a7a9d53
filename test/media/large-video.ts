// Large test videos made at test time, never committed: the tiny MP4 fixture (movie header first) with its media data
// box grown to the wanted size. `fill: 'random'` writes deterministic noise (so a corrupted upload shows); `'sparse'`
// leaves a hole the file system reads as zeros, so a 500 MB video costs no disk and no time to make.
import { closeSync, openSync, readFileSync, writeSync, ftruncateSync } from 'node:fs';
import { generatedBytes } from '../fakes/shared/media-server';
import { fixture } from './library-harness';

/** Where tiny.mp4's mdat box starts (after ftyp, moov and free; see test/fixtures/media/README.md). */
const MDAT_AT = 2183;

export function makeLargeVideo(path: string, size: number, fill: 'random' | 'sparse' = 'random'): string {
  const source = readFileSync(fixture('tiny.mp4'));
  if (source.toString('latin1', MDAT_AT + 4, MDAT_AT + 8) !== 'mdat') throw new Error('tiny.mp4 changed: update MDAT_AT');
  const head = Buffer.from(source);
  head.writeUInt32BE(size - MDAT_AT, MDAT_AT);
  const fd = openSync(path, 'w', 0o600);
  try {
    writeSync(fd, head, 0, head.length, 0);
    if (fill === 'sparse') {
      ftruncateSync(fd, size);
    } else {
      const block = 1024 * 1024;
      for (let offset = head.length, seed = 1; offset < size; offset += block, seed += 1) {
        const bytes = generatedBytes(Math.min(block, size - offset), seed);
        writeSync(fd, bytes, 0, bytes.length, offset);
      }
    }
  } finally {
    closeSync(fd);
  }
  return path;
}
