// The network between the engine and a fake platform, which a test breaks the ways a real one breaks. The engine is
// pointed at the proxy's origin; the proxy relays raw TCP to the fake while `up`, and otherwise:
// - `refuse`: nothing listens on the port any more (connection refused), as when the platform's host is gone;
// - `portal`: every path of every request is answered with a Wi-Fi sign-in page (a captive portal);
// - `lose-create-answers`: POST requests reach the platform, but the connection is reset before its answer comes back
//   (the post was created, the engine cannot know); other requests pass.
// - `cut-after-create`: as `lose-create-answers` for the first create, and the network is gone (`refuse`) from that
//   very moment, so the engine cannot ask the platform before the test lets it back.
// Switching to `refuse` stops accepting and lets connections already relayed finish, as a host going down would.
// Switching modes drops every idle connection (the last bytes on it were an answer): a client keeping connections
// alive meets the new mode on its next request, as it would on a real network that changed under it.
import net, { type AddressInfo, type Server, type Socket } from 'node:net';

export type OutageMode = 'up' | 'refuse' | 'portal' | 'lose-create-answers' | 'cut-after-create';

const PORTAL_PAGE =
  '<!doctype html><html><head><title>Café Wi-Fi</title></head><body><form method="post" action="/login">' +
  '<p>Welcome! Accept the terms to use the Wi-Fi.</p><button>Connect</button></form></body></html>';

export class OutageProxy {
  private server: Server | undefined;
  private port = 0;
  private current: OutageMode = 'up';
  private readonly sockets = new Set<Socket>();
  /** Relayed client connections whose last bytes were the platform's answer: nothing is in flight on them. */
  private readonly idle = new Set<Socket>();
  /** Connections taken in each mode. */
  readonly connections: Record<OutageMode, number> = { up: 0, refuse: 0, portal: 0, 'lose-create-answers': 0, 'cut-after-create': 0 };

  private constructor(private readonly target: { host: string; port: number }) {}

  /** A proxy in front of `origin` (http://127.0.0.1:<port>), up. */
  static async start(origin: string): Promise<OutageProxy> {
    const url = new URL(origin);
    const proxy = new OutageProxy({ host: url.hostname, port: Number(url.port) });
    await proxy.listen();
    return proxy;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get mode(): OutageMode {
    return this.current;
  }

  async set(mode: OutageMode): Promise<void> {
    if (mode !== this.current) for (const socket of this.idle) socket.destroy();
    this.current = mode;
    if (mode === 'refuse') await this.stopListening();
    else if (!this.server) await this.listen();
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await this.stopListening();
  }

  private async listen(): Promise<void> {
    const server = net.createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      // The same port every time, so the engine's origin stays the same across an outage.
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  private stopListening(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    return server ? new Promise((resolve) => server.close(() => resolve())) : Promise.resolve();
  }

  private accept(client: Socket): void {
    this.connections[this.current] += 1;
    this.sockets.add(client);
    client.on('close', () => this.sockets.delete(client));
    client.on('error', () => undefined);
    if (this.current === 'portal') {
      readRequest(client, () => {
        client.end(
          `HTTP/1.1 200 OK\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(PORTAL_PAGE)}\r\nconnection: close\r\n\r\n${PORTAL_PAGE}`,
        );
      });
      return;
    }
    const upstream = net.connect(this.target);
    upstream.on('error', () => client.destroy());
    client.on('data', () => this.idle.delete(client));
    upstream.on('data', () => this.idle.add(client));
    client.on('close', () => this.idle.delete(client));
    this.sockets.add(upstream);
    upstream.on('close', () => this.sockets.delete(upstream));
    client.pipe(upstream);
    if (this.current === 'lose-create-answers' || this.current === 'cut-after-create') {
      const thenDown = this.current === 'cut-after-create';
      // Each request on the connection (a kept one carries several) is a create or not by its first line.
      let post = false;
      client.on('data', (chunk: Buffer) => {
        const head = /^([A-Z]+) \//.exec(chunk.subarray(0, 16).toString('latin1'));
        if (head) post = head[1] === 'POST';
      });
      upstream.on('data', (chunk: Buffer) => {
        if (!post) {
          client.write(chunk);
          return;
        }
        // The platform answered a create: the connection dies before the answer gets back.
        client.resetAndDestroy();
        if (thenDown) void this.set('refuse');
      });
      upstream.on('end', () => client.end());
      return;
    }
    upstream.pipe(client);
  }
}

/** Calls `done` once a whole HTTP request (headers, and a body of content-length bytes) has arrived. */
function readRequest(socket: Socket, done: () => void): void {
  let buffered = Buffer.alloc(0);
  const onData = (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    const end = buffered.indexOf('\r\n\r\n');
    if (end === -1) return;
    const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(buffered.subarray(0, end).toString('latin1'))?.[1] ?? 0);
    if (buffered.length - end - 4 < length) return;
    socket.off('data', onData);
    done();
  };
  socket.on('data', onData);
}
