// Serves the built renderer on 127.0.0.1 and carries window.api to the engine for a plain browser
// (development and end-to-end tests; the desktop app uses IPC). POST /api/invoke answers a channel call;
// GET /api/events streams engine events (Server-Sent Events). Both need the random token printed in the URL
// and a request from this server's own origin.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { EngineApi } from '../api/engine-api';
import type { EngineEventBus } from '../events';

const MAX_BODY_BYTES = 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface WebBridgeOptions {
  api: EngineApi;
  events: EngineEventBus;
  /** The built renderer (out/renderer). */
  staticDir: string;
  port?: number;
}

export interface WebBridge {
  /** Open this in a browser: it carries the token. */
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

export async function startWebBridge(options: WebBridgeOptions): Promise<WebBridge> {
  const token = randomBytes(24).toString('base64url');
  const root = resolve(options.staticDir);
  if (!existsSync(join(root, 'index.html'))) throw new Error(`No built renderer in ${root}; run npm run build first.`);
  let origin = '';
  const streams = new Set<ServerResponse>();

  const server: Server = createServer((req, res) => {
    let url: URL;
    let pathname: string;
    try {
      url = new URL(req.url ?? '/', origin);
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return sendJson(res, 400, { ok: false, error: { code: 'validation', message: 'The address is malformed.' } });
    }
    if (url.pathname.startsWith('/api/')) {
      if (!authorized(req, url, token, origin))
        return sendJson(res, 403, { ok: false, error: { code: 'validation', message: 'Forbidden: wrong token or origin.' } });
      if (req.method === 'POST' && url.pathname === '/api/invoke') return void invoke(req, res, options.api);
      if (req.method === 'GET' && url.pathname === '/api/events') return openEventStream(res, streams);
      return sendJson(res, 404, { ok: false, error: { code: 'not_found', message: 'No such endpoint.' } });
    }
    serveStatic(root, pathname, res);
  });

  const unsubscribe = options.events.onAny((event, payload) => {
    const frame = `data: ${JSON.stringify({ event, payload })}\n\n`;
    for (const stream of streams) stream.write(frame);
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    async close() {
      unsubscribe();
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

function authorized(req: IncomingMessage, url: URL, token: string, origin: string): boolean {
  // Browsers send Origin on POST and on EventSource requests made from our page; anything else is refused.
  const requestOrigin = req.headers.origin;
  if (requestOrigin !== undefined && requestOrigin !== origin) return false;
  if (req.method === 'POST' && requestOrigin === undefined) return false;
  const given = (req.headers['x-api-token'] as string | undefined) ?? url.searchParams.get('token') ?? '';
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function invoke(req: IncomingMessage, res: ServerResponse, api: EngineApi): Promise<void> {
  let body = '';
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return sendJson(res, 413, { ok: false, error: { code: 'validation', message: 'The request is larger than 1 MiB.' } });
    body += (chunk as Buffer).toString('utf8');
  }
  let request: { channel?: unknown; input?: unknown };
  try {
    request = JSON.parse(body) as { channel?: unknown; input?: unknown };
  } catch {
    return sendJson(res, 400, { ok: false, error: { code: 'validation', message: 'The request is not JSON.' } });
  }
  sendJson(res, 200, await api.call(String(request.channel), request.input));
}

function openEventStream(res: ServerResponse, streams: Set<ServerResponse>): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
  res.write(': connected\n\n');
  streams.add(res);
  res.on('close', () => streams.delete(res));
}

function serveStatic(root: string, pathname: string, res: ServerResponse): void {
  const relative = normalize(pathname).replace(/^([/\\])+/, '');
  const file = resolve(root, relative === '' ? 'index.html' : relative);
  if (file !== root && !file.startsWith(root + sep)) return sendJson(res, 403, { error: 'outside the app' });
  const target = existsSync(file) && statSync(file).isFile() ? file : join(root, 'index.html');
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(target)] ?? 'application/octet-stream',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  createReadStream(target).pipe(res);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
