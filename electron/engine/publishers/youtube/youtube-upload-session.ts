// YouTube's resumable upload protocol: a session URI takes the bytes in chunks (multiples of 256 KiB but the last),
// answers 308 with the Range it holds until the last byte is in, then the video resource. A session can be asked
// where it stands with an empty PUT of `Content-Range: bytes */N`, and is gone (404) once it expires.
import type { HttpClient, HttpResponse } from '../base/http-client';
import type { FileRange } from '../base/request-body';
import { AmbiguousError } from '../errors';
import { youtubeError } from './youtube-errors';

export const CHUNK_UNIT_BYTES = 256 * 1024;

export interface UploadSession {
  url: string;
  size: number;
  contentType: string;
}

export type SessionAnswer = { kind: 'done'; videoId: string } | { kind: 'incomplete'; received: number } | { kind: 'gone' };

export interface SessionCall {
  http: HttpClient;
  accessToken: string;
  signal: AbortSignal | undefined;
  timeoutMs: number;
  now: () => number;
}

/** The bytes a session holds, from a 308's `Range: bytes=0-k` (none stored when absent). */
export function receivedBytes(range: string | undefined): number {
  const match = /bytes=0-(\d+)/.exec(range ?? '');
  return match ? Number(match[1]) + 1 : 0;
}

/** A chunk size YouTube accepts: a whole number of 256 KiB units, at least one. */
export function chunkSizeFor(preferred: number): number {
  return Math.max(1, Math.floor(preferred / CHUNK_UNIT_BYTES)) * CHUNK_UNIT_BYTES;
}

/** What an upload PUT's answer means; 5xx throw a RetryableError (an interruption), refusals their own error. */
function sessionAnswer(response: HttpResponse, now: number): SessionAnswer {
  if (response.status === 200 || response.status === 201) {
    const id = response.json<{ id?: unknown }>()?.id;
    if (typeof id === 'string' && id !== '') return { kind: 'done', videoId: id };
    throw new AmbiguousError('YouTube finished the upload but did not say which video it made; the app will check the channel.', {
      httpStatus: response.status,
    });
  }
  if (response.status === 308) return { kind: 'incomplete', received: receivedBytes(response.header('range')) };
  if (response.status === 404 || response.status === 410) return { kind: 'gone' };
  throw youtubeError(response, 'take the video upload', now, false);
}

/** Sends the file range as the bytes from its start on, streamed from disk. */
export async function putChunk(
  call: SessionCall,
  session: UploadSession,
  first: number,
  range: FileRange,
  onBodyProgress?: (bytes: number) => void,
): Promise<SessionAnswer> {
  const response = await call.http.request({
    method: 'PUT',
    url: session.url,
    headers: { authorization: `Bearer ${call.accessToken}`, 'content-range': `bytes ${first}-${range.end}/${session.size}` },
    body: { type: 'file', file: range, contentType: session.contentType },
    ...(onBodyProgress ? { onBodyProgress } : {}),
    timeoutMs: call.timeoutMs,
    ...(call.signal ? { signal: call.signal } : {}),
  });
  return sessionAnswer(response, call.now());
}

/** Asks the session where it stands, sending no bytes. */
export async function querySession(call: SessionCall, session: Pick<UploadSession, 'url' | 'size'>): Promise<SessionAnswer> {
  const response = await call.http.request({
    method: 'PUT',
    url: session.url,
    headers: { authorization: `Bearer ${call.accessToken}`, 'content-range': `bytes */${session.size}` },
    ...(call.signal ? { signal: call.signal } : {}),
  });
  return sessionAnswer(response, call.now());
}
