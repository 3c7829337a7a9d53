// Serves the built renderer: only files inside it, every unknown path answered with the app's page (its router
// reads the hash), under the page's Content-Security-Policy.
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { API_HEADERS, PAGE_CSP, sendJson } from './security-headers';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export function serveStatic(root: string, pathname: string, res: ServerResponse): void {
  // Resolved as sent, so this one check stands between a request and the rest of the disk: `..` segments, a
  // sibling folder sharing the root's name, a Windows drive letter.
  const relative = pathname.replace(/^[/\\]+/, '');
  const file = resolve(root, relative === '' ? 'index.html' : relative);
  if (file !== root && !file.startsWith(root + sep)) {
    return sendJson(res, 403, { ok: false, error: { code: 'validation', message: 'That path is outside the app.' } });
  }
  const target = existsSync(file) && statSync(file).isFile() ? file : join(root, 'index.html');
  res.writeHead(200, {
    ...API_HEADERS,
    'content-type': CONTENT_TYPES[extname(target)] ?? 'application/octet-stream',
    'content-security-policy': PAGE_CSP,
    'x-frame-options': 'DENY',
  });
  const stream = createReadStream(target);
  // A file that vanished between the check and the read ends the answer instead of the engine.
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
