// Library files for the window's <img> and <video>. The sandboxed page cannot read files, and main runs no server,
// so main answers pe-media://item/<id> from the engine's media library: only stored items, never a path, honouring
// one byte range so a video can seek to its poster frame.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { CustomScheme, Protocol } from 'electron';
import { AppError } from '../../shared/errors';
import { MEDIA_SCHEME } from '../../shared/media-item-url';
import { byteRange } from '../engine/media/byte-range';
import type { MediaLibrary } from '../engine/media/media-library';

/** Registered before the app is ready: standard (a URL with a host), secure, and streamed so media can seek. */
export const MEDIA_SCHEME_PRIVILEGES: CustomScheme = { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, stream: true } };

export function handleMediaProtocol(protocol: Pick<Protocol, 'handle'>, library: () => MediaLibrary): void {
  protocol.handle(MEDIA_SCHEME, (request) => mediaItemResponse(request, library()));
}

export async function mediaItemResponse(request: Request, library: MediaLibrary): Promise<Response> {
  const url = new URL(request.url);
  const id = url.host === 'item' ? /^\/([^/]+)$/.exec(url.pathname)?.[1] : undefined;
  if (request.method !== 'GET' || id === undefined) return new Response('Not found', { status: 404 });
  let file;
  try {
    file = await library.file(decodeURIComponent(id));
  } catch (error) {
    if (error instanceof AppError || error instanceof URIError) return new Response('Not found', { status: 404 });
    throw error;
  }
  const size = file.row.size_bytes;
  const headers = { 'content-type': file.row.mime_type, 'accept-ranges': 'bytes', 'x-content-type-options': 'nosniff' };
  const range = byteRange(request.headers.get('range'), size);
  if (range === 'unsatisfiable') return new Response(null, { status: 416, headers: { 'content-range': `bytes */${size}` } });
  const body = Readable.toWeb(createReadStream(file.path, range ?? {})) as ReadableStream<Uint8Array>;
  if (!range) return new Response(body, { status: 200, headers: { ...headers, 'content-length': String(size) } });
  return new Response(body, {
    status: 206,
    headers: { ...headers, 'content-range': `bytes ${range.start}-${range.end}/${size}`, 'content-length': String(range.end - range.start + 1) },
  });
}
