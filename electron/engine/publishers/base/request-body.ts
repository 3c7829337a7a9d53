// Turns a request body description into the pieces that go on the wire and a content type, so every publisher
// encodes bodies the same way. A file (or a byte range of one) stays on disk: it is streamed while the request is
// sent, so no upload holds a video in memory.
import { randomBytes } from 'node:crypto';

/** Bytes `start` to `end` (inclusive, as in Content-Range) of the file at `path`. */
export interface FileRange {
  path: string;
  start: number;
  end: number;
}

export type MultipartPart =
  | { name: string; value: string }
  | { name: string; data: Buffer; filename: string; contentType: string }
  | { name: string; file: FileRange; filename: string; contentType: string };

export type RequestBody =
  | { type: 'json'; value: unknown }
  | { type: 'form'; fields: Record<string, string> }
  | { type: 'multipart'; parts: MultipartPart[] }
  | { type: 'binary'; data: Buffer; contentType: string }
  | { type: 'file'; file: FileRange; contentType: string };

/** What is sent, in order: bytes in memory, or a file range read while sending. */
export type BodyPiece = Buffer | FileRange;

export interface EncodedBody {
  pieces: BodyPiece[];
  /** Total bytes: the request's Content-Length. */
  length: number;
  contentType: string;
}

export function rangeLength(range: FileRange): number {
  return range.end - range.start + 1;
}

function quoted(value: string): string {
  return value.replace(/["\r\n]/g, (char) => encodeURIComponent(char));
}

function encoded(pieces: BodyPiece[], contentType: string): EncodedBody {
  const length = pieces.reduce((sum, piece) => sum + (Buffer.isBuffer(piece) ? piece.length : rangeLength(piece)), 0);
  return { pieces, length, contentType };
}

function encodeMultipart(parts: MultipartPart[]): EncodedBody {
  const boundary = `----publishing-engine-${randomBytes(12).toString('hex')}`;
  const pieces: BodyPiece[] = [];
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(part.name)}"`;
    if ('value' in part) {
      pieces.push(Buffer.from(`${head}\r\n\r\n${part.value}\r\n`, 'utf8'));
      continue;
    }
    head += `; filename="${quoted(part.filename)}"\r\nContent-Type: ${part.contentType}\r\n\r\n`;
    pieces.push(Buffer.from(head, 'utf8'), 'data' in part ? part.data : part.file, Buffer.from('\r\n'));
  }
  pieces.push(Buffer.from(`--${boundary}--\r\n`));
  return encoded(pieces, `multipart/form-data; boundary=${boundary}`);
}

/** The pieces and `Content-Type` of a body. */
export function encodeBody(body: RequestBody): EncodedBody {
  switch (body.type) {
    case 'json':
      return encoded([Buffer.from(JSON.stringify(body.value), 'utf8')], 'application/json');
    case 'form':
      return encoded([Buffer.from(new URLSearchParams(body.fields).toString(), 'utf8')], 'application/x-www-form-urlencoded');
    case 'multipart':
      return encodeMultipart(body.parts);
    case 'binary':
      return encoded([body.data], body.contentType);
    case 'file':
      return encoded([body.file], body.contentType);
  }
}
