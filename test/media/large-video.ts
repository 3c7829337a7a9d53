// Large test videos made at test time, never committed: the tiny MP4 fixture (movie header first) with its media data
// box grown to the wanted size. `fill: 'random'` writes deterministic noise (so a corrupted upload shows); `'sparse'`
// leaves a hole the file system reads as zeros, so a 500 MB video costs no disk and no time to make.
import { closeSync, openSync, readFileSync, writeSync, ftruncateSync } from 'node:fs';
import { generatedBytes } from '../fakes/shared/media-server';
import { fixture } from './library-harness';

/** Where tiny.mp4's mdat box starts (after ftyp, moov and free; see test/fixtures/media/README.md). */
const MDAT_AT = 2183;

/** `seconds`: the length the movie header states (tiny.mp4 is 1 s; a reel must be at least 3). */
export function makeLargeVideo(path: string, size: number, fill: 'random' | 'sparse' = 'random', seconds?: number): string {
  const source = readFileSync(fixture('tiny.mp4'));
  if (source.toString('latin1', MDAT_AT + 4, MDAT_AT + 8) !== 'mdat') throw new Error('tiny.mp4 changed: update MDAT_AT');
  const head = Buffer.from(source);
  head.writeUInt32BE(size - MDAT_AT, MDAT_AT);
  if (seconds !== undefined) stateLength(head, seconds);
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

/** Rewrites the movie header's duration (mvhd version 0: timescale at +12, duration at +16 of its content). */
function stateLength(head: Buffer, seconds: number): void {
  const mvhd = head.indexOf('mvhd', 0, 'latin1');
  if (mvhd < 0 || head[mvhd + 4] !== 0) throw new Error('tiny.mp4 changed: no version 0 mvhd');
  const timescale = head.readUInt32BE(mvhd + 4 + 12);
  head.writeUInt32BE(Math.round(seconds * timescale), mvhd + 4 + 16);
}
