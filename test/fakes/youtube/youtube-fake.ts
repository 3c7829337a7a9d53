// A fake YouTube Data API v3 on 127.0.0.1, written from Google's documentation: videos.insert over the resumable
// upload protocol (session URI, 256 KiB chunks, 308 with Range, status queries with `bytes */N`), channels.list and
// playlistItems.list for the uploads playlist, quota and the documented error shapes, plus controls to inject
// faults. Its tokens come from Google's fake authorization server (test/fakes/oauth/google-authorization.ts) or grant().
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { EndpointFaults, type FaultTiming } from '../shared/endpoint-faults';
import { asRecord, closeServer, deliverReply, listenOnLoopback, readBody, sendReply, type RawReply } from '../shared/raw-http';

export type YoutubeEndpoint = 'init' | 'upload' | 'channels' | 'playlistItems';

/** A fault for the next call to an endpoint. */
export type YoutubeFault =
  /** Answers a 5xx (503 by default) with Google's error body; nothing is stored. */
  | { kind: 'server-error'; status?: number }
  /** Answers a documented error (quotaExceeded, uploadLimitExceeded …); nothing is done. */
  | { kind: 'error'; status: number; reason: string; domain?: string; message?: string }
  /** Does the work (creates the session, stores the bytes, creates the video), then closes the connection unanswered. */
  | { kind: 'drop-after-accept' }
  /** Closes the connection while the body is arriving; an upload keeps what arrived, in whole 256 KiB units. */
  | { kind: 'drop-mid-request' }
  /** Does the work, then answers after `delayMs`. */
  | { kind: 'slow'; delayMs: number };

export interface YoutubeFakeOptions {
  /** Daily quota units of the project; default 10,000. */
  dailyQuota?: number;
  /** Units a videos.insert costs; default 1,600 (the videos.insert reference). */
  insertCost?: number;
  /** Videos the channel may upload per day before uploadLimitExceeded; default 50. */
  dailyUploadLimit?: number;
  channelTitle?: string;
}

export interface YoutubeFakeVideo {
  id: string;
  channelId: string;
  title: string;
  description: string;
  categoryId: string;
  privacyStatus: 'public' | 'unlisted' | 'private';
  publishAt?: string;
  selfDeclaredMadeForKids?: boolean;
  /** ISO time the upload completed. */
  publishedAt: string;
  bytes: Buffer;
  contentType: string;
  /** The resumable session it came from. */
  sessionId: string;
}

export interface YoutubeFakeSession {
  id: string;
  resource: Record<string, unknown>;
  declaredLength?: number;
  contentType: string;
  received: Buffer[];
  receivedBytes: number;
  videoId?: string;
  /** A session that is gone answers 404. */
  gone: boolean;
}

export interface YoutubeRequestRecord {
  endpoint: YoutubeEndpoint;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  /** Parsed JSON or form fields; for uploads the byte count. */
  body: unknown;
}

interface Grant {
  scopes: string[];
  expiresAt: number;
}

const SCOPE = 'https://www.googleapis.com/auth/';
const UPLOAD_SCOPES = [`${SCOPE}youtube.upload`, `${SCOPE}youtube`, `${SCOPE}youtube.force-ssl`];
const READ_SCOPES = [`${SCOPE}youtube.readonly`, `${SCOPE}youtube`, `${SCOPE}youtube.force-ssl`];
const CHUNK_UNIT = 256 * 1024;
const CATEGORY_IDS = ['1', '2', '10', '15', '17', '19', '20', '22', '23', '24', '25', '26', '27', '28', '29'];

function googleError(status: number, reason: string, message: string, domain = 'global', extra: Record<string, string> = {}): RawReply {
  const statusNames: Record<number, string> = {
    400: 'INVALID_ARGUMENT',
    401: 'UNAUTHENTICATED',
    403: 'PERMISSION_DENIED',
    404: 'NOT_FOUND',
    503: 'UNAVAILABLE',
  };
  return {
    status,
    headers: { 'content-type': 'application/json; charset=UTF-8' },
    body: JSON.stringify({
      error: {
        code: status,
        message,
        errors: [{ message, domain, reason, ...extra }],
        ...(statusNames[status] ? { status: statusNames[status] } : {}),
      },
    }),
  };
}

function json(status: number, value: unknown, headers: Record<string, string> = {}): RawReply {
  return { status, headers: { 'content-type': 'application/json; charset=UTF-8', ...headers }, body: JSON.stringify(value) };
}

function etag(): string {
  return randomBytes(20).toString('base64url');
}

export class YoutubeFake {
  readonly videos: YoutubeFakeVideo[] = [];
  readonly sessions: YoutubeFakeSession[] = [];
  readonly requests: YoutubeRequestRecord[] = [];
  readonly channelId = `UC${randomBytes(16).toString('base64url').slice(0, 22)}`;
  quotaRemaining: number;
  insertCost: number;
  dailyUploadLimit: number;

  private readonly server = createServer((req, res) => {
    this.handle(req, res).catch((cause: unknown) => {
      if (!res.headersSent && !res.destroyed) sendReply(res, googleError(500, 'backendError', String(cause)));
    });
  });
  private readonly accessTokens = new Map<string, Grant>();
  private readonly faults = new EndpointFaults<YoutubeEndpoint, YoutubeFault>();
  private readonly channelTitle: string;
  private port = 0;

  constructor(options: YoutubeFakeOptions = {}) {
    this.quotaRemaining = options.dailyQuota ?? 10_000;
    this.insertCost = options.insertCost ?? 1_600;
    this.dailyUploadLimit = options.dailyUploadLimit ?? 50;
    this.channelTitle = options.channelTitle ?? 'Fake Channel';
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get uploadsPlaylistId(): string {
    return `UU${this.channelId.slice(2)}`;
  }

  async listen(): Promise<this> {
    this.port = await listenOnLoopback(this.server);
    return this;
  }

  close(): Promise<void> {
    return closeServer(this.server);
  }

  /** A user's grant: an access token (about an hour), as Google's authorization server issues it. */
  grant(scopes: string[] = [`${SCOPE}youtube.upload`, `${SCOPE}youtube.readonly`], ttlMs = 3_599_000): { accessToken: string } {
    const accessToken = `ya29.${randomBytes(32).toString('base64url')}`;
    this.accessTokens.set(accessToken, { scopes, expiresAt: Date.now() + ttlMs });
    return { accessToken };
  }

  expireAccessToken(token: string): void {
    const grant = this.accessTokens.get(token);
    if (grant) grant.expiresAt = 0;
  }

  /** The session expires (as after a week): PUTs and status queries answer 404. */
  expireSession(id: string): void {
    const session = this.sessions.find((candidate) => candidate.id === id);
    if (session) session.gone = true;
  }

  /** Applies `fault` to the next `times` calls to `endpoint`, after letting `after` calls pass untouched. */
  failNext(endpoint: YoutubeEndpoint, fault: YoutubeFault, options: FaultTiming = {}): void {
    this.faults.add(endpoint, fault, options);
  }

  requestsTo(endpoint: YoutubeEndpoint): YoutubeRequestRecord[] {
    return this.requests.filter((request) => request.endpoint === endpoint);
  }

  private route(method: string, path: string, query: URLSearchParams): YoutubeEndpoint | undefined {
    if (path === '/upload/youtube/v3/videos' && method === 'POST') return 'init';
    if (path === '/upload/youtube/v3/videos' && method === 'PUT' && query.has('upload_id')) return 'upload';
    if (path === '/youtube/v3/channels' && method === 'GET') return 'channels';
    if (path === '/youtube/v3/playlistItems' && method === 'GET') return 'playlistItems';
    return undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    const endpoint = this.route(req.method ?? 'GET', url.pathname, url.searchParams);
    const base = { method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers };
    if (endpoint === undefined) {
      await readBody(req);
      sendReply(res, googleError(404, 'notFound', `Not Found: ${req.method} ${url.pathname}`));
      return;
    }
    const fault = this.faults.take(endpoint);
    if (fault?.kind === 'drop-mid-request') {
      this.requests.push({ endpoint, ...base, body: undefined });
      await this.dropMidRequest(endpoint, req, url);
      return;
    }
    const raw = await readBody(req);
    this.requests.push({ endpoint, ...base, body: this.parseForLog(endpoint, raw) });
    if (fault?.kind === 'server-error') {
      sendReply(res, googleError(fault.status ?? 503, 'backendError', 'Backend Error'));
      return;
    }
    if (fault?.kind === 'error') {
      sendReply(res, googleError(fault.status, fault.reason, fault.message ?? fault.reason, fault.domain));
      return;
    }
    await deliverReply(req, res, this.dispatch(endpoint, req, url, raw), fault);
  }

  private parseForLog(endpoint: YoutubeEndpoint, raw: Buffer): unknown {
    if (endpoint === 'upload') return raw.length;
    try {
      return raw.length === 0 ? undefined : (JSON.parse(raw.toString('utf8')) as unknown);
    } catch {
      return raw.toString('utf8');
    }
  }

  /** Cuts the connection mid-body. Google keeps what an upload delivered so far, in whole 256 KiB units. */
  private async dropMidRequest(endpoint: YoutubeEndpoint, req: IncomingMessage, url: URL): Promise<void> {
    const declared = Number(req.headers['content-length'] ?? 0);
    const arrived: Buffer[] = [];
    let size = 0;
    await new Promise<void>((resolve) => {
      req.on('data', (chunk: Buffer) => {
        arrived.push(chunk);
        size += chunk.length;
        if (size >= declared / 2) resolve();
      });
      req.once('end', () => resolve());
    });
    req.socket.destroy();
    if (endpoint !== 'upload') return;
    const session = this.sessionOf(url);
    const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(req.headers['content-range'] ?? '');
    if (!session || session.gone || !range || Number(range[1]) !== session.receivedBytes) return;
    const kept = Math.min(Math.floor(size / CHUNK_UNIT) * CHUNK_UNIT, Number(range[2]) - Number(range[1]));
    if (kept > 0) this.store(session, Buffer.concat(arrived).subarray(0, kept));
  }

  private dispatch(endpoint: YoutubeEndpoint, req: IncomingMessage, url: URL, raw: Buffer): RawReply {
    switch (endpoint) {
      case 'upload':
        return this.upload(req, url, raw);
      case 'init':
        return this.withGrant(req, UPLOAD_SCOPES, () => this.init(req, url, raw));
      case 'channels':
        return this.withGrant(req, READ_SCOPES, () => this.channels(url));
      case 'playlistItems':
        return this.withGrant(req, READ_SCOPES, () => this.playlistItems(url));
    }
  }

  private withGrant(req: IncomingMessage, scopes: string[], then: () => RawReply): RawReply {
    const header = req.headers.authorization ?? '';
    const grant = this.accessTokens.get(header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '');
    if (!grant || grant.expiresAt <= Date.now()) {
      return googleError(
        401,
        'authError',
        'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
        'global',
        { location: 'Authorization', locationType: 'header' },
      );
    }
    if (!scopes.some((scope) => grant.scopes.includes(scope))) {
      return googleError(403, 'insufficientPermissions', 'Request had insufficient authentication scopes.');
    }
    return then();
  }

  private charge(units: number): RawReply | undefined {
    if (this.quotaRemaining < units) {
      return googleError(
        403,
        'quotaExceeded',
        'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.',
        'youtube.quota',
      );
    }
    this.quotaRemaining -= units;
    return undefined;
  }

  /** The video resource's problems, as videos.insert reports them. */
  private resourceProblem(resource: Record<string, unknown>): RawReply | undefined {
    const snippet = asRecord(resource.snippet);
    const status = asRecord(resource.status) ?? {};
    const title = snippet?.title;
    if (typeof title !== 'string' || title.trim() === '' || [...title].length > 100 || /[<>]/.test(title)) {
      return googleError(400, 'invalidTitle', 'The request metadata specifies an invalid or empty video title.', 'youtube.video');
    }
    const description = snippet?.description ?? '';
    if (typeof description !== 'string' || Buffer.byteLength(description, 'utf8') > 5000 || /[<>]/.test(description)) {
      return googleError(400, 'invalidDescription', 'The request metadata specifies an invalid video description.', 'youtube.video');
    }
    if (snippet?.categoryId !== undefined && !CATEGORY_IDS.includes(String(snippet.categoryId))) {
      return googleError(400, 'invalidCategoryId', 'The snippet.categoryId property specifies an invalid category ID.', 'youtube.video');
    }
    const privacy = status.privacyStatus ?? 'public';
    if (privacy !== 'public' && privacy !== 'unlisted' && privacy !== 'private') {
      return googleError(400, 'invalidValue', `Invalid value '${String(privacy)}' for status.privacyStatus.`);
    }
    if (status.publishAt !== undefined) {
      const at = typeof status.publishAt === 'string' ? Date.parse(status.publishAt) : Number.NaN;
      if (privacy !== 'private' || Number.isNaN(at) || at <= Date.now()) {
        return googleError(400, 'invalidPublishAt', 'The request metadata specifies an invalid scheduled publishing time.', 'youtube.video');
      }
    }
    if (status.selfDeclaredMadeForKids !== undefined && typeof status.selfDeclaredMadeForKids !== 'boolean') {
      return googleError(400, 'invalidValue', 'status.selfDeclaredMadeForKids must be a boolean.');
    }
    return undefined;
  }

  private init(req: IncomingMessage, url: URL, raw: Buffer): RawReply {
    if (url.searchParams.get('uploadType') !== 'resumable') return googleError(400, 'invalidValue', "This fake serves uploadType 'resumable' only.");
    const parts = (url.searchParams.get('part') ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
    if (parts.length === 0)
      return googleError(400, 'required', 'Required parameter: part', 'global', { location: 'part', locationType: 'parameter' });
    if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
      return googleError(400, 'badContent', 'The metadata must be sent as application/json.');
    }
    let resource: Record<string, unknown> | undefined;
    try {
      resource = asRecord(JSON.parse(raw.toString('utf8')));
    } catch {
      resource = undefined;
    }
    if (!resource) return googleError(400, 'parseError', 'Parse Error');
    for (const key of Object.keys(resource)) {
      if (!parts.includes(key)) return googleError(400, 'unexpectedPart', `The request specifies ${key} but the part parameter does not include it.`);
    }
    const problem = this.resourceProblem(resource);
    if (problem) return problem;
    const lengthHeader = req.headers['x-upload-content-length'];
    const declaredLength = lengthHeader === undefined ? undefined : Number(lengthHeader);
    if (declaredLength !== undefined && (!Number.isSafeInteger(declaredLength) || declaredLength <= 0)) {
      return googleError(400, 'badContent', 'X-Upload-Content-Length must be a positive number of bytes.');
    }
    const contentType = String(req.headers['x-upload-content-type'] ?? 'application/octet-stream');
    if (!contentType.startsWith('video/') && contentType !== 'application/octet-stream') {
      return googleError(400, 'badContent', `Media type '${contentType}' is not supported. Valid media types: [video/*, application/octet-stream]`);
    }
    const since = Date.now() - 24 * 60 * 60 * 1000;
    if (this.videos.filter((video) => Date.parse(video.publishedAt) > since).length >= this.dailyUploadLimit) {
      return googleError(400, 'uploadLimitExceeded', 'The user has exceeded the number of videos they may upload.', 'youtube.video');
    }
    const overQuota = this.charge(this.insertCost);
    if (overQuota) return overQuota;
    const session: YoutubeFakeSession = {
      id: randomBytes(24).toString('base64url'),
      resource,
      ...(declaredLength === undefined ? {} : { declaredLength }),
      contentType,
      received: [],
      receivedBytes: 0,
      gone: false,
    };
    this.sessions.push(session);
    return {
      status: 200,
      headers: {
        location: `${this.origin}/upload/youtube/v3/videos?uploadType=resumable&part=${parts.join(',')}&upload_id=${session.id}`,
        'x-guploader-uploadid': session.id,
      },
    };
  }

  private sessionOf(url: URL): YoutubeFakeSession | undefined {
    return this.sessions.find((session) => session.id === url.searchParams.get('upload_id'));
  }

  private store(session: YoutubeFakeSession, bytes: Buffer): void {
    session.received.push(Buffer.from(bytes));
    session.receivedBytes += bytes.length;
  }

  private incomplete(session: YoutubeFakeSession): RawReply {
    // 308 Resume Incomplete; no Range header while nothing is stored.
    return { status: 308, headers: session.receivedBytes > 0 ? { range: `bytes=0-${session.receivedBytes - 1}` } : {} };
  }

  private upload(req: IncomingMessage, url: URL, raw: Buffer): RawReply {
    const session = this.sessionOf(url);
    if (!session || session.gone) return googleError(404, 'notFound', 'Not Found');
    if (Number(req.headers['content-length'] ?? raw.length) !== raw.length)
      return googleError(400, 'badContent', 'Content-Length does not match the body.');
    const header = req.headers['content-range'];
    let first = 0;
    let total = session.declaredLength ?? raw.length;
    if (header !== undefined) {
      const query = /^bytes \*\/(\d+|\*)$/.exec(header);
      if (query) {
        if (raw.length !== 0) return googleError(400, 'badContent', 'A status query carries no body.');
        if (query[1] !== '*' && session.declaredLength !== undefined && Number(query[1]) !== session.declaredLength) {
          return googleError(400, 'badContent', 'The total in Content-Range does not match X-Upload-Content-Length.');
        }
        return session.videoId === undefined ? this.incomplete(session) : this.videoResource(session.videoId, 200);
      }
      const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(header);
      if (!range) return googleError(400, 'badContent', 'Failed to parse Content-Range header.');
      first = Number(range[1]);
      total = Number(range[3]);
      if (Number(range[2]) - first + 1 !== raw.length)
        return googleError(400, 'badContent', 'Content-Range does not match the number of bytes sent.');
    }
    if (session.videoId !== undefined) return this.videoResource(session.videoId, 200);
    if (session.declaredLength !== undefined && total !== session.declaredLength) {
      return googleError(400, 'badContent', 'The total in Content-Range does not match X-Upload-Content-Length.');
    }
    if (first !== session.receivedBytes) {
      return googleError(
        400,
        'badContent',
        `Content-Range starts at ${first}, but the server holds ${session.receivedBytes} bytes; query the session first.`,
      );
    }
    const end = first + raw.length;
    if (end > total) return googleError(400, 'badContent', 'The bytes sent go past the end of the file.');
    if (end < total && raw.length % CHUNK_UNIT !== 0) {
      return googleError(400, 'badContent', `Every chunk but the last must be a multiple of ${CHUNK_UNIT} bytes.`);
    }
    this.store(session, raw);
    if (session.receivedBytes < total) return this.incomplete(session);
    return this.complete(session);
  }

  private complete(session: YoutubeFakeSession): RawReply {
    const snippet = asRecord(session.resource.snippet) ?? {};
    const status = asRecord(session.resource.status) ?? {};
    const video: YoutubeFakeVideo = {
      id: randomBytes(8).toString('base64url').slice(0, 11),
      channelId: this.channelId,
      title: String(snippet.title),
      description: typeof snippet.description === 'string' ? snippet.description : '',
      categoryId: snippet.categoryId === undefined ? '22' : String(snippet.categoryId),
      privacyStatus: (status.privacyStatus as YoutubeFakeVideo['privacyStatus'] | undefined) ?? 'public',
      ...(typeof status.publishAt === 'string' ? { publishAt: status.publishAt } : {}),
      ...(typeof status.selfDeclaredMadeForKids === 'boolean' ? { selfDeclaredMadeForKids: status.selfDeclaredMadeForKids } : {}),
      publishedAt: new Date().toISOString(),
      bytes: Buffer.concat(session.received),
      contentType: session.contentType,
      sessionId: session.id,
    };
    this.videos.push(video);
    session.videoId = video.id;
    return this.videoResource(video.id, 200);
  }

  private videoResource(id: string, status: number): RawReply {
    const video = this.videos.find((candidate) => candidate.id === id) as YoutubeFakeVideo;
    return json(status, {
      kind: 'youtube#video',
      etag: etag(),
      id: video.id,
      snippet: {
        ...this.snippetOf(video),
        categoryId: video.categoryId,
        liveBroadcastContent: 'none',
        localized: { title: video.title, description: video.description },
      },
      status: {
        uploadStatus: 'uploaded',
        privacyStatus: video.privacyStatus,
        ...(video.publishAt ? { publishAt: video.publishAt } : {}),
        license: 'youtube',
        embeddable: true,
        publicStatsViewable: true,
        ...(video.selfDeclaredMadeForKids === undefined ? {} : { selfDeclaredMadeForKids: video.selfDeclaredMadeForKids }),
      },
    });
  }

  /** The snippet fields a video and its uploads-playlist item both carry. */
  private snippetOf(video: YoutubeFakeVideo): Record<string, unknown> {
    return {
      publishedAt: video.publishedAt,
      channelId: video.channelId,
      title: video.title,
      description: video.description,
      thumbnails: {},
      channelTitle: this.channelTitle,
    };
  }

  private channels(url: URL): RawReply {
    const parts = (url.searchParams.get('part') ?? '').split(',').filter(Boolean);
    if (parts.length === 0) return googleError(400, 'required', 'Required parameter: part');
    const filters = ['mine', 'id', 'forHandle', 'forUsername', 'managedByMe'].filter((name) => url.searchParams.has(name));
    if (filters.length !== 1) return googleError(400, 'incompatibleParameters', 'Exactly one channel filter is required.');
    if (url.searchParams.get('mine') !== 'true') return json(200, { kind: 'youtube#channelListResponse', etag: etag(), items: [] });
    const overQuota = this.charge(1);
    if (overQuota) return overQuota;
    const item: Record<string, unknown> = { kind: 'youtube#channel', etag: etag(), id: this.channelId };
    if (parts.includes('contentDetails')) item.contentDetails = { relatedPlaylists: { likes: '', uploads: this.uploadsPlaylistId } };
    if (parts.includes('snippet')) item.snippet = { title: this.channelTitle, description: '', publishedAt: '2020-01-01T00:00:00Z' };
    return json(200, { kind: 'youtube#channelListResponse', etag: etag(), pageInfo: { totalResults: 1, resultsPerPage: 5 }, items: [item] });
  }

  private playlistItems(url: URL): RawReply {
    const parts = (url.searchParams.get('part') ?? '').split(',').filter(Boolean);
    if (parts.length === 0) return googleError(400, 'required', 'Required parameter: part');
    const playlistId = url.searchParams.get('playlistId');
    if (playlistId !== this.uploadsPlaylistId) {
      return googleError(
        404,
        'playlistNotFound',
        'The playlist identified with the request playlistId parameter cannot be found.',
        'youtube.playlistItem',
      );
    }
    const maxResults = Number(url.searchParams.get('maxResults') ?? 5);
    if (!Number.isInteger(maxResults) || maxResults < 0 || maxResults > 50)
      return googleError(400, 'invalidValue', 'maxResults must be between 0 and 50.');
    const overQuota = this.charge(1);
    if (overQuota) return overQuota;
    // The uploads playlist lists the newest upload first, private ones included for the owner.
    const ordered = [...this.videos].reverse();
    const offset = Number(url.searchParams.get('pageToken') ?? 0) || 0;
    const page = ordered.slice(offset, offset + maxResults);
    const items = page.map((video, index) => ({
      kind: 'youtube#playlistItem',
      etag: etag(),
      id: randomBytes(12).toString('base64url'),
      ...(parts.includes('snippet')
        ? {
            snippet: {
              ...this.snippetOf(video),
              playlistId,
              position: offset + index,
              resourceId: { kind: 'youtube#video', videoId: video.id },
              videoOwnerChannelTitle: this.channelTitle,
              videoOwnerChannelId: video.channelId,
            },
          }
        : {}),
      ...(parts.includes('contentDetails') ? { contentDetails: { videoId: video.id, videoPublishedAt: video.publishedAt } } : {}),
      ...(parts.includes('status') ? { status: { privacyStatus: video.privacyStatus } } : {}),
    }));
    const next = offset + maxResults < ordered.length ? { nextPageToken: String(offset + maxResults) } : {};
    return json(200, {
      kind: 'youtube#playlistItemListResponse',
      etag: etag(),
      ...next,
      pageInfo: { totalResults: ordered.length, resultsPerPage: maxResults },
      items,
    });
  }
}

/** Starts a fake YouTube on 127.0.0.1 with a free port. */
export function startYoutubeFake(options: YoutubeFakeOptions = {}): Promise<YoutubeFake> {
  return new YoutubeFake(options).listen();
}
