// A tiny router over node:http for fake platform servers, with the faults a real network produces: a 5xx, a
// connection dropped before or after the request was handled, a hang, a slow answer.
import http, { type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { parseMultipart, type MultipartField } from './multipart';

export interface FakeRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** `:name` segments of the matched route. */
  params: Record<string, string>;
  header(name: string): string | undefined;
  text(): string;
  /** The body as JSON, or undefined when it is not JSON. */
  json(): unknown;
  form(): URLSearchParams;
  multipart(): MultipartField[];
}

export interface FakeReply {
  status: number;
  headers?: Record<string, string>;
  /** A Buffer or string is sent as is; anything else as JSON. */
  body?: unknown;
}

export type RouteHandler = (request: FakeRequest) => FakeReply | Promise<FakeReply>;

/**
 * What to do with the next matching request:
 * - `status`: answer with this instead of running the route (the route's effects do not happen);
 * - `drop-before`: close the connection without running the route;
 * - `drop-after`: run the route (the post is created), then close the connection without answering;
 * - `hang-after`: run the route, then never answer (the client times out);
 * - `delay`: wait `ms`, then run the route and answer normally;
 * - `cut-body`: close the connection once `afterBytes` of the request body arrived (an upload cut off midway).
 */
export type Fault =
  | { type: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  | { type: 'drop-before' }
  | { type: 'drop-after' }
  | { type: 'hang-after' }
  | { type: 'delay'; ms: number }
  | { type: 'cut-body'; afterBytes: number };

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

interface Route {
  method: string;
  segments: string[];
  handler: RouteHandler;
}

interface PendingFault {
  method: string | undefined;
  path: string | RegExp | undefined;
  /** Matching requests still to let through before the fault applies. */
  skip: number;
  fault: Fault;
}

/** Which request a fault applies to: method and path (a string is an exact path), after `skip` matching ones. */
export interface FaultMatch {
  method?: string;
  path?: string | RegExp;
  skip?: number;
}

function matchRoute(route: Route, method: string, path: string): Record<string, string> | undefined {
  if (route.method !== method) return undefined;
  const parts = path.split('/');
  if (parts.length !== route.segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i += 1) {
    const segment = route.segments[i];
    if (segment.startsWith(':')) params[segment.slice(1)] = decodeURIComponent(parts[i]);
    else if (segment !== parts[i]) return undefined;
  }
  return params;
}

function makeRequest(method: string, url: URL, headers: IncomingHttpHeaders, body: Buffer, params: Record<string, string>): FakeRequest {
  return {
    method,
    path: url.pathname,
    query: url.searchParams,
    headers,
    body,
    params,
    header(name) {
      const value = headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(', ') : value;
    },
    text: () => body.toString('utf8'),
    json() {
      try {
        return JSON.parse(body.toString('utf8'));
      } catch {
        return undefined;
      }
    },
    form: () => new URLSearchParams(body.toString('utf8')),
    multipart: () => parseMultipart(body, String(headers['content-type'] ?? '')),
  };
}

/** A fake HTTP server on 127.0.0.1 and a random port. */
export class FakeServer {
  /** Every request received, in order (including those answered by a fault). */
  readonly requests: RecordedRequest[] = [];
  /** Every request is answered this long after it arrived, as a platform across the internet would (the bench's burst). */
  latencyMs = 0;
  /** Connections accepted so far (a client keeping connections alive opens fewer than it sends requests). */
  connectionsOpened = 0;
  private readonly routes: Route[] = [];
  private readonly faults: PendingFault[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly server: http.Server;
  private port = 0;

  constructor() {
    this.server = http.createServer((req, res) => {
      void this.handle(req, res);
    });
    this.server.on('connection', (socket) => {
      this.connectionsOpened += 1;
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** Starts listening; resolves with the server. */
  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** `http://127.0.0.1:<port>` */
  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Adds a route; `pattern` segments starting with `:` capture a parameter. */
  route(method: string, pattern: string, handler: RouteHandler): this {
    this.routes.push({ method, segments: pattern.split('/'), handler });
    return this;
  }

  /** Adds a route tried before every other (a fixed path that a catch-all pattern would also match). */
  routeFirst(method: string, pattern: string, handler: RouteHandler): this {
    this.routes.unshift({ method, segments: pattern.split('/'), handler });
    return this;
  }

  /** Applies `fault` to the next request that matches. */
  injectFault(fault: Fault, match: FaultMatch = {}): void {
    this.faults.push({ method: match.method, path: match.path, skip: match.skip ?? 0, fault });
  }

  /** The recorded requests to a path (exact string or pattern), optionally of one method. */
  requestsTo(path: string | RegExp, method?: string): RecordedRequest[] {
    return this.requests.filter(
      (r) => (method === undefined || r.method === method) && (typeof path === 'string' ? r.path === path : path.test(r.path)),
    );
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private takeFault(method: string, path: string): Fault | undefined {
    const index = this.faults.findIndex(
      (f) =>
        (f.method === undefined || f.method === method) &&
        (f.path === undefined || (typeof f.path === 'string' ? f.path === path : f.path.test(path))),
    );
    if (index === -1) return undefined;
    const pending = this.faults[index];
    if (pending.skip > 0) {
      pending.skip -= 1;
      return undefined;
    }
    return this.faults.splice(index, 1)[0].fault;
  }

  private async handle(req: http.IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', this.origin);
    const fault = this.takeFault(method, url.pathname);
    const chunks: Buffer[] = [];
    let received = 0;
    for await (const chunk of req) {
      chunks.push(chunk as Buffer);
      received += (chunk as Buffer).length;
      if (fault?.type === 'cut-body' && received >= fault.afterBytes) {
        this.requests.push({ method, path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks) });
        req.socket.destroy();
        return;
      }
    }
    const body = Buffer.concat(chunks);
    this.requests.push({ method, path: url.pathname, query: url.searchParams, headers: req.headers, body });

    if (fault?.type === 'drop-before') {
      req.socket.destroy();
      return;
    }
    if (fault?.type === 'status') {
      send(res, { status: fault.status, ...(fault.headers ? { headers: fault.headers } : {}), body: fault.body ?? { error: 'injected fault' } });
      return;
    }
    if (fault?.type === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));

    let reply: FakeReply;
    const route = this.routes.map((r) => ({ r, params: matchRoute(r, method, url.pathname) })).find((m) => m.params !== undefined);
    if (!route) {
      reply = { status: 404, body: { title: 'Not Found', detail: `No fake route for ${method} ${url.pathname}` } };
    } else {
      try {
        reply = await route.r.handler(makeRequest(method, url, req.headers, body, route.params ?? {}));
      } catch (error) {
        reply = { status: 500, body: { title: 'Fake server error', detail: String(error) } };
      }
    }
    if (fault?.type === 'drop-after') {
      req.socket.destroy();
      return;
    }
    if (fault?.type === 'hang-after') return;
    send(res, reply);
  }
}

function send(res: ServerResponse, reply: FakeReply): void {
  const headers: Record<string, string> = { ...reply.headers };
  let payload: Buffer | undefined;
  if (Buffer.isBuffer(reply.body)) payload = reply.body;
  else if (typeof reply.body === 'string') payload = Buffer.from(reply.body, 'utf8');
  else if (reply.body !== undefined) {
    payload = Buffer.from(JSON.stringify(reply.body), 'utf8');
    headers['content-type'] ??= 'application/json';
  }
  res.writeHead(reply.status, headers);
  res.end(payload);
}
