// Who may use the bridge: requests addressed to this server by its own name (no DNS rebinding), and for the API,
// from this server's own page carrying the token. The token travels only in a header: the page's first address
// carries it once, and the page takes it out of the address bar before any API call.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A page on a rebinding domain reaches 127.0.0.1 with its own name in Host; only our own address is answered. */
export function isOwnHost(req: IncomingMessage, host: string): boolean {
  return req.headers.host === host;
}

export function isAuthorizedApiCall(req: IncomingMessage, token: string, origin: string): boolean {
  // Browsers send Origin on POST and on fetch() calls from our page; a request from anywhere else is refused.
  const requestOrigin = req.headers.origin;
  if (requestOrigin !== undefined && requestOrigin !== origin) return false;
  if (req.method === 'POST' && requestOrigin === undefined) return false;
  const given = req.headers['x-api-token'];
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
