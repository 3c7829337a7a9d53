// The media a publish sends, as files on disk: an item of the media library is its stored file; a link is downloaded
// from a public address only (refusing private addresses and what no platform would take — a web page, a huge file —
// with a message that names the link) into a temporary file first. Either way the upload streams from disk in the
// platform's chunk size.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MediaFacts } from '../../../../shared/media-item';
import { mediaExtension } from '../../../../shared/media';
import { PermanentError, RetryableError } from '../errors';
import { NotAWebLinkError, TooManyRedirectsError, fetchPublic } from '../../net/public-fetch';
import { PrivateAddressError } from '../../net/public-address';
import { HttpClient, ResponseTooLargeError, type HttpResponse } from './http-client';
import type { FileRange } from './request-body';

export type MediaFileKind = MediaFacts['kind'];

/** One entry of a post's media as the engine hands it to a publisher, in the post's order. */
export type PublishMedia =
  { source: 'link'; url: string; altText?: string } | { source: 'file'; path: string; name: string; facts: MediaFacts; altText?: string };

export interface MediaFile {
  /** The link it came from; undefined for a file of the media library. */
  url: string | undefined;
  /** How messages name it: the file's name, or the link. */
  name: string;
  /** Where the bytes are. */
  path: string;
  size: number;
  /** e.g. `image/jpeg`, `video/mp4`. */
  mimeType: string;
  kind: MediaFileKind;
  /** The last path segment, for multipart filenames. */
  filename: string;
  altText: string | undefined;
  /** Bytes `start` to `end` (inclusive; default the whole file), for a request body. */
  range(start?: number, end?: number): FileRange;
}

export interface DownloadOptions {
  /** The platform's name for messages: "X (Twitter) accepts images up to 5 MB". */
  label: string;
  maxBytes: number;
  /** Refuse a file of the other kind. */
  expect?: 'image' | 'video';
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Where the downloaded copy goes (owner-only); default a folder in the system's temp directory. */
  tempDir?: string;
  /** Only for tests whose media servers run on 127.0.0.1 (PublisherConfig.allowPrivateMediaAddresses). */
  allowPrivateAddresses?: boolean;
}

const MIME_BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  mp4: 'video/mp4',
  m4v: 'video/x-m4v',
  mov: 'video/quicktime',
  webm: 'video/webm',
};

const MAX_REDIRECTS = 5;
const DEFAULT_DOWNLOAD_TIMEOUT_MS = 30 * 60_000;

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

function kindOf(mimeType: string): MediaFileKind | undefined {
  if (mimeType.startsWith('image/')) return 'image';
  if (mimeType.startsWith('video/')) return 'video';
  return undefined;
}

function mimeTypeOf(response: HttpResponse, url: string): string {
  const declared = (response.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
  // Storage buckets often serve media as octet-stream; the extension is then the best evidence.
  if (declared === '' || declared === 'application/octet-stream' || declared === 'binary/octet-stream') {
    return MIME_BY_EXTENSION[mediaExtension(url)] ?? declared;
  }
  return declared;
}

function fileOf(fields: Omit<MediaFile, 'range'>): MediaFile {
  return {
    ...fields,
    range: (start = 0, end = fields.size - 1) => ({ path: fields.path, start, end }),
  };
}

export function defaultMediaTempDir(): string {
  return join(tmpdir(), `publishing-engine-media-${process.getuid?.() ?? 'user'}`);
}

/** A library file as a MediaFile, checked to still be there with the size the library recorded. */
export async function libraryFile(media: Extract<PublishMedia, { source: 'file' }>): Promise<MediaFile> {
  let size: number;
  try {
    size = (await stat(media.path)).size;
  } catch {
    throw new PermanentError(`${media.name} is no longer in the media library; add it to the post again.`);
  }
  if (size !== media.facts.sizeBytes) throw new PermanentError(`${media.name} changed in the media library; add it to the post again.`);
  const filename = media.name;
  return fileOf({
    url: undefined,
    name: media.name,
    path: media.path,
    size,
    mimeType: media.facts.mimeType,
    kind: media.facts.kind,
    filename,
    altText: media.altText,
  });
}

/**
 * Downloads one media URL from a public address (following up to 5 redirects, each checked) into a temporary file;
 * the caller removes it with `removeDownload`. Broken links, private addresses, web pages, wrong kinds and oversize
 * files are PermanentErrors naming the URL; network failures and 5xx from the media host are RetryableErrors.
 */
export async function downloadMedia(url: string, options: DownloadOptions): Promise<MediaFile> {
  const client = new HttpClient({ label: `Downloading ${url}`, timeoutMs: options.timeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUT_MS });
  const dir = options.tempDir ?? defaultMediaTempDir();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `${randomUUID()}.download`);
  try {
    let fetched: { response: HttpResponse; url: string };
    try {
      fetched = await fetchPublic(client, url, {
        maxRedirects: MAX_REDIRECTS,
        maxResponseBytes: options.maxBytes,
        saveBodyTo: path,
        ...(options.allowPrivateAddresses ? { allowPrivateAddresses: true } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      throw refusal(url, options, error);
    }
    const { response } = fetched;
    if (response.status >= 500 || response.status === 429 || response.status === 408) {
      throw new RetryableError(`The server of "${url}" answered HTTP ${response.status}; nothing was published.`, {
        httpStatus: response.status,
      });
    }
    if (response.status !== 200) {
      throw new PermanentError(
        `The media file "${url}" could not be downloaded (HTTP ${response.status}). Check that the link works and is public.`,
        {
          httpStatus: response.status,
        },
      );
    }
    return await checkedDownload(url, fetched.url, path, response, options);
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
}

/** What the user reads when a link cannot be fetched at all; network failures stay as they are (retryable). */
function refusal(url: string, options: DownloadOptions, error: unknown): unknown {
  if (error instanceof NotAWebLinkError) {
    return new PermanentError(
      error.link === url ? `The media link "${url}" must start with http:// or https://.` : `"${url}" redirects to a link that is not http(s).`,
    );
  }
  if (error instanceof PrivateAddressError) {
    return new PermanentError(`The media link "${url}" points to a private network address (${error.address}); use a link to a public server.`);
  }
  if (error instanceof TooManyRedirectsError) return new PermanentError(`"${url}" redirects too many times; use a direct link to the file.`);
  if (error instanceof ResponseTooLargeError) {
    return new PermanentError(
      `"${url}" is larger than ${megabytes(options.maxBytes)}; ${options.label} accepts files up to ${megabytes(options.maxBytes)}.`,
    );
  }
  return error;
}

/** Removes a downloaded copy; a library file is left alone. */
export async function removeDownload(file: MediaFile): Promise<void> {
  if (file.url !== undefined) await rm(file.path, { force: true });
}

async function checkedDownload(url: string, finalUrl: string, path: string, response: HttpResponse, options: DownloadOptions): Promise<MediaFile> {
  const mimeType = mimeTypeOf(response, finalUrl);
  const kind = kindOf(mimeType);
  if (kind === undefined) {
    throw new PermanentError(`"${url}" is not an image or video (the server sent ${mimeType || 'no content type'}). Use a direct link to the file.`);
  }
  if (options.expect !== undefined && kind !== options.expect) {
    throw new PermanentError(`"${url}" looks like ${options.expect === 'image' ? 'an image' : 'a video'} but the server sent ${mimeType}.`);
  }
  const { size } = await stat(path);
  if (size === 0) throw new PermanentError(`"${url}" is an empty file.`);
  if (size > options.maxBytes) {
    throw new PermanentError(`"${url}" is ${megabytes(size)}; ${options.label} accepts files up to ${megabytes(options.maxBytes)}.`);
  }
  const filename = decodeURIComponent(new URL(finalUrl).pathname.split('/').pop() || 'media');
  return fileOf({ url, name: url, path, size, mimeType, kind, filename, altText: undefined });
}
