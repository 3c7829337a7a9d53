// The one-shot redirect listener of RFC 8252 §7.3: on 127.0.0.1 only, for one sign-in. It answers the platform's
// redirect that carries the right `state` with a plain "you can close this tab" page and then closes; anything
// else (another path, a wrong or missing state, another method) gets 400 and changes nothing.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export class PortsInUseError extends Error {
  constructor(readonly ports: readonly number[]) {
    super(
      `The sign-in needs one of the ports ${ports.join(', ')} on this computer (the ones registered with the platform), ` +
        'and other programs are using all of them. Close the program using one, or register another port, then try again.',
    );
    this.name = 'PortsInUseError';
  }
}

export interface LoopbackListenerOptions {
  /** Fixed ports registered with the platform, tried in order; empty means any free port. */
  ports: readonly number[];
  path: string;
  state: string;
}

/** What the page says once the platform has sent the user back. */
export interface CallbackPage {
  title: string;
  message: string;
}

export class LoopbackListener {
  private readonly sockets = new Set<Socket>();
  private callback: ((query: URLSearchParams) => CallbackPage) | undefined;
  private closed = false;

  private constructor(
    private readonly server: http.Server,
    private readonly options: LoopbackListenerOptions,
  ) {
    server.on('request', (request, response) => this.handle(request, response));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  static async open(options: LoopbackListenerOptions): Promise<LoopbackListener> {
    const candidates = options.ports.length === 0 ? [0] : options.ports;
    for (const port of candidates) {
      const server = http.createServer();
      try {
        await listen(server, port);
        return new LoopbackListener(server, options);
      } catch (error) {
        server.close();
        if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw error;
      }
    }
    throw new PortsInUseError(options.ports);
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** The redirect URI this listener answers, exactly as it must be sent to (and registered with) the platform. */
  get redirectUri(): string {
    return `http://127.0.0.1:${this.port}${this.options.path}`;
  }

  /**
   * Registers what to do with the one good callback: `handle` gets its query and returns the page to show. The
   * listener closes right after answering.
   */
  onCallback(handle: (query: URLSearchParams) => CallbackPage): void {
    this.callback = handle;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      // A browser keeps its connection open; the page is already sent.
      for (const socket of this.sockets) socket.destroy();
    });
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const good =
      !this.closed &&
      this.callback !== undefined &&
      request.method === 'GET' &&
      url.pathname === this.options.path &&
      url.searchParams.get('state') === this.options.state;
    if (!good) {
      send(response, 400, { title: 'Not a sign-in', message: 'This address only accepts the sign-in you started in Publishing Engine.' });
      return;
    }
    const handle = this.callback as (query: URLSearchParams) => CallbackPage;
    this.callback = undefined;
    let page: CallbackPage;
    try {
      page = handle(url.searchParams);
    } catch {
      page = { title: 'Sign-in failed', message: 'Publishing Engine could not finish the sign-in. Go back to the app for details.' };
    }
    send(response, 200, page, () => void this.close());
  }
}

function listen(server: http.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function send(response: ServerResponse, status: number, page: CallbackPage, done?: () => void): void {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(page.title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:15vh auto;padding:0 1rem;color:#1f2328}h1{font-size:1.4rem}</style>
</head><body><h1>${escape(page.title)}</h1><p>${escape(page.message)}</p></body></html>`;
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    connection: 'close',
  });
  response.end(html, done);
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
