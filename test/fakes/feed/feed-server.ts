// A small social platform on 127.0.0.1 for engine tests: bearer-token posts with ids, a recent-posts listing,
// the account's profile, and faults injected on demand — including the worst one, a post created whose answer never arrives.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FeedPost {
  id: string;
  text: string;
  createdAt: number;
}

export type FeedFault =
  | { kind: 'server-error' } // 500 on create: whether the post exists is unknown to the client (it does not)
  | { kind: 'unavailable' } // 503 before the request is processed: certainly not created
  | { kind: 'drop-after-create' } // creates the post, then destroys the socket without answering
  | { kind: 'invalid' } // 400 validation error
  | { kind: 'unauthorized' } // 401
  | { kind: 'rate-limit'; resetInSeconds: number } // 429 with a reset header; every create before the reset gets 429 too
  | { kind: 'hold'; ms: number } // creates the post and answers only after ms
  | { kind: 'slow'; ms: number } // works ms on the request (an upload, a transcode), then creates the post and answers
  | { kind: 'lost' }; // the request is taken and never answered, and no post is made

/** The one account behind the feed's token; its id looks like a Page id, so it fits any platform's id rules. */
export const FEED_ACCOUNT = { id: '1000001', name: 'Feed account' };

export class FeedServer {
  readonly posts: FeedPost[] = [];
  /** Every create request received, faulted or not. */
  createRequests = 0;
  /** When each create request arrived (ms since the epoch), faulted or not. */
  readonly createTimes: number[] = [];
  /** The reset instant of the rate limit in force (ms); creates before it are refused with 429. */
  limitedUntil = 0;
  readonly token: string;
  private readonly faults: FeedFault[] = [];
  private listingFaults = 0;
  /** Until when (ms) listings are refused with 429, as the platform's rate limit on reads. */
  private listingsLimitedUntil = 0;
  /** Listings received, failed or not. */
  listings = 0;
  private server: Server | undefined;
  private nextId = 1000;
  origin = '';

  constructor(token = 'feed-token') {
    this.token = token;
  }

  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  failNext(...faults: FeedFault[]): void {
    this.faults.push(...faults);
  }

  /** The next `count` listings answer 503: the platform cannot be asked right now. */
  failListings(count: number): void {
    this.listingFaults += count;
  }

  /** Listings are refused with 429 until `resetInSeconds` from now; answers the reset instant (ms). */
  rateLimitListings(resetInSeconds: number): number {
    this.listingsLimitedUntil = (Math.ceil(Date.now() / 1000) + resetInSeconds) * 1000;
    return this.listingsLimitedUntil;
  }

  /** Drops faults no request has met yet (a test whose request never came). */
  clearFaults(): void {
    this.faults.length = 0;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    if (req.headers.authorization !== `Bearer ${this.token}`) return json(res, 401, { error: 'invalid_token' });
    if (req.method === 'GET' && url.pathname === '/v1/me') return json(res, 200, { data: FEED_ACCOUNT });
    if (req.method === 'GET' && url.pathname === '/v1/posts') {
      this.listings += 1;
      if (this.listingFaults > 0) {
        this.listingFaults -= 1;
        return json(res, 503, { error: 'unavailable' });
      }
      if (Date.now() < this.listingsLimitedUntil) {
        res.setHeader('x-rate-limit-reset', String(this.listingsLimitedUntil / 1000));
        return json(res, 429, { error: 'rate_limited' });
      }
      const since = Number(url.searchParams.get('since') ?? 0);
      return json(res, 200, { data: this.posts.filter((post) => post.createdAt >= since) });
    }
    if (req.method === 'POST' && url.pathname === '/v1/posts') {
      const body = JSON.parse(await readBody(req)) as { text?: unknown };
      this.createRequests += 1;
      this.createTimes.push(Date.now());
      if (Date.now() < this.limitedUntil) return this.rateLimited(res);
      const fault = this.faults.shift();
      if (fault?.kind === 'server-error') return json(res, 500, { error: 'internal' });
      if (fault?.kind === 'unavailable') return json(res, 503, { error: 'unavailable' });
      if (fault?.kind === 'invalid') return json(res, 400, { error: 'invalid_request', message: 'text is not allowed' });
      if (fault?.kind === 'unauthorized') return json(res, 401, { error: 'invalid_token' });
      if (fault?.kind === 'rate-limit') {
        this.limitedUntil = (Math.ceil(Date.now() / 1000) + fault.resetInSeconds) * 1000;
        return this.rateLimited(res);
      }
      if (fault?.kind === 'lost') return;
      if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.ms));
      if (typeof body.text !== 'string' || body.text === '') return json(res, 400, { error: 'invalid_request', message: 'text is required' });
      const post = { id: String(this.nextId++), text: body.text, createdAt: Date.now() };
      this.posts.push(post);
      if (fault?.kind === 'drop-after-create') {
        req.socket.destroy();
        return;
      }
      if (fault?.kind === 'hold') await new Promise((resolve) => setTimeout(resolve, fault.ms));
      return json(res, 201, { data: post });
    }
    json(res, 404, { error: 'not_found' });
  }

  private rateLimited(res: ServerResponse): void {
    res.setHeader('x-rate-limit-reset', String(this.limitedUntil / 1000));
    json(res, 429, { error: 'rate_limited' });
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
