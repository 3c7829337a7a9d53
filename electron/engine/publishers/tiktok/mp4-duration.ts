// The length of an MP4/MOV video, read from its movie header, so a video too long for the creator is refused before
// it is uploaded. Other containers (WebM) give undefined and are left to TikTok's own check.

interface Box {
  type: string;
  /** Offset of the box's content (after its header). */
  start: number;
  end: number;
}

function childBoxes(bytes: Buffer, start: number, end: number): Box[] {
  const boxes: Box[] = [];
  let offset = start;
  while (offset + 8 <= end) {
    let size = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    let headerSize = 8;
    if (size === 1 && offset + 16 <= end) {
      size = Number(bytes.readBigUInt64BE(offset + 8));
      headerSize = 16;
    } else if (size === 0) {
      size = end - offset;
    }
    if (size < headerSize || offset + size > end) break;
    boxes.push({ type, start: offset + headerSize, end: offset + size });
    offset += size;
  }
  return boxes;
}

/** Seconds from the `moov/mvhd` box, or undefined when the file is not an MP4/MOV or has no readable header. */
export function mp4DurationSeconds(bytes: Buffer): number | undefined {
  if (bytes.length < 8 || bytes.toString('latin1', 4, 8) !== 'ftyp') return undefined;
  const moov = childBoxes(bytes, 0, bytes.length).find((box) => box.type === 'moov');
  const mvhd = moov && childBoxes(bytes, moov.start, moov.end).find((box) => box.type === 'mvhd');
  if (!mvhd || mvhd.end - mvhd.start < 20) return undefined;
  const version = bytes[mvhd.start];
  if (version === 1 && mvhd.end - mvhd.start < 32) return undefined;
  const timescale = bytes.readUInt32BE(mvhd.start + (version === 1 ? 20 : 12));
  const duration = version === 1 ? Number(bytes.readBigUInt64BE(mvhd.start + 24)) : bytes.readUInt32BE(mvhd.start + 16);
  return timescale > 0 ? duration / timescale : undefined;
}
