// The length of a linked MP4/MOV video, read from its movie header on disk (box headers only, wherever the header
// sits), so a video too long for the creator is refused before it is uploaded. Other containers (WebM) give
// undefined and are left to TikTok's own check. Files from the media library carry their length already.
import { open, type FileHandle } from 'node:fs/promises';

interface Box {
  type: string;
  /** Offset of the box's content (after its header). */
  start: number;
  end: number;
}

async function childBoxes(file: FileHandle, start: number, end: number): Promise<Box[]> {
  const boxes: Box[] = [];
  const header = Buffer.alloc(16);
  let offset = start;
  while (offset + 8 <= end) {
    const { bytesRead } = await file.read(header, 0, Math.min(16, end - offset), offset);
    if (bytesRead < 8) break;
    let size = header.readUInt32BE(0);
    const type = header.toString('latin1', 4, 8);
    let headerSize = 8;
    if (size === 1 && bytesRead >= 16) {
      size = Number(header.readBigUInt64BE(8));
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
export async function mp4DurationSeconds(path: string, size: number): Promise<number | undefined> {
  const file = await open(path, 'r');
  try {
    const head = Buffer.alloc(8);
    await file.read(head, 0, 8, 0);
    if (size < 8 || head.toString('latin1', 4, 8) !== 'ftyp') return undefined;
    const moov = (await childBoxes(file, 0, size)).find((box) => box.type === 'moov');
    const mvhd = moov && (await childBoxes(file, moov.start, moov.end)).find((box) => box.type === 'mvhd');
    if (!mvhd || mvhd.end - mvhd.start < 20) return undefined;
    const body = Buffer.alloc(Math.min(32, mvhd.end - mvhd.start));
    await file.read(body, 0, body.length, mvhd.start);
    const version = body[0];
    if (version === 1 && body.length < 32) return undefined;
    const timescale = body.readUInt32BE(version === 1 ? 20 : 12);
    const duration = version === 1 ? Number(body.readBigUInt64BE(24)) : body.readUInt32BE(16);
    return timescale > 0 ? duration / timescale : undefined;
  } finally {
    await file.close();
  }
}
