// HTTP written byte by byte over a plain TCP socket, for requests no well-behaved client would send: split
// characters, bodies shorter than their Content-Length, a write side shut early, a wrong Host.
import { connect, type Socket } from 'node:net';

export interface RawAnswer {
  /** 0 when the server closed the connection without an answer. */
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** Sent as separate writes, `pauseMs` apart, so each is its own TCP segment. */
  chunks?: (string | Buffer)[];
  pauseMs?: number;
  /** Shut the write side after the last chunk (a half-close) instead of waiting with it open. */
  endAfterWrite?: boolean;
  /** Destroy the connection after the last chunk, without reading an answer. */
  destroyAfterWrite?: boolean;
}

export function connectTo(origin: string): Promise<Socket> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    // Every write leaves at once as its own segment.
    socket.setNoDelay(true);
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

export function head(origin: string, request: RawRequest, body: Buffer): string {
  const headers: Record<string, string> = {
    host: new URL(origin).host,
    connection: 'close',
    ...(request.method === 'POST' && request.headers?.['transfer-encoding'] === undefined ? { 'content-length': String(body.length) } : {}),
    ...request.headers,
  };
  return `${request.method ?? 'GET'} ${request.path} HTTP/1.1\r\n${Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')}\r\n`;
}

export async function rawRequest(origin: string, request: RawRequest): Promise<RawAnswer> {
  const chunks = (request.chunks ?? []).map((chunk) => (typeof chunk === 'string' ? Buffer.from(chunk) : chunk));
  const socket = await connectTo(origin);
  socket.on('error', () => undefined);
  const received: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => received.push(chunk));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.write(head(origin, request, Buffer.concat(chunks)));
  for (const chunk of chunks) {
    if (request.pauseMs) await new Promise((resolve) => setTimeout(resolve, request.pauseMs));
    socket.write(chunk);
  }
  if (request.destroyAfterWrite) {
    socket.destroy();
    return { status: 0, headers: {}, body: '' };
  }
  if (request.endAfterWrite) socket.end();
  await closed;
  return parseAnswer(Buffer.concat(received).toString('utf8'));
}

export function parseAnswer(text: string): RawAnswer {
  const split = text.indexOf('\r\n\r\n');
  if (split === -1) return { status: 0, headers: {}, body: text };
  const [statusLine = '', ...lines] = text.slice(0, split).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = text.slice(split + 4);
  if (headers['transfer-encoding'] === 'chunked') body = unchunk(body);
  return { status: Number(statusLine.split(' ')[1]), headers, body };
}

function unchunk(text: string): string {
  let out = '';
  let rest = text;
  for (;;) {
    const lineEnd = rest.indexOf('\r\n');
    const size = parseInt(rest.slice(0, lineEnd), 16);
    if (!Number.isFinite(size) || size === 0) return out;
    // Sizes count bytes, not UTF-16 units.
    const bytes = Buffer.from(rest.slice(lineEnd + 2));
    out += bytes.subarray(0, size).toString('utf8');
    rest = bytes.subarray(size + 2).toString('utf8');
  }
}
