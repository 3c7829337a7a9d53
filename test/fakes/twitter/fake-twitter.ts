// A fake X API v2 that behaves as docs.x.com and platforms.md §1 describe: bearer user tokens that expire and carry
// the scopes the user granted (issued by X's fake authorization server, test/fakes/oauth/x-authorization.ts, or
// directly by addUser), weighted 280-character texts (twitter-text), duplicate refusal, per-user rate limits with
// x-rate-limit-* headers, the app-wide daily posting limit with x-app-limit-24hour-* headers, the monthly usage cap
// (usage-capped), the chunked media upload with processing states and the video length limits, and user timelines.
import { randomBytes } from 'node:crypto';
import twitterText from 'twitter-text';
import { FakeServer, type Fault, type FaultMatch, type FakeReply, type FakeRequest } from '../shared/fake-server';
import { isIsoMedia, isoDurationSec } from '../shared/iso-media';
import { RateLimitWindows } from '../shared/rate-limit-windows';

export interface FakeTweet {
  id: string;
  authorId: string;
  /** The text as X stores it: links as t.co, a t.co link for attached media. */
  text: string;
  /** The text as it was sent. */
  sentText: string;
  createdAt: number;
  inReplyTo?: string;
  mediaIds: string[];
}

export interface FakeMedia {
  id: string;
  ownerId: string;
  mediaType: string;
  category: string;
  totalBytes: number;
  segments: Map<number, Buffer>;
  finalized: boolean;
  /** Set by POST /2/media/metadata. */
  altText?: string;
  state: 'pending' | 'in_progress' | 'succeeded' | 'failed';
  statusChecks: number;
  expiresAt: number;
  /** A video's length read from its movie header at processing, when it is an MP4 or MOV. */
  durationSec?: number;
  /** Why processing failed, when it did. */
  failure?: { code: number; name: string; message: string };
}

interface FakeUser {
  id: string;
  username: string;
  /** The longest video this user may post, in seconds. */
  videoMaxSec: number;
}

interface TokenInfo {
  userId: string;
  expiresAt: number;
  scopes: readonly string[];
}

/** What the app asks for when a user connects (electron/engine/accounts/oauth/providers/twitter.ts). */
export const X_APP_SCOPES: readonly string[] = ['tweet.read', 'tweet.write', 'users.read', 'offline.access', 'media.write'];

const MB = 1024 * 1024;
const WINDOW_MS = 15 * 60_000;
/** Per-user limits of the endpoints this fake serves (requests per 15 minutes). */
const LIMITS: Record<string, number> = {
  'POST /2/tweets': 100,
  'POST /2/media/upload/initialize': 1875,
  'POST /2/media/upload/append': 1875,
  'POST /2/media/upload/finalize': 1875,
  'GET /2/media/upload': 1000,
  'POST /2/media/metadata': 500,
  'GET /2/users/me': 75,
  'GET /2/users/tweets': 900,
};
/** The scopes each endpoint needs of a user's token (docs.x.com, each endpoint's OAuth 2.0 scopes). */
const SCOPES: Record<string, readonly string[]> = {
  'POST /2/tweets': ['tweet.read', 'tweet.write', 'users.read'],
  'POST /2/media/upload/initialize': ['media.write'],
  'POST /2/media/upload/append': ['media.write'],
  'POST /2/media/upload/finalize': ['media.write'],
  'GET /2/media/upload': ['media.write'],
  'POST /2/media/metadata': ['media.write'],
  'GET /2/users/me': ['tweet.read', 'users.read'],
  'GET /2/users/tweets': ['tweet.read', 'users.read'],
};
const DAY_MS = 24 * 60 * 60_000;
/** POST /2/tweets per app (all its users together) per 24 hours. */
const APP_DAILY_POSTS = 10_000;
/** Standard accounts post videos of 0.5 s to 2 min 20 s (media best practices). */
const VIDEO_MIN_SEC = 0.5;
const STANDARD_VIDEO_MAX_SEC = 140;
const CATEGORY_LIMITS: Record<string, { prefix: string; maxBytes: number }> = {
  tweet_image: { prefix: 'image/', maxBytes: 5 * MB },
  tweet_gif: { prefix: 'image/gif', maxBytes: 15 * MB },
  tweet_video: { prefix: 'video/', maxBytes: 512 * MB },
  amplify_video: { prefix: 'video/', maxBytes: 512 * MB },
};

function problem(status: number, title: string, detail: string, type = 'about:blank', extra: object = {}): FakeReply {
  return { status, headers: { 'content-type': 'application/problem+json' }, body: { title, detail, type, status, ...extra } };
}

/** The monthly usage cap's answer, as X sends it (no `status` member; the period and scope of the cap). */
function usageCapped(): FakeReply {
  return {
    status: 429,
    headers: { 'content-type': 'application/problem+json' },
    body: {
      account_id: '1880000000000000001',
      product_name: 'standard-basic',
      title: 'UsageCapExceeded',
      period: 'Monthly',
      scope: 'Product',
      detail: 'Usage cap exceeded: Monthly product cap',
      type: 'https://api.twitter.com/2/problems/usage-capped',
    },
  };
}

function invalidRequest(message: string): FakeReply {
  return problem(
    400,
    'Invalid Request',
    'One or more parameters to your request was invalid.',
    'https://api.twitter.com/2/problems/invalid-request',
    {
      errors: [{ message, parameters: {} }],
    },
  );
}

function htmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface FakeTwitterOptions {
  /** STATUS checks a video stays `in_progress` before `succeeded`. */
  processingChecks?: number;
  now?: () => number;
  /** Longest video processing accepts, in seconds; default 140, a standard app's. */
  uploadMaxVideoSec?: number;
  /** Posts per 24 hours for the whole app; default 10,000. */
  appDailyPostLimit?: number;
}

/** The time as X's processing error writes it: `2.minutes+29.seconds+350.milliseconds`. */
function xDuration(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const parts = [
    [Math.floor(ms / 60_000), 'minutes'],
    [Math.floor((ms % 60_000) / 1000), 'seconds'],
    [ms % 1000, 'milliseconds'],
  ] as const;
  return parts
    .filter(([value]) => value > 0)
    .map(([value, unit]) => `${value}.${unit}`)
    .join('+');
}

export class FakeTwitter {
  readonly tweets: FakeTweet[] = [];
  readonly media = new Map<string, FakeMedia>();
  /** STATUS checks a video or GIF stays `in_progress` before it is `succeeded`. */
  processingChecks: number;
  /** When set, the next processed media ends `failed` with this message. */
  failProcessingWith: string | undefined;
  /** False makes timeline reads answer 403 client-forbidden, as on tiers without read access. */
  readAccess = true;
  /** True when the app's monthly usage cap is used up: every call answers 429 usage-capped. */
  usageCapped = false;
  private readonly users = new Map<string, FakeUser>();
  private readonly accessTokens = new Map<string, TokenInfo>();
  private readonly limits: RateLimitWindows;
  private readonly now: () => number;
  private readonly uploadMaxVideoSec: number;
  private readonly appDailyPostLimit: number;
  private nextId = BigInt('1880000000000000000');

  private constructor(
    readonly server: FakeServer,
    options: FakeTwitterOptions,
  ) {
    this.processingChecks = options.processingChecks ?? 2;
    this.now = options.now ?? Date.now;
    this.uploadMaxVideoSec = options.uploadMaxVideoSec ?? STANDARD_VIDEO_MAX_SEC;
    this.appDailyPostLimit = options.appDailyPostLimit ?? APP_DAILY_POSTS;
    this.limits = new RateLimitWindows(this.now);
  }

  static async start(options: FakeTwitterOptions = {}): Promise<FakeTwitter> {
    const fake = new FakeTwitter(new FakeServer(), options);
    fake.routes();
    await fake.server.listen();
    return fake;
  }

  get origin(): string {
    return this.server.origin;
  }

  /** Posts as the public sees them (alias of `tweets`). */
  get posts(): FakeTweet[] {
    return this.tweets;
  }

  /**
   * Adds a user with an access token valid for `expiresInMs` (default 2 h, as X's) and granting `scopes` (default
   * all the app asks for). `videoMaxSec` is the longest video the user may post (140 s unless subscribed).
   */
  addUser(
    username: string,
    expiresInMs = 7_200_000,
    options: { scopes?: readonly string[]; videoMaxSec?: number } = {},
  ): { userId: string; accessToken: string } {
    const userId = this.newId();
    this.users.set(userId, { id: userId, username, videoMaxSec: options.videoMaxSec ?? STANDARD_VIDEO_MAX_SEC });
    return { userId, accessToken: this.grantAccessToken(userId, expiresInMs, options.scopes) };
  }

  /** A new access token for an existing user, as X's authorization server issues it, with the scopes granted. */
  grantAccessToken(userId: string, expiresInMs: number, scopes: readonly string[] = X_APP_SCOPES): string {
    const accessToken = `x-at-${randomBytes(12).toString('hex')}`;
    this.accessTokens.set(accessToken, { userId, expiresAt: this.now() + expiresInMs, scopes });
    return accessToken;
  }

  /** Uses up the app's posts for the day (all users together) until `resetAt` (epoch ms). */
  exhaustAppDailyLimit(resetAt: number): void {
    this.limits.exhaust('POST /2/tweets:app', this.appDailyPostLimit, resetAt);
  }

  /** X stops accepting a token (the grant was revoked). */
  revokeAccessToken(accessToken: string): void {
    this.accessTokens.delete(accessToken);
  }

  /** Makes an access token expired: X answers 401 to it. */
  expireToken(accessToken: string): void {
    const info = this.accessTokens.get(accessToken);
    if (info) info.expiresAt = this.now() - 1;
  }

  /** Uses up a user's window for an endpoint key (e.g. `POST /2/tweets`) until `resetAt` (epoch ms). */
  exhaustRateLimit(endpoint: keyof typeof LIMITS & string, userId: string, resetAt: number): void {
    this.limits.exhaust(`${endpoint}:${userId}`, LIMITS[endpoint], resetAt);
  }

  /** Applies a network fault to the next matching request (default: the next create). */
  failNext(fault: Fault, match: FaultMatch = { method: 'POST', path: '/2/tweets' }): void {
    this.server.injectFault(fault, match);
  }

  /** Adds a post directly, as if made earlier from another client. */
  seedTweet(userId: string, text: string, createdAt: number, inReplyTo?: string): FakeTweet {
    const tweet: FakeTweet = {
      id: this.newId(),
      authorId: userId,
      text: this.storedText(text, false),
      sentText: text,
      createdAt,
      mediaIds: [],
      ...(inReplyTo ? { inReplyTo } : {}),
    };
    this.tweets.push(tweet);
    return tweet;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private newId(): string {
    this.nextId += BigInt(1 + Math.floor(Math.random() * 1000));
    return this.nextId.toString();
  }

  private storedText(text: string, withMedia: boolean): string {
    let stored = text;
    for (const url of twitterText.extractUrlsWithIndices(text).reverse()) {
      stored = `${stored.slice(0, url.indices[0])}https://t.co/${randomBytes(5).toString('hex')}${stored.slice(url.indices[1])}`;
    }
    if (withMedia) stored = `${stored} https://t.co/${randomBytes(5).toString('hex')}`.trim();
    return htmlEscape(stored);
  }

  /**
   * The user behind a request's bearer token, or the answer: 401 for a token X does not know or that expired, 403
   * (X's bare "Forbidden", naming no scope) for a token without a scope the endpoint needs.
   */
  private authenticate(request: FakeRequest, endpoint: string): FakeUser | FakeReply {
    const match = /^Bearer (.+)$/.exec(request.header('authorization') ?? '');
    const info = match ? this.accessTokens.get(match[1]) : undefined;
    if (!info || info.expiresAt <= this.now()) return problem(401, 'Unauthorized', 'Unauthorized');
    if ((SCOPES[endpoint] ?? []).some((scope) => !info.scopes.includes(scope))) return problem(403, 'Forbidden', 'Forbidden');
    return this.users.get(info.userId) as FakeUser;
  }

  /**
   * Authenticates, counts the request against the user's window (and a post against the app's day) and adds the
   * rate-limit headers. A used-up window answers 429 with X's bare problem: only the headers say which window.
   */
  private limited(endpoint: string, handler: (request: FakeRequest, user: FakeUser) => FakeReply): (request: FakeRequest) => FakeReply {
    return (request) => {
      const user = this.authenticate(request, endpoint);
      if (!('username' in user)) return user;
      const { state, exceeded } = this.limits.hit(`${endpoint}:${user.id}`, LIMITS[endpoint], WINDOW_MS);
      const headers: Record<string, string> = {
        'x-rate-limit-limit': String(state.limit),
        'x-rate-limit-remaining': String(state.remaining),
        'x-rate-limit-reset': String(Math.ceil(state.resetAt / 1000)),
      };
      let refused = exceeded;
      if (endpoint === 'POST /2/tweets' && !exceeded) {
        const day = this.limits.hit(`${endpoint}:app`, this.appDailyPostLimit, DAY_MS);
        headers['x-app-limit-24hour-limit'] = String(day.state.limit);
        headers['x-app-limit-24hour-remaining'] = String(day.state.remaining);
        headers['x-app-limit-24hour-reset'] = String(Math.ceil(day.state.resetAt / 1000));
        refused = day.exceeded;
      }
      const reply = this.usageCapped ? usageCapped() : refused ? problem(429, 'Too Many Requests', 'Too Many Requests') : handler(request, user);
      return { ...reply, headers: { ...reply.headers, ...headers } };
    };
  }

  private routes(): void {
    this.server.route(
      'POST',
      '/2/tweets',
      this.limited('POST /2/tweets', (request, user) => this.createTweet(request, user)),
    );
    this.server.route(
      'GET',
      '/2/users/me',
      this.limited('GET /2/users/me', (request, user) => {
        const fields = (request.query.get('user.fields') ?? '').split(',');
        const picture = fields.includes('profile_image_url')
          ? { profile_image_url: `https://pbs.twimg.com/profile_images/${user.id}/normal.jpg` }
          : {};
        return { status: 200, body: { data: { id: user.id, name: user.username, username: user.username, ...picture } } };
      }),
    );
    this.server.route(
      'GET',
      '/2/users/:id/tweets',
      this.limited('GET /2/users/tweets', (request) => this.userTweets(request)),
    );
    this.server.route(
      'POST',
      '/2/media/upload/initialize',
      this.limited('POST /2/media/upload/initialize', (request, user) => this.initializeUpload(request, user)),
    );
    this.server.route(
      'POST',
      '/2/media/upload/:id/append',
      this.limited('POST /2/media/upload/append', (request, user) => this.appendUpload(request, user)),
    );
    this.server.route(
      'POST',
      '/2/media/upload/:id/finalize',
      this.limited('POST /2/media/upload/finalize', (request, user) => this.finalizeUpload(request, user)),
    );
    this.server.route(
      'GET',
      '/2/media/upload',
      this.limited('GET /2/media/upload', (request, user) => this.uploadStatus(request, user)),
    );
    this.server.route(
      'POST',
      '/2/media/metadata',
      this.limited('POST /2/media/metadata', (request, user) => this.mediaMetadata(request, user)),
    );
  }

  /** Alt text for an uploaded image, GIF or video: up to 1000 characters. */
  private mediaMetadata(request: FakeRequest, user: FakeUser): FakeReply {
    const body = request.json() as { id?: unknown; metadata?: { alt_text?: { text?: unknown } } } | undefined;
    const media = typeof body?.id === 'string' ? this.media.get(body.id) : undefined;
    if (!media || media.ownerId !== user.id) return invalidRequest('$.id: the media id is not valid.');
    const text = body?.metadata?.alt_text?.text;
    if (typeof text !== 'string' || text.length > 1000) return invalidRequest('$.metadata.alt_text.text: up to 1000 characters.');
    media.altText = text;
    return { status: 200, body: { data: { id: media.id, associated_metadata: { alt_text: { text } } } } };
  }

  private createTweet(request: FakeRequest, user: FakeUser): FakeReply {
    if (!(request.header('content-type') ?? '').startsWith('application/json')) return invalidRequest('Content-Type must be application/json.');
    const body = request.json() as { text?: unknown; media?: { media_ids?: unknown }; reply?: { in_reply_to_tweet_id?: unknown } } | undefined;
    if (typeof body !== 'object' || body === null) return invalidRequest('Request body is not valid JSON.');
    const text = typeof body.text === 'string' ? body.text : undefined;
    const mediaIds = body.media?.media_ids;
    if (mediaIds !== undefined && (!Array.isArray(mediaIds) || mediaIds.some((id) => typeof id !== 'string') || mediaIds.length === 0)) {
      return invalidRequest('$.media.media_ids: must be a non-empty array of strings.');
    }
    const ids = (mediaIds ?? []) as string[];
    if ((text === undefined || text === '') && ids.length === 0) return invalidRequest('$.text: text or media is required.');
    if (text !== undefined && !twitterText.parseTweet(text).valid && text !== '') {
      return problem(
        403,
        'Forbidden',
        'Your Tweet text is too long. For more information on how X determines text length, see https://github.com/twitter/twitter-text.',
      );
    }
    const items = ids.map((id) => this.media.get(id));
    if (items.some((item) => !item || item.ownerId !== user.id || !item.finalized || item.state !== 'succeeded' || item.expiresAt <= this.now())) {
      return invalidRequest('Your media IDs are invalid.');
    }
    const videos = items.filter((item) => item?.category !== 'tweet_image').length;
    if (ids.length > 4 || (videos > 0 && ids.length > 1)) return invalidRequest('Your media IDs are invalid: up to 4 images or 1 video or GIF.');
    // Uploads take what the app may upload; the post takes only what this user may post (platforms.md §1).
    if (items.some((item) => item?.durationSec !== undefined && item.durationSec > user.videoMaxSec)) {
      return problem(403, 'Forbidden', `You are not allowed to post a video longer than ${xDuration(user.videoMaxSec).replace(/\.|\+/g, ' ')}.`);
    }
    const replyTo = body.reply?.in_reply_to_tweet_id;
    if (replyTo !== undefined && (typeof replyTo !== 'string' || !this.tweets.some((tweet) => tweet.id === replyTo))) {
      return problem(403, 'Forbidden', 'You attempted to reply to a Tweet that is deleted or not visible to you.');
    }
    if (text && this.tweets.some((tweet) => tweet.authorId === user.id && tweet.sentText === text)) {
      return problem(403, 'Forbidden', 'You are not allowed to create a Tweet with duplicate content.');
    }
    const tweet: FakeTweet = {
      id: this.newId(),
      authorId: user.id,
      text: this.storedText(text ?? '', ids.length > 0),
      sentText: text ?? '',
      createdAt: this.now(),
      mediaIds: ids,
      ...(typeof replyTo === 'string' ? { inReplyTo: replyTo } : {}),
    };
    this.tweets.push(tweet);
    return { status: 201, body: { data: { id: tweet.id, text: tweet.text, edit_history_tweet_ids: [tweet.id] } } };
  }

  private userTweets(request: FakeRequest): FakeReply {
    if (!this.readAccess) {
      return problem(
        403,
        'Client Forbidden',
        'When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project.',
        'https://api.twitter.com/2/problems/client-forbidden',
      );
    }
    const maxResults = Number(request.query.get('max_results') ?? '10');
    if (!Number.isInteger(maxResults) || maxResults < 5 || maxResults > 100)
      return invalidRequest(`The \`max_results\` query parameter value [${maxResults}] is not between 5 and 100`);
    const startParam = request.query.get('start_time');
    const start = startParam ? Date.parse(startParam) : 0;
    if (startParam && (Number.isNaN(start) || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/.test(startParam)))
      return invalidRequest('Invalid start_time.');
    const fields = (request.query.get('tweet.fields') ?? '').split(',');
    const all = this.tweets
      .filter((tweet) => tweet.authorId === request.params.id && tweet.createdAt >= start)
      .sort((a, b) => b.createdAt - a.createdAt);
    const offset = Number(request.query.get('pagination_token') ?? '0');
    const page = all.slice(offset, offset + maxResults);
    if (page.length === 0) return { status: 200, body: { meta: { result_count: 0 } } };
    const data = page.map((tweet) => ({
      id: tweet.id,
      text: tweet.text,
      edit_history_tweet_ids: [tweet.id],
      ...(fields.includes('created_at') ? { created_at: new Date(tweet.createdAt).toISOString() } : {}),
      ...(fields.includes('referenced_tweets') && tweet.inReplyTo ? { referenced_tweets: [{ type: 'replied_to', id: tweet.inReplyTo }] } : {}),
    }));
    const next = offset + maxResults < all.length ? String(offset + maxResults) : undefined;
    return {
      status: 200,
      body: {
        data,
        meta: { result_count: data.length, newest_id: data[0].id, oldest_id: data[data.length - 1].id, ...(next ? { next_token: next } : {}) },
      },
    };
  }

  private initializeUpload(request: FakeRequest, user: FakeUser): FakeReply {
    const body = request.json() as { media_type?: unknown; total_bytes?: unknown; media_category?: unknown } | undefined;
    if (!body || typeof body.media_type !== 'string' || typeof body.total_bytes !== 'number')
      return invalidRequest('media_type and total_bytes are required.');
    const category = typeof body.media_category === 'string' ? body.media_category : 'tweet_image';
    const rule = CATEGORY_LIMITS[category];
    if (!rule) return invalidRequest(`Invalid media_category: ${category}`);
    if (!body.media_type.startsWith(rule.prefix)) return invalidRequest(`media_type ${body.media_type} does not match media_category ${category}.`);
    if (body.total_bytes <= 0 || body.total_bytes > rule.maxBytes)
      return invalidRequest(`total_bytes ${body.total_bytes} exceeds the limit for ${category}.`);
    const id = this.newId();
    this.media.set(id, {
      id,
      ownerId: user.id,
      mediaType: body.media_type,
      category,
      totalBytes: body.total_bytes,
      segments: new Map(),
      finalized: false,
      state: 'pending',
      statusChecks: 0,
      expiresAt: this.now() + 86_400_000,
    });
    return { status: 200, body: { data: { id, media_key: `${category === 'tweet_image' ? 3 : 7}_${id}`, expires_after_secs: 86_400 } } };
  }

  private ownedMedia(user: FakeUser, id: string | null | undefined): FakeMedia | FakeReply {
    const media = id ? this.media.get(id) : undefined;
    if (!media || media.ownerId !== user.id) return invalidRequest('Invalid or expired media id.');
    return media;
  }

  private appendUpload(request: FakeRequest, user: FakeUser): FakeReply {
    const media = this.ownedMedia(user, request.params.id);
    if (!('segments' in media)) return media;
    if (media.finalized) return invalidRequest('Upload already finalized.');
    let fields;
    try {
      fields = request.multipart();
    } catch {
      return invalidRequest('Append requests must be multipart/form-data.');
    }
    const index = Number(fields.find((field) => field.name === 'segment_index')?.data.toString());
    const chunk = fields.find((field) => field.name === 'media');
    if (!Number.isInteger(index) || index < 0 || index > 999) return invalidRequest('segment_index must be an integer from 0 to 999.');
    if (!chunk || chunk.data.length === 0) return invalidRequest('media is required.');
    if (chunk.data.length > 5 * MB) return invalidRequest('Segment is larger than 5 MB.');
    media.segments.set(index, Buffer.from(chunk.data));
    return { status: 200, body: { data: { expires_at: Math.floor(media.expiresAt / 1000) } } };
  }

  private finalizeUpload(request: FakeRequest, user: FakeUser): FakeReply {
    const media = this.ownedMedia(user, request.params.id);
    if (!('segments' in media)) return media;
    const indexes = [...media.segments.keys()].sort((a, b) => a - b);
    const size = indexes.reduce((sum, index) => sum + (media.segments.get(index) as Buffer).length, 0);
    if (indexes.some((index, position) => index !== position)) return invalidRequest('Segments are missing.');
    if (size !== media.totalBytes) return invalidRequest(`File size mismatch: received ${size} of ${media.totalBytes} bytes.`);
    media.finalized = true;
    const base = {
      id: media.id,
      media_key: `${media.category === 'tweet_image' ? 3 : 7}_${media.id}`,
      size,
      expires_after_secs: Math.floor((media.expiresAt - this.now()) / 1000),
    };
    if (media.category === 'tweet_image') {
      media.state = 'succeeded';
      return { status: 200, body: { data: base } };
    }
    return { status: 200, body: { data: { ...base, processing_info: { state: 'pending', check_after_secs: 1 } } } };
  }

  /**
   * What processing finds wrong with a video: a length outside 0.5 s to the app's limit, read from the movie header
   * (X's UnsupportedMedia error, code 3). Bytes that are no MP4 or MOV (the generated bytes most tests send) are not
   * judged by length.
   */
  private judgeVideo(media: FakeMedia): FakeMedia['failure'] {
    if (media.category === 'tweet_image' || media.category === 'tweet_gif') return undefined;
    const bytes = Buffer.concat([...media.segments.keys()].sort((a, b) => a - b).map((index) => media.segments.get(index) as Buffer));
    const seconds = isIsoMedia(bytes) ? isoDurationSec(bytes) : undefined;
    if (seconds === undefined) return undefined;
    media.durationSec = seconds;
    if (seconds > this.uploadMaxVideoSec) {
      return {
        code: 3,
        name: 'UnsupportedMedia',
        message: `Duration ${xDuration(seconds)} exceeds max duration of ${xDuration(this.uploadMaxVideoSec)}`,
      };
    }
    if (seconds < VIDEO_MIN_SEC) {
      return {
        code: 3,
        name: 'UnsupportedMedia',
        message: `Duration ${xDuration(seconds)} is shorter than min duration of ${xDuration(VIDEO_MIN_SEC)}`,
      };
    }
    return undefined;
  }

  private uploadStatus(request: FakeRequest, user: FakeUser): FakeReply {
    if (request.query.get('command') !== 'STATUS') return invalidRequest('command must be STATUS.');
    const media = this.ownedMedia(user, request.query.get('media_id'));
    if (!('segments' in media)) return media;
    if (!media.finalized) return invalidRequest('Media is not finalized.');
    if (media.state === 'pending' || media.state === 'in_progress') {
      media.statusChecks += 1;
      if (media.statusChecks > this.processingChecks) {
        media.failure =
          this.failProcessingWith !== undefined ? { code: 1, name: 'InvalidMedia', message: this.failProcessingWith } : this.judgeVideo(media);
        media.state = media.failure ? 'failed' : 'succeeded';
      } else {
        media.state = 'in_progress';
      }
    }
    const info =
      media.state === 'failed'
        ? { state: 'failed', progress_percent: 100, error: media.failure }
        : media.state === 'succeeded'
          ? { state: 'succeeded', progress_percent: 100 }
          : { state: media.state, check_after_secs: 1, progress_percent: Math.round((media.statusChecks / (this.processingChecks + 1)) * 100) };
    return { status: 200, body: { data: { id: media.id, media_key: `7_${media.id}`, processing_info: info } } };
  }
}
