// Fetches the media a post links to, refusing what no platform would take (a web page, a huge file) with a message
// that names the link.
import { mediaExtension, type MediaKind } from '../../../../shared/media';
import { PermanentError, RetryableError } from '../errors';
import { NotAWebLinkError, TooManyRedirectsError, fetchPublic } from '../../net/public-fetch';
import { PrivateAddressError } from '../../net/public-address';
import { HttpClient, ResponseTooLargeError, type HttpResponse } from './http-client';

export interface MediaFile {
  url: string;
  data: Buffer;
  /** e.g. `image/jpeg`, `video/mp4`. */
  mimeType: string;
  kind: Exclude<MediaKind, 'unknown'>;
  /** The last path segment, for multipart filenames. */
  filename: string;
}

export interface DownloadOptions {
  /** The platform's name for messages: "X (Twitter) accepts images up to 5 MB". */
  label: string;
  maxBytes: number;
  /** Refuse a file of the other kind. */
  expect?: 'image' | 'video';
  timeoutMs?: number;
  signal?: AbortSignal;
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
const DEFAULT_DOWNLOAD_TIMEOUT_MS = 5 * 60_000;

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

function kindOf(mimeType: string): MediaFile['kind'] | undefined {
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

/**
 * Downloads one media URL from a public address (following up to 5 redirects, each checked). Broken links, private
 * addresses, web pages, wrong kinds and oversize files are PermanentErrors naming the URL; network failures and 5xx
 * from the media host are RetryableErrors.
 */
export async function downloadMedia(url: string, options: DownloadOptions): Promise<MediaFile> {
  const client = new HttpClient({ label: `Downloading ${url}`, timeoutMs: options.timeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUT_MS });
  let fetched: { response: HttpResponse; url: string };
  try {
    fetched = await fetchPublic(client, url, {
      maxRedirects: MAX_REDIRECTS,
      maxResponseBytes: options.maxBytes,
      ...(options.allowPrivateAddresses ? { allowPrivateAddresses: true } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    throw refusal(url, options, error);
  }
  const { response } = fetched;
  if (response.status >= 500 || response.status === 429 || response.status === 408) {
    throw new RetryableError(`The server of "${url}" answered HTTP ${response.status}; nothing was published, it will be tried again.`, {
      httpStatus: response.status,
    });
  }
  if (response.status !== 200) {
    throw new PermanentError(`The media file "${url}" could not be downloaded (HTTP ${response.status}). Check that the link works and is public.`, {
      httpStatus: response.status,
    });
  }
  return checkedFile(url, fetched.url, response, options);
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

function checkedFile(url: string, finalUrl: string, response: HttpResponse, options: DownloadOptions): MediaFile {
  const mimeType = mimeTypeOf(response, finalUrl);
  const kind = kindOf(mimeType);
  if (kind === undefined) {
    throw new PermanentError(`"${url}" is not an image or video (the server sent ${mimeType || 'no content type'}). Use a direct link to the file.`);
  }
  if (options.expect !== undefined && kind !== options.expect) {
    throw new PermanentError(`"${url}" looks like ${options.expect === 'image' ? 'an image' : 'a video'} but the server sent ${mimeType}.`);
  }
  if (response.body.length === 0) throw new PermanentError(`"${url}" is an empty file.`);
  if (response.body.length > options.maxBytes) {
    throw new PermanentError(`"${url}" is ${megabytes(response.body.length)}; ${options.label} accepts files up to ${megabytes(options.maxBytes)}.`);
  }
  const filename = decodeURIComponent(new URL(finalUrl).pathname.split('/').pop() || 'media');
  return { url, data: response.body, mimeType, kind, filename };
}
