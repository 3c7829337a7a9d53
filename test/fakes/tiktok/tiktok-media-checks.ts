// What the fake TikTok checks in received media, as its processing step would: the container format and, for MP4/MOV,
// the duration from the movie header. Written from the ISO BMFF layout, independent of the publisher's own reader.

export type MediaCheck = { ok: true; durationSec?: number } | { ok: false; failReason: string };

function isoBoxes(bytes: Buffer, start: number, end: number): { type: string; start: number; end: number }[] {
  const boxes: { type: string; start: number; end: number }[] = [];
  let offset = start;
  while (offset + 8 <= end) {
    let size = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    let header = 8;
    if (size === 1) {
      if (offset + 16 > end) break;
      size = Number(bytes.readBigUInt64BE(offset + 8));
      header = 16;
    } else if (size === 0) {
      size = end - offset;
    }
    if (size < header || offset + size > end) break;
    boxes.push({ type, start: offset + header, end: offset + size });
    offset += size;
  }
  return boxes;
}

function mp4DurationSec(bytes: Buffer): number | undefined {
  const moov = isoBoxes(bytes, 0, bytes.length).find((box) => box.type === 'moov');
  if (!moov) return undefined;
  const mvhd = isoBoxes(bytes, moov.start, moov.end).find((box) => box.type === 'mvhd');
  if (!mvhd) return undefined;
  const version = bytes[mvhd.start];
  const timescale = version === 1 ? bytes.readUInt32BE(mvhd.start + 20) : bytes.readUInt32BE(mvhd.start + 12);
  const duration = version === 1 ? Number(bytes.readBigUInt64BE(mvhd.start + 24)) : bytes.readUInt32BE(mvhd.start + 16);
  return timescale > 0 ? duration / timescale : undefined;
}

/** A video as TikTok's processing would judge it: MP4/MOV (ftyp box first) or WebM (EBML header). */
export function checkVideo(bytes: Buffer, maxDurationSec: number): MediaCheck {
  const isIso = bytes.length >= 8 && bytes.toString('latin1', 4, 8) === 'ftyp';
  const isWebm = bytes.length >= 4 && bytes.readUInt32BE(0) === 0x1a45dfa3;
  if (!isIso && !isWebm) return { ok: false, failReason: 'file_format_check_failed' };
  const durationSec = isIso ? mp4DurationSec(bytes) : undefined;
  if (durationSec !== undefined && durationSec > maxDurationSec) return { ok: false, failReason: 'duration_check_failed' };
  return durationSec === undefined ? { ok: true } : { ok: true, durationSec };
}

/** TikTok photo posts take JPEG or WebP only. */
export function checkPhoto(bytes: Buffer): MediaCheck {
  const isJpeg = bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  const isWebp = bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP';
  return isJpeg || isWebp ? { ok: true } : { ok: false, failReason: 'file_format_check_failed' };
}
