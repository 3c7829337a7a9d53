// HTTP over node:http(s) that knows whether the request body left this machine: a failure after a create request
// was sent may have created the post (ambiguous), a failure before it certainly did not (retryable), and a failure
// before there was even a connection means the platform was not reached at all (unreachable: the engine waits for
// the network instead of spending a try).
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import http, { type Agent, type ClientRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { PrivateAddressError } from '../../net/public-address';
import { AmbiguousError, RetryableError, UnreachableError, type UnreachableCause } from '../errors';
import { encodeBody, type BodyPiece, type RequestBody } from './request-body';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

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
  /**
   * The answers are an API's (JSON, or empty): over plain http, a web page, a redirect or 511 Network Authentication
   * Required comes from a captive portal that answered instead, and the request is unreachable. Never set for media
   * links, whose servers may answer a web page (that is the link's fault, not the network's).
   */
  apiAnswers?: boolean;
  /**
   * Reuse connections to the same host (a publisher's API): a burst of posts pays for one connection per request
   * in flight instead of one per request. Off for one-off clients (media downloads, reachability probes), whose
   * every request should open its own connection.
   */
  keepAlive?: boolean;
}

/**
 * How long an idle connection is kept for reuse. Short, well inside any server's own idle timeout (Node's 5 s is
 * among the shortest; a shorter `Keep-Alive: timeout` the server announces is honoured too), so the server does not
 * close it just as a request goes out on it. That race would still be safe: a reset after a create request was sent
 * is ambiguous and the platform is asked before anything is sent again. Idle connections are unref'd by the agent,
 * so they never hold up a stopping engine.
 */
const IDLE_CONNECTION_MS = 1_000;
/** Connections per host at most: above the worker's concurrency, so requests never queue for a connection. */
const MAX_CONNECTIONS_PER_HOST = 128;

function keepAliveAgents(): { http: Agent; https: Agent } {
  const options = { keepAlive: true, scheduling: 'lifo' as const, timeout: IDLE_CONNECTION_MS, maxSockets: MAX_CONNECTIONS_PER_HOST };
  return { http: new http.Agent(options), https: new https.Agent(options) };
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

function describeCause(cause: unknown, timeoutMs: number, connected = true): string {
  if (cause instanceof RequestTimeout) return `${connected ? 'no answer' : 'no connection'} within ${Math.round(timeoutMs / 1000)} s`;
  if (cause instanceof RequestAborted) return 'the publish was cancelled';
  const code = (cause as { code?: unknown }).code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NODATA':
    case 'EAI_NONAME':
      return 'the server name could not be resolved';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'the connection was reset';
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
    case 'ENETDOWN':
    case 'EHOSTDOWN':
    case 'EADDRNOTAVAIL':
      return 'no route to the server';
    case 'ETIMEDOUT':
      return 'the connection timed out';
    default:
      if (typeof code === 'string' && isTlsFailure(code)) return `the secure connection failed (${code})`;
      return cause instanceof Error ? cause.message : String(cause);
  }
}

function originOf(location: string, base: URL): string | undefined {
  try {
    return new URL(location, base).origin;
  } catch {
    return undefined;
  }
}

function isTlsFailure(code: string): boolean {
  return /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/.test(code);
}

/** Why a connection never carried the request, for the engine's notion of reachability. */
function unreachableCause(cause: unknown): UnreachableCause {
  if (cause instanceof RequestTimeout) return 'timeout';
  const code = String((cause as { code?: unknown }).code ?? '');
  if (code === 'ECONNREFUSED') return 'refused';
  if (code.startsWith('EAI_') || code === 'ENOTFOUND') return 'dns';
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'reset';
  if (code === 'ETIMEDOUT') return 'timeout';
  if (isTlsFailure(code)) return 'tls';
  return 'no-route';
}

/**
 * A plain-http answer that an API would never give: the network's sign-in page (a captive portal) answering in the
 * platform's place. Over https a portal cannot answer as the platform: it fails the TLS handshake instead.
 */
function portalAnswer(response: IncomingMessage, url: URL): string | undefined {
  const status = response.statusCode ?? 0;
  if (status === 511) return 'HTTP 511 Network Authentication Required';
  const location = response.headers.location;
  if ([301, 302, 303, 307].includes(status) || (status === 308 && location !== undefined && originOf(location, url) !== url.origin)) {
    return `a redirect to ${location ?? 'another page'}`;
  }
  const type = String(response.headers['content-type'] ?? '').toLowerCase();
  if (status >= 200 && status < 300 && type.startsWith('text/html')) return 'a web page';
  return undefined;
}

/** Sends requests with a timeout and abort signal and sorts transport failures into retryable or ambiguous. */
export class HttpClient {
  private readonly agents: { http: Agent; https: Agent } | undefined;

  constructor(private readonly options: HttpClientOptions) {
    this.agents = options.keepAlive ? keepAliveAgents() : undefined;
  }

  /**
   * Sends one request and resolves with any HTTP response, whatever its status. Rejects only when no complete
   * response arrived: UnreachableError (no connection, or a captive portal answered), RetryableError, AmbiguousError
   * (create calls after sending), or ResponseTooLargeError.
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
      let connected = false;
      let bodySent = false;
      let settled = false;
      let sink: WriteStream | undefined;
      // A guarded request (a link given by a user) always opens its own connection, so every connection is checked.
      const guard = req.connectGuard;
      const agent = guard ? false : (this.agents?.[transport === https ? 'https' : 'http'] ?? false);
      const clientRequest = transport.request(url, { method: req.method, headers, agent, ...(guard ? { lookup: guard.lookup } : {}) });
      clientRequest.once('socket', (socket) => {
        // A kept connection (reused, or handed over by the agent once free) is open already: a failure on it may
        // come after the request went out. A new one is still connecting here.
        if (!socket.connecting && !socket.destroyed) connected = true;
        // Over https not a byte of the request leaves before the handshake is done.
        else
          socket.once(transport === https ? 'secureConnect' : 'connect', () => {
            connected = true;
          });
        if (guard) {
          socket.once('connect', () => {
            const refused = guard.check(url.hostname, socket.remoteAddress);
            if (refused) fail(refused);
          });
        }
      });

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
        if (cause instanceof ResponseTooLargeError || cause instanceof PrivateAddressError || cause instanceof UnreachableError) {
          reject(cause);
          return;
        }
        const { label } = this.options;
        if (!connected && !(cause instanceof RequestAborted)) {
          const why = describeCause(cause, timeoutMs, false);
          reject(
            new UnreachableError(`${label}: ${url.host} could not be reached (${why}); nothing was sent.`, url.origin, unreachableCause(cause), {
              cause,
            }),
          );
          return;
        }
        const what = `${label}: ${req.method} ${url.pathname} failed (${describeCause(cause, timeoutMs)})`;
        if (bodySent && req.createsPost) {
          reject(new AmbiguousError(`${what} after the post was sent, so it may have been published.`, { cause }));
        } else {
          reject(new RetryableError(`${what}; nothing was published.`, { cause }));
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
        const portal = this.options.apiAnswers && url.protocol === 'http:' ? portalAnswer(response, url) : undefined;
        if (portal !== undefined) {
          const { label } = this.options;
          const message = `${label} was not reached: the network answered with its sign-in page instead (${portal}); nothing was published.`;
          fail(new UnreachableError(message, url.origin, 'portal', { httpStatus: response.statusCode ?? 0 }));
          return;
        }
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
