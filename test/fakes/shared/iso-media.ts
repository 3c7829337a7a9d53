// What a platform's processing reads from a received MP4 or MOV (ISO BMFF): the movie's duration from its header and
// the video track's codec from its sample description. Written from the box layout, independent of the engine's own
// media readers, so a fake judges media the way the platform would.

export interface IsoBox {
  type: string;
  /** Where the box's content starts and ends. */
  start: number;
  end: number;
}

/** The boxes laid out between `start` and `end`. */
export function isoBoxes(bytes: Buffer, start = 0, end = bytes.length): IsoBox[] {
  const boxes: IsoBox[] = [];
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

function child(bytes: Buffer, parent: IsoBox | undefined, type: string): IsoBox | undefined {
  return parent && isoBoxes(bytes, parent.start, parent.end).find((box) => box.type === type);
}

/** True when the file starts as an ISO BMFF (MP4, MOV) does. */
export function isIsoMedia(bytes: Buffer): boolean {
  return bytes.length >= 8 && bytes.toString('latin1', 4, 8) === 'ftyp';
}

/** The movie's duration in seconds from moov/mvhd, or undefined when the file has none. */
export function isoDurationSec(bytes: Buffer): number | undefined {
  const moov = isoBoxes(bytes).find((box) => box.type === 'moov');
  const mvhd = child(bytes, moov, 'mvhd');
  if (!mvhd || mvhd.end - mvhd.start < 20) return undefined;
  const version = bytes[mvhd.start];
  const timescale = version === 1 ? bytes.readUInt32BE(mvhd.start + 20) : bytes.readUInt32BE(mvhd.start + 12);
  const duration = version === 1 ? Number(bytes.readBigUInt64BE(mvhd.start + 24)) : bytes.readUInt32BE(mvhd.start + 16);
  return timescale > 0 ? duration / timescale : undefined;
}

/** Where the video track's sample entry type sits (its four-character code), or undefined without one. */
export function isoVideoSampleEntryAt(bytes: Buffer): number | undefined {
  const moov = isoBoxes(bytes).find((box) => box.type === 'moov');
  if (!moov) return undefined;
  for (const trak of isoBoxes(bytes, moov.start, moov.end).filter((box) => box.type === 'trak')) {
    const mdia = child(bytes, trak, 'mdia');
    const hdlr = child(bytes, mdia, 'hdlr');
    if (!hdlr || bytes.toString('latin1', hdlr.start + 8, hdlr.start + 12) !== 'vide') continue;
    const stsd = child(bytes, child(bytes, child(bytes, mdia, 'minf'), 'stbl'), 'stsd');
    // stsd: version and flags (4), entry count (4), then the first sample entry's size (4) and type (4).
    return stsd && stsd.end - stsd.start >= 16 ? stsd.start + 12 : undefined;
  }
  return undefined;
}

/** The four-character code of the video track's sample entry ('avc1', 'hvc1', 'mp4v' …), or undefined. */
export function isoVideoCodec(bytes: Buffer): string | undefined {
  const at = isoVideoSampleEntryAt(bytes);
  return at === undefined ? undefined : bytes.toString('latin1', at, at + 4);
}
