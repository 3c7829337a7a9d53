// Serves the built renderer on 127.0.0.1 and carries window.api to the engine for a plain browser
// (development and end-to-end tests; the desktop app uses IPC). POST /api/invoke answers a channel call;
// GET /api/events streams engine events (Server-Sent Events). Both need the random token printed in the URL,
// sent in a header, from this server's own page. No request, however malformed, can take the engine down.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { LOCAL_PATH_CHANNELS, type Channel } from '../../../shared/contract/channels';
import type { EngineApi } from '../api/engine-api';
import type { EngineEventBus } from '../events';
import { silentLogger, type Logger } from '../logger';
import type { MediaLibrary } from '../media/media-library';
import { serveMedia, uploadMedia } from './media-routes';
import { EventStreams, type EventStreamLimits } from './event-streams';
import { readJsonBody } from './json-body';
import { isAuthorizedApiCall, isOwnHost } from './request-guard';
import { sendJson } from './security-headers';
import { serveStatic } from './static-files';

const MAX_BODY_BYTES = 1024 * 1024;
const DEFAULT_STREAM_LIMITS: EventStreamLimits = { maxStreams: 16, maxBufferedBytes: 4 * 1024 * 1024 };

export interface WebBridgeOptions {
  api: EngineApi;
  events: EngineEventBus;
  /** The built renderer (out/renderer). */
  staticDir: string;
  port?: number;
  log?: Logger;
  /** Default: 16 streams, 4 MiB unsent per stream. */
  streamLimits?: Partial<EventStreamLimits>;
  /** The engine's media library, for uploads and previews (absent: those endpoints answer 404). */
  media?: () => MediaLibrary;
}

export interface WebBridge {
  /** Open this in a browser: it carries the token. */
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

export async function startWebBridge(options: WebBridgeOptions): Promise<WebBridge> {
  const log = options.log ?? silentLogger;
  const token = randomBytes(24).toString('base64url');
  // <img> and <video> cannot send the token header: previews carry this read-only key instead, which opens
  // nothing but the library's own files.
  const previewKey = randomBytes(24).toString('base64url');
  const root = resolve(options.staticDir);
  if (!existsSync(join(root, 'index.html'))) throw new Error(`No built renderer in ${root}; run npm run build first.`);
  let host = '';
  let origin = '';
  const streams = new EventStreams({ ...DEFAULT_STREAM_LIMITS, ...options.streamLimits }, (reason) => log.warn(reason));

  function route(req: IncomingMessage, res: ServerResponse): void {
    if (!isOwnHost(req, host)) {
      return sendJson(res, 421, { ok: false, error: { code: 'validation', message: `This server only answers requests for ${host}.` } });
    }
    let url: URL;
    let pathname: string;
    try {
      url = new URL(req.url ?? '/', origin);
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return sendJson(res, 400, { ok: false, error: { code: 'validation', message: 'The address is malformed.' } });
    }
    const previewId = /^\/media\/([^/]+)$/.exec(url.pathname)?.[1];
    if (options.media && req.method === 'GET' && previewId !== undefined) {
      if (!sameSecret(url.searchParams.get('key') ?? '', previewKey)) {
        return sendJson(res, 403, { ok: false, error: { code: 'validation', message: 'Forbidden: wrong preview key.' } });
      }
      return void serveMedia(req, res, decodeURIComponent(previewId), options.media(), sendJson);
    }
    if (!url.pathname.startsWith('/api/')) return serveStatic(root, pathname, res);
    if (!isAuthorizedApiCall(req, token, origin)) {
      return sendJson(res, 403, { ok: false, error: { code: 'validation', message: 'Forbidden: wrong token or origin.' } });
    }
    if (req.method === 'POST' && url.pathname === '/api/invoke') {
      invoke(req, res, options.api).catch((error: unknown) => {
        log.error('Web bridge: a request failed.', error);
        sendJson(res, 500, {
          ok: false,
          error: { code: 'internal', message: 'Something went wrong inside the engine; the details are in the log.' },
        });
      });
      return;
    }
    if (options.media && req.method === 'POST' && url.pathname === '/api/media/upload') {
      return void uploadMedia(req, res, url, options.media(), sendJson);
    }
    if (options.media && req.method === 'GET' && url.pathname === '/api/media/preview-key') {
      return sendJson(res, 200, { ok: true, value: previewKey });
    }
    if (req.method === 'GET' && url.pathname === '/api/events') {
      if (streams.full) return sendJson(res, 503, { ok: false, error: { code: 'engine_unavailable', message: 'Too many event streams are open.' } });
      return streams.open(res);
    }
    sendJson(res, 404, { ok: false, error: { code: 'not_found', message: 'No such endpoint.' } });
  }

  const server: Server = createServer((req, res) => {
    try {
      route(req, res);
    } catch (error) {
      log.error('Web bridge: a request failed.', error);
      sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'Something went wrong inside the engine; the details are in the log.' } });
    }
  });
  // A client that resets its connection is its own business, never the engine's.
  server.on('clientError', (_error, socket) => socket.destroy());

  const unsubscribe = options.events.onAny((event, payload) => {
    streams.broadcast(`data: ${JSON.stringify({ event, payload })}\n\n`);
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  server.on('error', (error) => log.error('Web bridge server error.', error));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  origin = `http://${host}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    async close() {
      unsubscribe();
      streams.closeAll();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

async function invoke(req: IncomingMessage, res: ServerResponse, api: EngineApi): Promise<void> {
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    req.resume();
    return sendJson(res, 415, { ok: false, error: { code: 'validation', message: 'Send the request as application/json.' } });
  }
  const body = await readJsonBody(req, MAX_BODY_BYTES);
  if (!body.ok) return sendJson(res, body.status, { ok: false, error: body.error });
  const request = body.value;
  if (typeof request !== 'object' || request === null || Array.isArray(request) || typeof (request as { channel?: unknown }).channel !== 'string') {
    return sendJson(res, 400, {
      ok: false,
      error: { code: 'validation', field: 'channel', message: 'A request must be a JSON object {"channel": "…", "input": {…}}.' },
    });
  }
  const { channel, input } = request as { channel: string; input?: unknown };
  if (LOCAL_PATH_CHANNELS.includes(channel as Channel)) {
    // A page never names files on this machine: it uploads what the user picked (POST /api/media/upload).
    return sendJson(res, 200, {
      ok: false,
      error: { code: 'validation', field: 'channel', message: `${channel} is not available to a browser tab; upload the file instead.` },
    });
  }
  sendJson(res, 200, await api.call(channel, input));
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
