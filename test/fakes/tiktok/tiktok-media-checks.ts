// What the fake TikTok checks in received media, as its processing step would: the container format and, for MP4/MOV,
// the duration from the movie header (read as the platform would, by ../shared/iso-media).
import { isIsoMedia, isoDurationSec } from '../shared/iso-media';

export type MediaCheck = { ok: true; durationSec?: number } | { ok: false; failReason: string };

/** A video as TikTok's processing would judge it: MP4/MOV (ftyp box first) or WebM (EBML header). */
export function checkVideo(bytes: Buffer, maxDurationSec: number): MediaCheck {
  const isIso = isIsoMedia(bytes);
  const isWebm = bytes.length >= 4 && bytes.readUInt32BE(0) === 0x1a45dfa3;
  if (!isIso && !isWebm) return { ok: false, failReason: 'file_format_check_failed' };
  const durationSec = isIso ? isoDurationSec(bytes) : undefined;
  if (durationSec !== undefined && durationSec > maxDurationSec) return { ok: false, failReason: 'duration_check_failed' };
  return durationSec === undefined ? { ok: true } : { ok: true, durationSec };
}

/** TikTok photo posts take JPEG or WebP only. */
export function checkPhoto(bytes: Buffer): MediaCheck {
  const isJpeg = bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  const isWebp = bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP';
  return isJpeg || isWebp ? { ok: true } : { ok: false, failReason: 'file_format_check_failed' };
}
