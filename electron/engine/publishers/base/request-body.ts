// Turns a request body description into bytes and a content type, so every publisher encodes bodies the same way.
import { randomBytes } from 'node:crypto';

export type MultipartPart = { name: string; value: string } | { name: string; data: Buffer; filename: string; contentType: string };

export type RequestBody =
  | { type: 'json'; value: unknown }
  | { type: 'form'; fields: Record<string, string> }
  | { type: 'multipart'; parts: MultipartPart[] }
  | { type: 'binary'; data: Buffer; contentType: string };

export interface EncodedBody {
  data: Buffer;
  contentType: string;
}

function quoted(value: string): string {
  return value.replace(/["\r\n]/g, (char) => encodeURIComponent(char));
}

function encodeMultipart(parts: MultipartPart[]): EncodedBody {
  const boundary = `----publishing-engine-${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(part.name)}"`;
    if ('data' in part) {
      head += `; filename="${quoted(part.filename)}"\r\nContent-Type: ${part.contentType}\r\n\r\n`;
      chunks.push(Buffer.from(head, 'utf8'), part.data, Buffer.from('\r\n'));
    } else {
      chunks.push(Buffer.from(`${head}\r\n\r\n${part.value}\r\n`, 'utf8'));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { data: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The bytes and `Content-Type` of a body. */
export function encodeBody(body: RequestBody): EncodedBody {
  switch (body.type) {
    case 'json':
      return { data: Buffer.from(JSON.stringify(body.value), 'utf8'), contentType: 'application/json' };
    case 'form':
      return { data: Buffer.from(new URLSearchParams(body.fields).toString(), 'utf8'), contentType: 'application/x-www-form-urlencoded' };
    case 'multipart':
      return encodeMultipart(body.parts);
    case 'binary':
      return { data: body.data, contentType: body.contentType };
  }
}
