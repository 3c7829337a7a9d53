// A small stand-in for X's API v2 on 127.0.0.1, for the self-test only: enough for the real X publisher to publish one
// text post. POST /2/tweets answers 201 with the new post, as X does; GET /2/users/me and GET /2/users/:id/tweets
// let the publisher look the post up if an attempt's outcome was ambiguous. Anything else is a 404, and a request
// without a bearer token a 401, in X's problem format.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const USER_ID = '1';
const MAX_BODY_BYTES = 64 * 1024;

export interface XPost {
  id: string;
  text: string;
  /** The Authorization header the post arrived with. */
  authorization: string;
  createdAt: string;
}

export interface XStandIn {
  /** http://127.0.0.1:<port>, for PUBLISHING_ENGINE_TWITTER_API_ORIGIN. */
  origin: string;
  /** Every post created, in order. */
  posts: XPost[];
  close(): Promise<void>;
}

export async function startXStandIn(): Promise<XStandIn> {
  const posts: XPost[] = [];
  let nextId = 1_900_000_000_000_000_000n;

  const server = createServer((request, response) => {
    handle(request, response).catch(() => reply(response, 500, problem(500, 'Internal Error', 'The stand-in failed.')));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const authorization = request.headers.authorization ?? '';
    if (!/^Bearer \S+$/.test(authorization)) return reply(response, 401, problem(401, 'Unauthorized', 'Unauthorized'));

    if (request.method === 'POST' && url.pathname === '/2/tweets') {
      const body = (await readJson(request)) as { text?: unknown } | undefined;
      if (typeof body?.text !== 'string' || body.text === '') {
        return reply(response, 400, problem(400, 'Invalid Request', 'One or more parameters to your request was invalid.'));
      }
      nextId += 1n;
      const post: XPost = { id: nextId.toString(), text: body.text, authorization, createdAt: new Date().toISOString() };
      posts.push(post);
      return reply(response, 201, { data: { id: post.id, text: post.text, edit_history_tweet_ids: [post.id] } });
    }
    if (request.method === 'GET' && url.pathname === '/2/users/me') {
      return reply(response, 200, { data: { id: USER_ID, name: 'Self-test', username: 'self_test' } });
    }
    if (request.method === 'GET' && url.pathname === `/2/users/${USER_ID}/tweets`) {
      const data = [...posts].reverse().map((post) => ({ id: post.id, text: post.text, created_at: post.createdAt, author_id: USER_ID }));
      return reply(response, 200, data.length > 0 ? { data, meta: { result_count: data.length } } : { meta: { result_count: 0 } });
    }
    reply(response, 404, problem(404, 'Not Found Error', `${request.method ?? ''} ${url.pathname} is not served by the stand-in.`));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    posts,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function problem(status: number, title: string, detail: string) {
  return { title, detail, type: 'about:blank', status };
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  const type = status >= 400 ? 'application/problem+json' : 'application/json; charset=utf-8';
  response.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(json) });
  response.end(json);
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}
