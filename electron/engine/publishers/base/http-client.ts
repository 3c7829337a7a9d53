// HTTP over node:http(s) that knows whether the request body left this machine: a failure after a create request
// was sent may have created the post (ambiguous), a failure before it certainly did not (retryable).
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import http, { type ClientRequest, type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { PrivateAddressError } from '../../net/public-address';
import { AmbiguousError, RetryableError } from '../errors';
import { encodeBody, type BodyPiece, type RequestBody } from './request-body';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  /** Absolute URL. */
  url: string;
  headers?: Record<string, string>;
  body?: RequestBody;
  /**
   * True for the call that creates the post: a timeout, reset or abort after the body was sent is then an
   * AmbiguousError. Reads, uploads and other safe calls fail with RetryableError.
   */
  createsPost?: boolean;
  /** Overrides the client's timeout for this request (whole exchange: connect, send, receive). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Stops reading a response larger than this and rejects with ResponseTooLargeError. */
  maxResponseBytes?: number;
  /** Where this request may connect (links given by users): its refusal rejects the request as it is. */
  connectGuard?: ConnectGuard;
  /** Called as file bytes of the body go out (the count since the last call), for upload progress. */
  onBodyProgress?: (bytes: number) => void;
  /** Writes a 200 response's body to this file (created, owner-only) instead of memory; the response's body is then empty. */
  saveBodyTo?: string;
}

export interface ConnectGuard {
  /** Resolves the host name in place of dns.lookup, refusing what may not be reached. */
  lookup: LookupFunction;
  /** The address the socket actually connected to (also for an IP-literal host, which skips the lookup). */
  check(host: string, address: string | undefined): PrivateAddressError | undefined;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** A header's value (lower- or mixed-case name); repeated headers are joined with ", ". */
  header(name: string): string | undefined;
  text(): string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json<T = unknown>(): T | undefined;
}

/** The response was bigger than `maxResponseBytes`. */
export class ResponseTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The response is larger than ${limit} bytes.`);
    this.name = 'ResponseTooLargeError';
  }
}

export interface HttpClientOptions {
  /** The platform's name in messages shown to the user, e.g. "X (Twitter)". */
  label: string;
  timeoutMs: number;
}

class RequestTimeout extends Error {}
class RequestAborted extends Error {}

function makeResponse(status: number, headers: IncomingHttpHeaders, body: Buffer): HttpResponse {
  return {
    status,
    headers,
    body,
    header(name) {
      const value = headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(', ') : value;
    },
    text() {
      return body.toString('utf8');
    },
    json<T>() {
      try {
        return JSON.parse(body.toString('utf8')) as T;
      } catch {
        return undefined;
      }
    },
  };
}

function describeCause(cause: unknown, timeoutMs: number): string {
  if (cause instanceof RequestTimeout) return `no answer within ${Math.round(timeoutMs / 1000)} s`;
  if (cause instanceof RequestAborted) return 'the publish was cancelled';
  const code = (cause as { code?: unknown }).code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the server name could not be resolved';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'the connection was reset';
    default:
      return cause instanceof Error ? cause.message : String(cause);
  }
}

/** Sends requests with a timeout and abort signal and sorts transport failures into retryable or ambiguous. */
export class HttpClient {
  constructor(private readonly options: HttpClientOptions) {}

  /**
   * Sends one request and resolves with any HTTP response, whatever its status. Rejects only when no complete
   * response arrived: RetryableError, AmbiguousError (create calls after sending), or ResponseTooLargeError.
   */
  request(req: HttpRequest): Promise<HttpResponse> {
    const url = new URL(req.url);
    const encoded = req.body === undefined ? undefined : encodeBody(req.body);
    const headers: Record<string, string> = {
      ...(encoded ? { 'content-type': encoded.contentType } : {}),
      'content-length': String(encoded?.length ?? 0),
      ...lowerCaseKeys(req.headers ?? {}),
    };
    const timeoutMs = req.timeoutMs ?? this.options.timeoutMs;
    const transport = url.protocol === 'https:' ? https : http;

    return new Promise<HttpResponse>((resolve, reject) => {
      let bodySent = false;
      let settled = false;
      let sink: WriteStream | undefined;
      // A fresh connection per request: a stale keep-alive socket reset on reuse would look like an ambiguous create.
      const guard = req.connectGuard;
      const clientRequest = transport.request(url, { method: req.method, headers, agent: false, ...(guard ? { lookup: guard.lookup } : {}) });
      if (guard) {
        clientRequest.once('socket', (socket) => {
          socket.once('connect', () => {
            const refused = guard.check(url.hostname, socket.remoteAddress);
            if (refused) fail(refused);
          });
        });
      }

      const cleanup = (): void => {
        clearTimeout(timer);
        req.signal?.removeEventListener('abort', onAbort);
      };
      const fail = (cause: unknown): void => {
        if (settled) return;
        settled = true;
        cleanup();
        clientRequest.destroy();
        sink?.destroy();
        if (cause instanceof ResponseTooLargeError || cause instanceof PrivateAddressError) {
          reject(cause);
          return;
        }
        const what = `${this.options.label}: ${req.method} ${url.pathname} failed (${describeCause(cause, timeoutMs)})`;
        if (bodySent && req.createsPost) {
          reject(new AmbiguousError(`${what} after the post was sent, so it may have been published.`, { cause }));
        } else {
          reject(new RetryableError(`${what}; nothing was published, it will be tried again.`, { cause }));
        }
      };
      const onAbort = (): void => fail(new RequestAborted());
      const timer = setTimeout(() => fail(new RequestTimeout()), timeoutMs);
      clientRequest.on('error', fail);
      clientRequest.on('finish', () => {
        bodySent = true;
      });
      if (req.signal?.aborted) {
        onAbort();
        return;
      }
      req.signal?.addEventListener('abort', onAbort, { once: true });
      clientRequest.on('response', (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let ended = false;
        // A file download streams to disk; anything else (including an error page) is read into memory.
        const file: WriteStream | undefined =
          req.saveBodyTo !== undefined && response.statusCode === 200 ? createWriteStream(req.saveBodyTo, { flags: 'wx', mode: 0o600 }) : undefined;
        sink = file;
        file?.on('error', fail);
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (req.maxResponseBytes !== undefined && size > req.maxResponseBytes) {
            fail(new ResponseTooLargeError(req.maxResponseBytes));
            return;
          }
          if (!file) chunks.push(chunk);
          else if (!file.write(chunk)) {
            response.pause();
            file.once('drain', () => response.resume());
          }
        });
        const done = (): void => {
          if (settled) return;
          settled = true;
          cleanup();
          resolve(makeResponse(response.statusCode ?? 0, response.headers, Buffer.concat(chunks)));
        };
        response.on('end', () => {
          ended = true;
          if (file) file.end(done);
          else done();
        });
        response.on('error', fail);
        response.on('close', () => {
          if (!ended) fail(Object.assign(new Error('the connection was reset'), { code: 'ECONNRESET' }));
        });
      });
      writeBody(clientRequest, encoded?.pieces ?? [], req.onBodyProgress).catch(fail);
    });
  }
}

/** Sends the pieces in order, reading file ranges as the connection takes them (never more than a few chunks ahead). */
async function writeBody(request: ClientRequest, pieces: readonly BodyPiece[], onProgress: ((bytes: number) => void) | undefined): Promise<void> {
  for (const piece of pieces) {
    if (request.destroyed) return;
    if (Buffer.isBuffer(piece)) {
      if (!request.write(piece)) await drained(request);
      continue;
    }
    const stream = createReadStream(piece.path, { start: piece.start, end: piece.end, highWaterMark: 256 * 1024 });
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (request.destroyed) return;
        const flushed = request.write(chunk);
        onProgress?.(chunk.length);
        if (!flushed) await drained(request);
      }
    } finally {
      stream.destroy();
    }
  }
  if (!request.destroyed) request.end();
}

function drained(request: ClientRequest): Promise<void> {
  // A request destroyed while waiting never drains: its close ends the wait (the failure is reported elsewhere).
  // Listeners are removed either way, so a long upload does not pile them up.
  return new Promise((resolve) => {
    const done = (): void => {
      request.off('drain', done);
      request.off('close', done);
      resolve();
    };
    request.on('drain', done);
    request.on('close', done);
  });
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([key, value]) => [key.toLowerCase(), value]));
}
