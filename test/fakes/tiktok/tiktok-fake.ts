// A fake TikTok Content Posting API on 127.0.0.1, written from TikTok's documentation (creator info, direct post with
// FILE_UPLOAD chunks, photo posts pulled from URLs, status fetch, video list, user info), with the documented
// checks, limits and error envelope, plus controls to inject faults. Tests drive it through the returned object.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { EndpointFaults, type FaultTiming } from '../shared/endpoint-faults';
import { asRecord, closeServer, deliverReply, listenOnLoopback, readBody, sendReply, type RawReply } from '../shared/raw-http';
import { chunkPlanProblem, expectedChunkRange, type ChunkPlan } from './tiktok-chunk-rules';
import { checkPhoto, checkVideo, type MediaCheck } from './tiktok-media-checks';

export type TiktokEndpoint = 'creator_info' | 'video_init' | 'content_init' | 'upload' | 'status' | 'video_list' | 'user_info';

export const TIKTOK_PRIVACY_LEVELS = ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'FOLLOWER_OF_CREATOR', 'SELF_ONLY'] as const;
export type TiktokPrivacyLevel = (typeof TIKTOK_PRIVACY_LEVELS)[number];
export type TiktokPostStatus = 'PROCESSING_UPLOAD' | 'PROCESSING_DOWNLOAD' | 'SEND_TO_USER_INBOX' | 'PUBLISH_COMPLETE' | 'FAILED';

/** A fault for the next call to an endpoint. */
export type TiktokFault =
  /** Answers a bare 5xx with the error envelope; nothing is done. */
  | { kind: 'server-error'; status?: number }
  /** Answers a documented error envelope (rate_limit_exceeded, spam_risk_too_many_posts …); nothing is done. */
  | { kind: 'error'; status: number; code: string; message?: string }
  /** Does the work (creates the post, stores the chunk …), then closes the connection without answering. */
  | { kind: 'drop-after-accept' }
  /** Closes the connection while the request body is still arriving; nothing is done. */
  | { kind: 'drop-mid-request' }
  /** Does the work, then answers after `delayMs`. */
  | { kind: 'slow'; delayMs: number };

/** How the fake finishes the next post once its media is in: TikTok's own final states. */
export type TiktokOutcome = { status: 'FAILED'; failReason: string } | { status: 'SEND_TO_USER_INBOX' } | { status: 'PUBLISH_COMPLETE' };

export interface TiktokCreator {
  username: string;
  nickname: string;
  avatarUrl: string;
  privacyLevelOptions: TiktokPrivacyLevel[];
  commentDisabled: boolean;
  duetDisabled: boolean;
  stitchDisabled: boolean;
  maxVideoPostDurationSec: number;
}

export interface TiktokFakeOptions {
  creator?: Partial<TiktokCreator>;
  /** An unaudited client may only post SELF_ONLY; default true. */
  audited?: boolean;
  /** URL prefixes verified in the developer portal, required for PULL_FROM_URL. */
  verifiedUrlPrefixes?: string[];
  /** Posts per creator per 24 h before spam_risk_too_many_posts; default 15. */
  dailyPostCap?: number;
  /** How long TikTok processes media once it is in; default 30 ms. */
  processingMs?: number;
  /** How long moderation takes before a public post gets its id; default 0. */
  moderationMs?: number;
  /** Per access token and minute; defaults are TikTok's documented limits. */
  rateLimitsPerMinute?: Partial<Record<TiktokEndpoint, number>>;
  accessTokenTtlMs?: number;
}

export interface TiktokFakePost {
  publishId: string;
  openId: string;
  mediaType: 'VIDEO' | 'PHOTO';
  postMode: 'DIRECT_POST' | 'MEDIA_UPLOAD';
  source: 'FILE_UPLOAD' | 'PULL_FROM_URL';
  title: string;
  description: string;
  privacyLevel: TiktokPrivacyLevel;
  postInfo: Record<string, unknown>;
  status: TiktokPostStatus;
  failReason?: string;
  plan?: ChunkPlan;
  chunksReceived: number;
  uploadedBytes: number;
  downloadedBytes: number;
  /** The whole video once every chunk is in (or pulled). */
  video?: Buffer;
  photoUrls: string[];
  /** Set once moderation let a public post through: what publicaly_available_post_id carries. */
  postId?: string;
  /** Unix seconds. */
  createTime: number;
}

export interface TiktokRequestRecord {
  endpoint: TiktokEndpoint;
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** Parsed JSON or form fields; for uploads the byte count. */
  body: unknown;
}

interface Grant {
  openId: string;
  scopes: string[];
  expiresAt: number;
}

interface PostState {
  post: TiktokFakePost;
  uploadId: string;
  uploadToken: string;
  chunks: Buffer[];
  /** When the media was in and checked: processing runs from then. */
  mediaInAt?: number;
  completedAt?: number;
  approved: boolean;
}

type NewPostFields = Omit<TiktokFakePost, 'publishId' | 'openId' | 'status' | 'chunksReceived' | 'uploadedBytes' | 'downloadedBytes' | 'createTime'>;

const DEFAULT_RATE_LIMITS: Record<TiktokEndpoint, number> = {
  creator_info: 20,
  video_init: 6,
  content_init: 6,
  status: 30,
  video_list: 600,
  upload: Number.POSITIVE_INFINITY,
  user_info: 600,
};

const VIDEO_CONTENT_TYPES = ['video/mp4', 'video/quicktime', 'video/webm'];
const DAY_MS = 24 * 60 * 60 * 1000;
const UPLOAD_URL_TTL_MS = 60 * 60 * 1000;

function logId(): string {
  return `2025${randomBytes(13).toString('hex').toUpperCase()}`;
}

function envelope(status: number, data: unknown, code = 'ok', message = ''): RawReply {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=UTF-8' },
    body: JSON.stringify({ data, error: { code, message, log_id: logId() } }),
  };
}

function error(status: number, code: string, message: string): RawReply {
  return envelope(status, {}, code, message);
}

function isJson(req: IncomingMessage): boolean {
  return (req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json');
}

function numericId(): string {
  // TikTok post ids are 19-digit int64s: beyond what a JavaScript number holds exactly.
  return `73${Array.from(randomBytes(17), (byte) => String(byte % 10)).join('')}`;
}

export class TiktokFake {
  readonly posts: TiktokFakePost[] = [];
  readonly requests: TiktokRequestRecord[] = [];
  readonly creator: TiktokCreator;
  audited: boolean;
  verifiedUrlPrefixes: string[];
  dailyPostCap: number;
  processingMs: number;
  moderationMs: number;

  private readonly server = createServer((req, res) => {
    this.handle(req, res).catch((cause: unknown) => {
      if (!res.headersSent && !res.destroyed) sendReply(res, error(500, 'internal_error', String(cause)));
    });
  });
  /** The creator's open id: who every token of this fake belongs to. */
  readonly openId = `open-${randomBytes(8).toString('hex')}`;
  private readonly accessTokens = new Map<string, Grant>();
  private readonly states = new Map<string, PostState>();
  private readonly faults = new EndpointFaults<TiktokEndpoint, TiktokFault>();
  private readonly outcomes: TiktokOutcome[] = [];
  private readonly calls = new Map<string, number[]>();
  private readonly rateLimits: Record<TiktokEndpoint, number>;
  private readonly accessTokenTtlMs: number;
  private readonly pending = new Set<Promise<unknown>>();
  private port = 0;

  constructor(options: TiktokFakeOptions = {}) {
    this.creator = {
      username: 'fake.creator',
      nickname: 'Fake Creator',
      avatarUrl: 'https://p16.tiktokcdn.example/avatar.jpeg',
      privacyLevelOptions: ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'SELF_ONLY'],
      commentDisabled: false,
      duetDisabled: false,
      stitchDisabled: false,
      maxVideoPostDurationSec: 600,
      ...options.creator,
    };
    this.audited = options.audited ?? true;
    this.verifiedUrlPrefixes = options.verifiedUrlPrefixes ?? [];
    this.dailyPostCap = options.dailyPostCap ?? 15;
    this.processingMs = options.processingMs ?? 30;
    this.moderationMs = options.moderationMs ?? 0;
    this.rateLimits = { ...DEFAULT_RATE_LIMITS, ...options.rateLimitsPerMinute };
    this.accessTokenTtlMs = options.accessTokenTtlMs ?? DAY_MS;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async listen(): Promise<this> {
    this.port = await listenOnLoopback(this.server);
    return this;
  }

  async close(): Promise<void> {
    await closeServer(this.server);
    await Promise.allSettled([...this.pending]);
  }

  /** A user's grant of the app: an access token (TikTok's fake authorization server mints them here too). */
  grant(scopes: string[] = ['user.info.basic', 'video.publish', 'video.list'], ttlMs = this.accessTokenTtlMs): { accessToken: string } {
    const accessToken = `act.${randomBytes(24).toString('hex')}`;
    this.accessTokens.set(accessToken, { openId: this.openId, scopes, expiresAt: Date.now() + ttlMs });
    return { accessToken };
  }

  /** The access token stops working, as after its 24 hours. */
  expireAccessToken(token: string): void {
    const grant = this.accessTokens.get(token);
    if (grant) grant.expiresAt = 0;
  }

  /** Applies `fault` to the next `times` calls to `endpoint`, after letting `after` calls pass untouched. */
  failNext(endpoint: TiktokEndpoint, fault: TiktokFault, options: FaultTiming = {}): void {
    this.faults.add(endpoint, fault, options);
  }

  /** The next post to finish processing ends this way instead of the usual outcome. */
  nextOutcome(outcome: TiktokOutcome): void {
    this.outcomes.push(outcome);
  }

  requestsTo(endpoint: TiktokEndpoint): TiktokRequestRecord[] {
    return this.requests.filter((request) => request.endpoint === endpoint);
  }

  /** Finishes moderation of a public post now: it gets its id. */
  approve(publishId: string): void {
    const state = this.states.get(publishId);
    if (state) {
      state.approved = true;
      this.advance(state);
    }
  }

  /** The post with this publish id, its processing brought up to now. */
  post(publishId: string): TiktokFakePost | undefined {
    const state = this.states.get(publishId);
    if (state) this.advance(state);
    return state?.post;
  }

  /** Posts that are live: published, whatever their privacy. */
  get published(): TiktokFakePost[] {
    for (const state of this.states.values()) this.advance(state);
    return this.posts.filter((post) => post.status === 'PUBLISH_COMPLETE');
  }

  private route(method: string, path: string): TiktokEndpoint | undefined {
    if (method === 'POST' && path === '/v2/post/publish/creator_info/query/') return 'creator_info';
    if (method === 'POST' && path === '/v2/post/publish/video/init/') return 'video_init';
    if (method === 'POST' && path === '/v2/post/publish/content/init/') return 'content_init';
    if (method === 'POST' && path === '/v2/post/publish/status/fetch/') return 'status';
    if (method === 'POST' && path === '/v2/video/list/') return 'video_list';
    if (method === 'GET' && path === '/v2/user/info/') return 'user_info';
    if (method === 'PUT' && path === '/video/') return 'upload';
    return undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    const endpoint = this.route(req.method ?? 'GET', url.pathname);
    if (endpoint === undefined) {
      await readBody(req);
      sendReply(res, error(404, 'not_found', `No such endpoint: ${req.method} ${url.pathname}`));
      return;
    }
    const fault = this.faults.take(endpoint);
    if (fault?.kind === 'drop-mid-request') {
      this.requests.push({ endpoint, method: req.method ?? '', path: url.pathname, headers: req.headers, body: undefined });
      // Wait for some of the body so the client is mid-send, then cut the connection.
      await new Promise<void>((resolve) => {
        req.once('data', () => resolve());
        req.once('end', () => resolve());
      });
      req.socket.destroy();
      return;
    }
    const raw = await readBody(req);
    const body = this.parseForLog(endpoint, req, raw);
    this.requests.push({ endpoint, method: req.method ?? '', path: url.pathname, headers: req.headers, body });
    if (fault?.kind === 'server-error') {
      sendReply(res, error(fault.status ?? 500, 'internal_error', 'Something went wrong. Please try again later.'));
      return;
    }
    if (fault?.kind === 'error') {
      sendReply(res, error(fault.status, fault.code, fault.message ?? fault.code));
      return;
    }
    await deliverReply(req, res, await this.dispatch(endpoint, req, url, raw), fault);
  }

  private parseForLog(endpoint: TiktokEndpoint, req: IncomingMessage, raw: Buffer): unknown {
    if (endpoint === 'upload') return raw.length;
    try {
      return raw.length === 0 ? undefined : (JSON.parse(raw.toString('utf8')) as unknown);
    } catch {
      return isJson(req) ? raw.toString('utf8') : undefined;
    }
  }

  private dispatch(endpoint: TiktokEndpoint, req: IncomingMessage, url: URL, raw: Buffer): RawReply | Promise<RawReply> {
    if (endpoint === 'upload') return this.upload(req, url, raw);
    const scopes: Record<Exclude<TiktokEndpoint, 'upload'>, string[]> = {
      creator_info: ['video.publish'],
      video_init: ['video.publish'],
      content_init: ['video.publish', 'video.upload'],
      status: ['video.publish', 'video.upload'],
      video_list: ['video.list'],
      user_info: ['user.info.basic'],
    };
    const auth = this.authorize(req, scopes[endpoint]);
    if ('status' in auth) return auth;
    const limited = this.rateLimited(endpoint, auth.token);
    if (limited) return limited;
    if (endpoint === 'video_list') return this.videoList(auth.grant, url, req, raw);
    if (endpoint === 'user_info') return this.userInfo(url);
    if (!isJson(req)) return error(400, 'invalid_param', 'Content-Type must be application/json; charset=UTF-8.');
    if (endpoint === 'creator_info') return this.creatorInfo();
    let body: Record<string, unknown> | undefined;
    try {
      body = asRecord(JSON.parse(raw.toString('utf8')));
    } catch {
      body = undefined;
    }
    if (body === undefined) return error(400, 'invalid_param', 'The request body is not a JSON object.');
    if (endpoint === 'video_init') return this.videoInit(auth.grant, body);
    if (endpoint === 'content_init') return this.contentInit(auth.grant, body);
    return this.status(auth.grant, body);
  }

  private authorize(req: IncomingMessage, scopes: string[]): RawReply | { token: string; grant: Grant } {
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
    const grant = this.accessTokens.get(token);
    if (!grant || grant.expiresAt <= Date.now()) {
      return error(401, 'access_token_invalid', 'The access token is invalid or not found in the request.');
    }
    if (!scopes.some((scope) => grant.scopes.includes(scope))) {
      return error(401, 'scope_not_authorized', `The user did not authorize the scope required: ${scopes.join(' or ')}.`);
    }
    return { token, grant };
  }

  private rateLimited(endpoint: TiktokEndpoint, token: string): RawReply | undefined {
    const key = `${endpoint} ${token}`;
    const now = Date.now();
    const recent = (this.calls.get(key) ?? []).filter((at) => at > now - 60_000);
    if (recent.length >= this.rateLimits[endpoint]) {
      this.calls.set(key, recent);
      return error(429, 'rate_limit_exceeded', 'Your request is blocked due to exceeding the API rate limit.');
    }
    recent.push(now);
    this.calls.set(key, recent);
    return undefined;
  }

  private creatorInfo(): RawReply {
    const c = this.creator;
    return envelope(200, {
      creator_avatar_url: c.avatarUrl,
      creator_username: c.username,
      creator_nickname: c.nickname,
      privacy_level_options: c.privacyLevelOptions,
      comment_disabled: c.commentDisabled,
      duet_disabled: c.duetDisabled,
      stitch_disabled: c.stitchDisabled,
      max_video_post_duration_sec: c.maxVideoPostDurationSec,
    });
  }

  /** Checks shared by video and photo direct posts; undefined when the post may be created. */
  private postInfoProblem(grant: Grant, postInfo: Record<string, unknown>, titleLimit: number): RawReply | undefined {
    const privacy = postInfo.privacy_level;
    if (typeof privacy !== 'string' || !(TIKTOK_PRIVACY_LEVELS as readonly string[]).includes(privacy)) {
      return error(400, 'invalid_param', 'post_info.privacy_level is required and must be one of the documented levels.');
    }
    if (postInfo.title !== undefined && (typeof postInfo.title !== 'string' || postInfo.title.length > titleLimit)) {
      return error(400, 'invalid_param', `post_info.title must be a string of at most ${titleLimit} characters.`);
    }
    for (const flag of [
      'disable_duet',
      'disable_comment',
      'disable_stitch',
      'brand_content_toggle',
      'brand_organic_toggle',
      'is_aigc',
      'auto_add_music',
    ]) {
      if (postInfo[flag] !== undefined && typeof postInfo[flag] !== 'boolean')
        return error(400, 'invalid_param', `post_info.${flag} must be a boolean.`);
    }
    if (!this.creator.privacyLevelOptions.includes(privacy as TiktokPrivacyLevel)) {
      return error(403, 'privacy_level_option_mismatch', `privacy_level ${privacy} is not one of the creator's privacy_level_options.`);
    }
    if (!this.audited && privacy !== 'SELF_ONLY') {
      return error(403, 'unaudited_client_can_only_post_to_private_accounts', 'Unaudited clients can only post to private accounts.');
    }
    const since = Date.now() - DAY_MS;
    const today = this.posts.filter((post) => post.openId === grant.openId && post.createTime * 1000 > since).length;
    if (today >= this.dailyPostCap) {
      return error(403, 'spam_risk_too_many_posts', 'The daily post cap from the API is reached for the current user.');
    }
    return undefined;
  }

  private urlVerified(url: unknown): boolean {
    return typeof url === 'string' && this.verifiedUrlPrefixes.some((prefix) => url.startsWith(prefix));
  }

  private newPost(grant: Grant, idPrefix: string, fields: NewPostFields): PostState {
    const post: TiktokFakePost = {
      ...fields,
      publishId: `${idPrefix}~v2-1.${numericId()}`,
      openId: grant.openId,
      status: fields.source === 'FILE_UPLOAD' ? 'PROCESSING_UPLOAD' : 'PROCESSING_DOWNLOAD',
      chunksReceived: 0,
      uploadedBytes: 0,
      downloadedBytes: 0,
      createTime: Math.floor(Date.now() / 1000),
    };
    const state: PostState = {
      post,
      uploadId: randomBytes(8).toString('hex'),
      uploadToken: randomBytes(16).toString('hex'),
      chunks: [],
      approved: false,
    };
    this.posts.push(post);
    this.states.set(post.publishId, state);
    return state;
  }

  private videoInit(grant: Grant, body: Record<string, unknown>): RawReply {
    const postInfo = asRecord(body.post_info);
    const source = asRecord(body.source_info);
    if (!postInfo) return error(400, 'invalid_param', 'post_info is required.');
    if (!source) return error(400, 'invalid_param', 'source_info is required.');
    const problem = this.postInfoProblem(grant, postInfo, 2200);
    if (problem) return problem;
    if (postInfo.video_cover_timestamp_ms !== undefined && !Number.isInteger(postInfo.video_cover_timestamp_ms)) {
      return error(400, 'invalid_param', 'post_info.video_cover_timestamp_ms must be an integer.');
    }
    const base = {
      mediaType: 'VIDEO' as const,
      postMode: 'DIRECT_POST' as const,
      title: typeof postInfo.title === 'string' ? postInfo.title : '',
      description: '',
      privacyLevel: postInfo.privacy_level as TiktokPrivacyLevel,
      postInfo,
      photoUrls: [],
    };
    if (source.source === 'FILE_UPLOAD') {
      const planProblem = chunkPlanProblem(source.video_size, source.chunk_size, source.total_chunk_count);
      if (planProblem) return error(400, 'invalid_param', planProblem);
      const plan = {
        videoSize: source.video_size as number,
        chunkSize: source.chunk_size as number,
        totalChunkCount: source.total_chunk_count as number,
      };
      const state = this.newPost(grant, 'v_pub_file', { ...base, source: 'FILE_UPLOAD', plan });
      return envelope(200, {
        publish_id: state.post.publishId,
        upload_url: `${this.origin}/video/?upload_id=${state.uploadId}&upload_token=${state.uploadToken}`,
      });
    }
    if (source.source === 'PULL_FROM_URL') {
      if (typeof source.video_url !== 'string') return error(400, 'invalid_param', 'source_info.video_url is required for PULL_FROM_URL.');
      if (!this.urlVerified(source.video_url)) {
        return error(403, 'url_ownership_unverified', 'The domain or URL prefix of video_url has not been verified.');
      }
      const state = this.newPost(grant, 'v_pub_url', { ...base, source: 'PULL_FROM_URL' });
      this.pull(state, [source.video_url]);
      return envelope(200, { publish_id: state.post.publishId });
    }
    return error(400, 'invalid_param', 'source_info.source must be FILE_UPLOAD or PULL_FROM_URL.');
  }

  private contentInit(grant: Grant, body: Record<string, unknown>): RawReply {
    if (body.media_type !== 'PHOTO') return error(400, 'invalid_param', 'media_type must be PHOTO.');
    if (body.post_mode !== 'DIRECT_POST' && body.post_mode !== 'MEDIA_UPLOAD')
      return error(400, 'invalid_param', 'post_mode must be DIRECT_POST or MEDIA_UPLOAD.');
    const postInfo = asRecord(body.post_info) ?? {};
    const source = asRecord(body.source_info);
    if (!source || source.source !== 'PULL_FROM_URL') return error(400, 'invalid_param', 'source_info.source must be PULL_FROM_URL for photos.');
    const images = source.photo_images;
    if (!Array.isArray(images) || images.length === 0 || images.length > 35 || !images.every((url) => typeof url === 'string')) {
      return error(400, 'invalid_param', 'source_info.photo_images must hold 1 to 35 URLs.');
    }
    const cover = source.photo_cover_index;
    if (typeof cover !== 'number' || !Number.isInteger(cover) || cover < 0 || cover >= images.length) {
      return error(400, 'invalid_param', 'source_info.photo_cover_index must index one of photo_images.');
    }
    if (typeof postInfo.description === 'string' && postInfo.description.length > 4000) {
      return error(400, 'invalid_param', 'post_info.description may hold at most 4000 characters.');
    }
    if (body.post_mode === 'DIRECT_POST') {
      const problem = this.postInfoProblem(grant, postInfo, 90);
      if (problem) return problem;
    }
    if (!images.every((url) => this.urlVerified(url))) {
      return error(403, 'url_ownership_unverified', 'The domain or URL prefix of photo_images has not been verified.');
    }
    const state = this.newPost(grant, 'p_pub_url', {
      mediaType: 'PHOTO',
      postMode: body.post_mode,
      source: 'PULL_FROM_URL',
      title: typeof postInfo.title === 'string' ? postInfo.title : '',
      description: typeof postInfo.description === 'string' ? postInfo.description : '',
      privacyLevel: (postInfo.privacy_level as TiktokPrivacyLevel | undefined) ?? 'SELF_ONLY',
      postInfo,
      photoUrls: images as string[],
    });
    this.pull(state, images as string[]);
    return envelope(200, { publish_id: state.post.publishId });
  }

  /** TikTok downloads PULL_FROM_URL media itself, in the background. */
  private pull(state: PostState, urls: string[]): void {
    const task = (async () => {
      const files: Buffer[] = [];
      for (const url of urls) {
        let bytes: Buffer;
        try {
          const response = await fetch(url);
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          bytes = Buffer.from(await response.arrayBuffer());
        } catch {
          this.fail(state, state.post.mediaType === 'PHOTO' ? 'photo_pull_failed' : 'video_pull_failed');
          return;
        }
        state.post.downloadedBytes += bytes.length;
        files.push(bytes);
      }
      if (state.post.mediaType === 'VIDEO') {
        state.post.video = files[0];
        this.mediaIn(state, checkVideo(files[0], this.creator.maxVideoPostDurationSec));
      } else {
        this.mediaIn(state, files.map(checkPhoto).find((check) => !check.ok) ?? { ok: true });
      }
    })();
    this.pending.add(task);
    void task.finally(() => this.pending.delete(task));
  }

  private mediaIn(state: PostState, check: MediaCheck): void {
    if (!check.ok) {
      this.fail(state, check.failReason);
      return;
    }
    state.mediaInAt = Date.now();
  }

  private fail(state: PostState, failReason: string): void {
    state.post.status = 'FAILED';
    state.post.failReason = failReason;
    state.mediaInAt = undefined;
  }

  private upload(req: IncomingMessage, url: URL, raw: Buffer): RawReply {
    const state = [...this.states.values()].find((candidate) => candidate.uploadId === url.searchParams.get('upload_id'));
    if (!state || !state.post.plan) return { status: 404 };
    const { post, chunks } = state;
    const plan = state.post.plan;
    if (url.searchParams.get('upload_token') !== state.uploadToken) return { status: 403 };
    // The upload URL is valid for one hour after init.
    if (Date.now() > post.createTime * 1000 + UPLOAD_URL_TTL_MS) return { status: 403 };
    const contentType = (req.headers['content-type'] ?? '').toLowerCase();
    if (!VIDEO_CONTENT_TYPES.includes(contentType)) return { status: 400, body: 'Content-Type must be video/mp4, video/quicktime or video/webm.' };
    const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(req.headers['content-range'] ?? '');
    if (!range) return { status: 400, body: 'Content-Range must be "bytes FIRST-LAST/TOTAL".' };
    const [first, last, total] = range.slice(1).map(Number);
    if (Number(req.headers['content-length']) !== raw.length || raw.length !== last - first + 1) {
      return { status: 400, body: 'Content-Length must match the chunk and its Content-Range.' };
    }
    // Chunks go strictly in order; the chunk received last may be sent again when its answer was lost.
    const complete = post.chunksReceived === plan.totalChunkCount;
    const next = complete ? undefined : expectedChunkRange(plan, post.chunksReceived);
    const previous = post.chunksReceived > 0 ? expectedChunkRange(plan, post.chunksReceived - 1) : undefined;
    const index = next?.first === first ? post.chunksReceived : previous?.first === first ? post.chunksReceived - 1 : -1;
    const expected = index >= 0 ? expectedChunkRange(plan, index) : undefined;
    if (total !== plan.videoSize || !expected || last !== expected.last) {
      return { status: 416, headers: { 'content-range': `bytes */${plan.videoSize}` } };
    }
    if (complete) return { status: 201 };
    chunks[index] = Buffer.from(raw);
    post.chunksReceived = index + 1;
    post.uploadedBytes = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
    if (post.chunksReceived < plan.totalChunkCount) return { status: 206 };
    post.video = Buffer.concat(chunks);
    this.mediaIn(state, checkVideo(post.video, this.creator.maxVideoPostDurationSec));
    return { status: 201 };
  }

  /** Processing runs on its own clock: media checked → final state → (public posts) moderation → post id. */
  private advance(state: PostState): void {
    const post = state.post;
    const now = Date.now();
    if (state.mediaInAt !== undefined && now >= state.mediaInAt + this.processingMs) {
      state.mediaInAt = undefined;
      const outcome =
        this.outcomes.shift() ??
        (post.postMode === 'MEDIA_UPLOAD' ? { status: 'SEND_TO_USER_INBOX' as const } : { status: 'PUBLISH_COMPLETE' as const });
      if (outcome.status === 'FAILED') {
        this.fail(state, outcome.failReason);
        return;
      }
      post.status = outcome.status;
      state.completedAt = now;
    }
    // Only posts everyone can see get an id, and only after moderation.
    const moderated = state.approved || (state.completedAt !== undefined && now >= state.completedAt + this.moderationMs);
    if (post.status === 'PUBLISH_COMPLETE' && post.privacyLevel === 'PUBLIC_TO_EVERYONE' && post.postId === undefined && moderated) {
      post.postId = numericId();
    }
  }

  private status(grant: Grant, body: Record<string, unknown>): RawReply {
    const state = typeof body.publish_id === 'string' ? this.states.get(body.publish_id) : undefined;
    if (!state || state.post.openId !== grant.openId) return error(400, 'invalid_publish_id', 'The publish_id does not exist.');
    this.advance(state);
    const post = state.post;
    const data: Record<string, unknown> = { status: post.status };
    if (post.failReason !== undefined) data.fail_reason = post.failReason;
    if (post.source === 'FILE_UPLOAD') data.uploaded_bytes = post.uploadedBytes;
    else data.downloaded_bytes = post.downloadedBytes;
    // publicaly_available_post_id (sic) is a list of int64: written as bare JSON numbers, as TikTok sends them.
    const ids = post.postId === undefined ? '[]' : `[${post.postId}]`;
    const json = JSON.stringify({ ...data, publicaly_available_post_id: '__IDS__' }).replace('"__IDS__"', ids);
    return {
      status: 200,
      headers: { 'content-type': 'application/json; charset=UTF-8' },
      body: `{"data":${json},"error":${JSON.stringify({ code: 'ok', message: '', log_id: logId() })}}`,
    };
  }

  private videoList(grant: Grant, url: URL, req: IncomingMessage, raw: Buffer): RawReply {
    const fields = (url.searchParams.get('fields') ?? '').split(',').filter(Boolean);
    if (fields.length === 0) return error(400, 'invalid_params', 'The fields query parameter is required.');
    if (!isJson(req)) return error(400, 'invalid_params', 'Content-Type must be application/json.');
    let body: Record<string, unknown>;
    try {
      body = asRecord(raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'))) ?? {};
    } catch {
      return error(400, 'invalid_params', 'The request body is not JSON.');
    }
    const maxCount = body.max_count ?? 10;
    if (typeof maxCount !== 'number' || !Number.isInteger(maxCount) || maxCount < 1 || maxCount > 20) {
      return error(400, 'invalid_params', 'max_count must be between 1 and 20.');
    }
    const cursor = typeof body.cursor === 'number' ? body.cursor : Number.POSITIVE_INFINITY;
    for (const state of this.states.values()) this.advance(state);
    // The list shows the creator's published public posts, newest first; the cursor is a create_time in ms.
    const visible = this.posts
      .filter(
        (post) => post.openId === grant.openId && post.status === 'PUBLISH_COMPLETE' && post.postId !== undefined && post.createTime * 1000 < cursor,
      )
      .sort((a, b) => b.createTime - a.createTime);
    const page = visible.slice(0, maxCount);
    const all: Record<string, (post: TiktokFakePost) => unknown> = {
      id: (post) => post.postId,
      title: (post) => post.title,
      video_description: (post) => (post.mediaType === 'PHOTO' ? post.description : post.title),
      create_time: (post) => post.createTime,
      share_url: (post) => `https://www.tiktok.com/@${this.creator.username}/video/${post.postId}?utm_campaign=tt4d_open_api`,
    };
    const videos = page.map((post) => Object.fromEntries(fields.filter((field) => field in all).map((field) => [field, all[field](post)])));
    const last = page.at(-1);
    return envelope(200, { videos, cursor: last ? last.createTime * 1000 : 0, has_more: visible.length > page.length });
  }

  /** GET /v2/user/info/?fields=…: the fields asked for, of the one creator. */
  private userInfo(url: URL): RawReply {
    const known: Record<string, unknown> = {
      open_id: this.openId,
      union_id: `union-${this.openId}`,
      avatar_url: this.creator.avatarUrl,
      display_name: this.creator.nickname,
      username: this.creator.username,
    };
    const fields = (url.searchParams.get('fields') ?? '').split(',').filter(Boolean);
    if (fields.length === 0) return error(400, 'invalid_param', 'fields is required.');
    const unknown = fields.find((field) => !(field in known));
    if (unknown !== undefined) return error(400, 'invalid_param', `Unknown field ${unknown}.`);
    return envelope(200, { user: Object.fromEntries(fields.map((field) => [field, known[field]])) });
  }
}

/** Starts a fake TikTok on 127.0.0.1 with a free port. */
export function startTiktokFake(options: TiktokFakeOptions = {}): Promise<TiktokFake> {
  return new TiktokFake(options).listen();
}
