// The renderer's Content-Security-Policy. Electron's session sends it as a response header in both modes (the Vite
// dev server's pages and anything fetched over http); the production build also carries it as a <meta> tag, because
// the built page loads from file:, where no response header exists. The dev page has no meta tag: a meta policy can
// only be tightened by a header, never loosened, and React's refresh preamble needs the dev allowances below.
// Post media are previewed from wherever the user's media URLs point (the contract allows http and https), and
// library files from main's pe-media: scheme.

export interface CspOptions {
  /** The Vite dev server's origin while developing: its module scripts, inline preamble and HMR socket. */
  devServerOrigin?: string;
  /** For a <meta> tag: leaves out frame-ancestors, which browsers ignore (and warn about) there. */
  meta?: boolean;
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  const dev = options.devServerOrigin;
  const websocket = dev ? dev.replace(/^http/, 'ws') : undefined;
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': dev ? ["'self'", "'unsafe-inline'", dev] : ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:', 'https:', 'http:', 'pe-media:'],
    'media-src': ["'self'", 'blob:', 'https:', 'http:', 'pe-media:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': dev && websocket ? ["'self'", dev, websocket] : ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-src': ["'none'"],
  };
  if (!options.meta) directives['frame-ancestors'] = ["'none'"];
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}
