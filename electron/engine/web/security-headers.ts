// The headers every answer of the bridge carries: nothing is cached or sniffed, and the served page may only talk
// to its own origin and may not be framed.
import type { ServerResponse } from 'node:http';

export const API_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
} as const;

// The page's own meta tag allows any loopback port for the Electron dev server; served here, only this origin.
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https: http:",
  "media-src 'self' blob: https: http:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "frame-src 'none'",
].join('; ');

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  // The rest of a body refused as too large is not worth reading: the connection closes after the answer.
  const close = status === 413 ? { connection: 'close' } : {};
  res.writeHead(status, { ...API_HEADERS, ...close, 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
