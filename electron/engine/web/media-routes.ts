// The media library over the browser bridge: a tab cannot hand the engine a path, so it uploads the file's bytes
// (streamed to a temporary file under a size cap, then imported like a picked file), and shows imported items
// from GET /api/media/<id> (with byte ranges, so a video can seek for its poster frame). The caller has already
// checked the token and the origin.
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { AppError, type ErrorShape } from '../../../shared/errors';
import { byteRange } from '../media/byte-range';
import type { MediaLibrary } from '../media/media-library';

/** The largest file a browser tab may upload; the desktop app and the CLI import bigger files from disk. */
export const MAX_UPLOAD_BYTES = 8 * 1024 ** 3;
const MAX_NAME_LENGTH = 255;

type Send = (res: ServerResponse, status: number, body: unknown) => void;

class UploadTooLarge extends Error {}

/** POST /api/media/upload?name=<file name>: the body is the file. Answers `{ ok, value: MediaItemView }`. */
export async function uploadMedia(req: IncomingMessage, res: ServerResponse, url: URL, library: MediaLibrary, send: Send): Promise<void> {
  const name = uploadName(url.searchParams.get('name'));
  if (name === undefined) {
    req.resume();
    return send(res, 400, failure({ code: 'validation', field: 'name', message: 'name: give the file’s name, e.g. ?name=photo.jpg.' }));
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_UPLOAD_BYTES) {
    // The body is never read, so the connection cannot carry another request.
    res.setHeader('connection', 'close');
    return send(res, 413, tooLarge(name));
  }
  const tempPath = join(library.dir, '.incoming', `upload-${randomUUID()}.part`);
  try {
    let received = 0;
    await pipeline(
      req,
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          received += chunk.length;
          if (received > MAX_UPLOAD_BYTES) throw new UploadTooLarge();
          yield chunk;
        }
      },
      createWriteStream(tempPath, { flags: 'wx', mode: 0o600 }),
    );
    const [item] = await library.importFiles([{ path: tempPath, name }], 'file');
    send(res, 200, { ok: true, value: item });
  } catch (error) {
    if (error instanceof UploadTooLarge) {
      res.setHeader('connection', 'close');
      send(res, 413, tooLarge(name));
    } else if (error instanceof AppError) {
      send(res, 400, failure({ ...error.toShape(), field: 'file' }));
    } else if (!res.headersSent) {
      // The tab went away mid-upload, or the disk refused the write: nothing was imported.
      send(res, 400, failure({ code: 'validation', field: 'file', message: `${name} did not arrive whole; add it again.` }));
    }
  } finally {
    await rm(tempPath, { force: true });
  }
}

/** GET /api/media/<id>: the stored file, honouring one byte range. */
export async function serveMedia(req: IncomingMessage, res: ServerResponse, id: string, library: MediaLibrary, send: Send): Promise<void> {
  let file;
  try {
    file = await library.file(id);
  } catch (error) {
    if (error instanceof AppError) return send(res, 404, failure(error.toShape()));
    throw error;
  }
  const size = file.row.size_bytes;
  const headers = {
    'content-type': file.row.mime_type,
    'accept-ranges': 'bytes',
    'cache-control': 'private, max-age=3600',
    'x-content-type-options': 'nosniff',
  };
  const range = byteRange(req.headers.range, size);
  if (range === 'unsatisfiable') {
    res.writeHead(416, { 'content-range': `bytes */${size}` });
    return void res.end();
  }
  if (range) {
    const { start, end } = range;
    res.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${end}/${size}`, 'content-length': String(end - start + 1) });
    return streamFile(file.path, res, range);
  }
  res.writeHead(200, { ...headers, 'content-length': String(size) });
  return streamFile(file.path, res, {});
}

async function streamFile(path: string, res: ServerResponse, range: { start?: number; end?: number }): Promise<void> {
  await pipeline(createReadStream(path, range), res).catch(() => undefined);
}

/** The base name the tab sent, without any folder, control characters or an overlong tail. */
function uploadName(raw: string | null): string | undefined {
  if (raw === null) return undefined;
  const name = (raw.split(/[/\\]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (name === '' || name === '.' || name === '..') return undefined;
  return name.length > MAX_NAME_LENGTH ? name.slice(name.length - MAX_NAME_LENGTH) : name;
}

function tooLarge(name: string): { ok: false; error: ErrorShape } {
  return failure({ code: 'validation', field: 'file', message: `${name} is larger than 8 GB, the most a browser tab can upload here.` });
}

function failure(error: ErrorShape): { ok: false; error: ErrorShape } {
  return { ok: false, error };
}
