// A fake LinkedIn REST API as learn.microsoft.com and platforms.md §4 describe it: versioned calls (LinkedIn-Version,
// X-Restli-Protocol-Version 2.0.0), POST /rest/posts with the post URN in x-restli-id, the Images and Videos upload
// flows (byte ranges, ETags, finalize, processing states), 422 DUPLICATE_POST naming the existing post, a daily
// member limit answered with a bare 429, expiring tokens (issued by LinkedIn's fake authorization server,
// test/fakes/oauth/linkedin-authorization.ts, or by addMember) and the OpenID Connect userinfo of the member.
import { createHash, randomBytes } from 'node:crypto';
import { FakeServer, type Fault, type FaultMatch, type FakeReply, type FakeRequest } from '../shared/fake-server';
import { renderLittleText } from './little-text';

export interface FakeLinkedInPost {
  urn: string;
  author: string;
  /** The commentary exactly as sent. */
  commentary: string;
  /** What readers see after LinkedIn parsed the little text format. */
  publishedText: string;
  content: unknown;
  createdAt: number;
}

export interface FakeAsset {
  urn: string;
  owner: string;
  kind: 'image' | 'video' | 'document';
  size: number;
  /** Image bytes, or video parts by index. */
  parts: Map<number, Buffer>;
  instructions: { firstByte: number; lastByte: number; etag?: string }[];
  status: 'WAITING_UPLOAD' | 'PROCESSING' | 'AVAILABLE' | 'PROCESSING_FAILED';
  statusChecks: number;
}

interface TokenInfo {
  member: string;
  expiresAt: number;
}

const PART_BYTES = 4 * 1024 * 1024;
const COMMENTARY_LIMIT = 3000;
const REQUIRED_FIELDS = ['author', 'commentary', 'visibility', 'distribution', 'lifecycleState'] as const;
const KNOWN_FIELDS = new Set([
  ...REQUIRED_FIELDS,
  'content',
  'isReshareDisabledByAuthor',
  'contentLandingPage',
  'adContext',
  'reshareContext',
  'contentCallToActionLabel',
]);

function error(status: number, message: string, code?: string, extra: object = {}): FakeReply {
  return { status, body: { status, message, ...(code ? { code } : {}), ...extra } };
}

export interface FakeLinkedInOptions {
  /** API versions the fake accepts (YYYYMM). */
  activeVersions?: string[];
  /** Status checks a video stays PROCESSING. */
  processingChecks?: number;
  /** Posts per member per day before 429. */
  dailyPostLimit?: number;
  now?: () => number;
}

export class FakeLinkedIn {
  readonly posts: FakeLinkedInPost[] = [];
  readonly assets = new Map<string, FakeAsset>();
  processingChecks: number;
  /** When true, finalized videos end PROCESSING_FAILED. */
  failProcessing = false;
  /** False makes GET /rest/posts answer 403, as for members without the restricted read scope. */
  readAccess = true;
  private readonly activeVersions: Set<string>;
  private readonly accessTokens = new Map<string, TokenInfo>();
  private readonly dailyPosts = new Map<string, number>();
  private readonly dailyPostLimit: number;
  private readonly now: () => number;
  private nextId = 7_300_000_000_000_000_000n;

  private constructor(
    readonly server: FakeServer,
    options: FakeLinkedInOptions,
  ) {
    this.activeVersions = new Set(options.activeVersions ?? ['202603', '202604', '202605', '202606', '202607', '202608']);
    this.processingChecks = options.processingChecks ?? 2;
    this.dailyPostLimit = options.dailyPostLimit ?? 150;
    this.now = options.now ?? Date.now;
  }

  static async start(options: FakeLinkedInOptions = {}): Promise<FakeLinkedIn> {
    const fake = new FakeLinkedIn(new FakeServer(), options);
    fake.routes();
    await fake.server.listen();
    return fake;
  }

  get origin(): string {
    return this.server.origin;
  }

  /** A member (`urn:li:person:…`) with an access token that lives `expiresInMs` (default 60 days). */
  addMember(expiresInMs = 60 * 86_400_000): { member: string; accessToken: string } {
    const member = `urn:li:person:${randomBytes(5).toString('hex')}`;
    return { member, accessToken: this.grantAccessToken(member, expiresInMs) };
  }

  /** A new access token for a member, as LinkedIn's authorization server issues it. */
  grantAccessToken(member: string, expiresInMs: number): string {
    return this.issueAccessToken(member, expiresInMs);
  }

  /** LinkedIn stops accepting a token. */
  revokeAccessToken(accessToken: string): void {
    this.accessTokens.delete(accessToken);
  }

  expireToken(accessToken: string): void {
    const info = this.accessTokens.get(accessToken);
    if (info) info.expiresAt = this.now() - 1;
  }

  /** Uses up the member's daily post limit. */
  exhaustDailyLimit(member: string): void {
    this.dailyPosts.set(member, this.dailyPostLimit);
  }

  /** Adds a post directly, as if made earlier. */
  seedPost(author: string, commentary: string, createdAt: number): FakeLinkedInPost {
    const post = {
      urn: `urn:li:share:${this.newId()}`,
      author,
      commentary,
      publishedText: renderLittleText(commentary),
      content: undefined,
      createdAt,
    };
    this.posts.push(post);
    return post;
  }

  /** Applies a network fault to the next matching request (default: the next create). */
  failNext(fault: Fault, match: FaultMatch = { method: 'POST', path: '/rest/posts' }): void {
    this.server.injectFault(fault, match);
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private newId(): string {
    this.nextId += BigInt(1 + Math.floor(Math.random() * 1000));
    return this.nextId.toString();
  }

  private issueAccessToken(member: string, expiresInMs: number): string {
    const token = `li-at-${randomBytes(12).toString('hex')}`;
    this.accessTokens.set(token, { member, expiresAt: this.now() + expiresInMs });
    return token;
  }

  private bearer(request: FakeRequest): string | FakeReply {
    const token = /^Bearer (.+)$/.exec(request.header('authorization') ?? '')?.[1];
    const info = token ? this.accessTokens.get(token) : undefined;
    if (!info) return error(401, 'Invalid access token', 'INVALID_ACCESS_TOKEN', { serviceErrorCode: 65600 });
    if (info.expiresAt <= this.now())
      return error(401, 'The token used in the request has expired', 'EXPIRED_ACCESS_TOKEN', { serviceErrorCode: 65601 });
    return info.member;
  }

  /** Checks token and version headers, then runs the handler with the member URN. */
  private rest(handler: (request: FakeRequest, member: string) => FakeReply): (request: FakeRequest) => FakeReply {
    return (request) => {
      const member = this.bearer(request);
      if (typeof member !== 'string') return member;
      const version = request.header('linkedin-version');
      if (!version)
        return error(400, 'A version must be present. Please specify a version by adding the LinkedIn-Version header.', 'VERSION_MISSING');
      if (!this.activeVersions.has(version)) return error(426, `Requested version ${version} is not active`, 'NONEXISTENT_VERSION');
      if (request.header('x-restli-protocol-version') !== '2.0.0')
        return error(400, 'Rest.li protocol version 2.0.0 is required (X-Restli-Protocol-Version).', 'ILLEGAL_ARGUMENT');
      return handler(request, member);
    };
  }

  private routes(): void {
    this.server.route(
      'POST',
      '/rest/posts',
      this.rest((request, member) => this.createPost(request, member)),
    );
    this.server.route(
      'GET',
      '/rest/posts',
      this.rest((request, member) => this.listPosts(request, member)),
    );
    this.server.route(
      'POST',
      '/rest/images',
      this.rest((request, member) => this.initializeImage(request, member)),
    );
    this.server.route(
      'POST',
      '/rest/videos',
      this.rest((request, member) => this.videoAction(request, member)),
    );
    this.server.route(
      'GET',
      '/rest/videos/:urn',
      this.rest((request, member) => this.getVideo(request, member)),
    );
    this.server.route(
      'POST',
      '/rest/documents',
      this.rest((request, member) => this.initializeDocument(request, member)),
    );
    this.server.route('PUT', '/dms-uploads/image/:id', (request) => this.putImage(request));
    this.server.route('PUT', '/dms-uploads/document/:id', (request) => this.putDocument(request));
    this.server.route('PUT', '/dms-uploads/video/:id/part/:part', (request) => this.putVideoPart(request));
    this.server.route('GET', '/v2/userinfo', (request) => this.userinfo(request));
  }

  private createPost(request: FakeRequest, member: string): FakeReply {
    const body = request.json() as Record<string, unknown> | undefined;
    if (typeof body !== 'object' || body === null) return error(400, 'Request body could not be converted to data map', 'ILLEGAL_ARGUMENT');
    const problems = [
      ...Object.keys(body)
        .filter((key) => !KNOWN_FIELDS.has(key))
        .map((key) => `ERROR :: /${key} :: unrecognized field found but not allowed`),
      ...REQUIRED_FIELDS.filter((key) => body[key] === undefined).map(
        (key) => `ERROR :: /${key} :: field is required but not found and has no default value`,
      ),
    ];
    if (problems.length > 0) return error(422, `${problems.join('\n')}\n`);
    if (body.author !== member) return error(403, `Not enough permissions to post as ${String(body.author)}`, 'ACCESS_DENIED');
    const commentary = String(body.commentary);
    if (commentary.length > COMMENTARY_LIMIT) {
      return error(
        400,
        `ShareCommentary text length (${commentary.length} characters) exceeded the maximum allowed (${COMMENTARY_LIMIT} characters)`,
        'INVALID_FIELD_VALUE',
      );
    }
    const distribution = body.distribution as { feedDistribution?: unknown } | undefined;
    if (distribution?.feedDistribution !== 'MAIN_FEED' && distribution?.feedDistribution !== 'NONE')
      return error(422, 'ERROR :: /distribution/feedDistribution :: invalid value');
    const contentProblem = this.checkContent(body.content, member);
    if (contentProblem) return contentProblem;
    const posted = this.dailyPosts.get(member) ?? 0;
    if (posted >= this.dailyPostLimit) return error(429, 'Resource level throttle DAY limit for calls to this resource is reached.');
    const duplicate = this.posts.find((post) => post.author === member && post.commentary === commentary && commentary.trim() !== '');
    if (duplicate) {
      return error(422, `Content is a duplicate of ${duplicate.urn}`, 'DUPLICATE_POST', {
        errorDetailType: 'com.linkedin.common.error.BadRequest',
        errorDetails: { inputErrors: [{ description: 'Duplicate post is detected', input: {}, code: 'DUPLICATE_POST' }] },
      });
    }
    this.dailyPosts.set(member, posted + 1);
    const post: FakeLinkedInPost = {
      urn: `urn:li:share:${this.newId()}`,
      author: member,
      commentary,
      publishedText: renderLittleText(commentary),
      content: body.content,
      createdAt: this.now(),
    };
    this.posts.push(post);
    return { status: 201, headers: { 'x-restli-id': post.urn, 'x-linkedin-id': post.urn } };
  }

  private checkContent(content: unknown, member: string): FakeReply | undefined {
    if (content === undefined) return undefined;
    const value = content as {
      media?: { id?: string; title?: string };
      multiImage?: { images?: { id?: string }[] };
      article?: { source?: string; title?: string };
    };
    if (value.media?.id?.startsWith('urn:li:document:') && !value.media.title)
      return error(422, 'ERROR :: /content/media/title :: a document post needs a title');
    const ids = value.media ? [value.media.id] : value.multiImage ? (value.multiImage.images ?? []).map((image) => image.id) : [];
    if (value.multiImage && (ids.length < 2 || ids.length > 20))
      return error(422, 'ERROR :: /content/multiImage/images :: a multi-image post holds 2 to 20 images');
    if (value.article && (!value.article.source || !value.article.title))
      return error(422, 'ERROR :: /content/article :: source and title are required');
    for (const id of ids) {
      const asset = id ? this.assets.get(id) : undefined;
      if (!asset || asset.owner !== member) return error(422, `ERROR :: /content :: media ${String(id)} not found for this author`);
      if (value.multiImage && asset.kind !== 'image') return error(422, 'ERROR :: /content/multiImage :: only images are allowed');
      if (asset.status !== 'AVAILABLE') return error(422, `ERROR :: /content :: media ${asset.urn} is not AVAILABLE (${asset.status})`);
    }
    return undefined;
  }

  private listPosts(request: FakeRequest, member: string): FakeReply {
    if (request.query.get('q') !== 'author') return error(400, 'Unsupported finder', 'ILLEGAL_ARGUMENT');
    if (!this.readAccess)
      return error(403, 'Not enough permissions to access: partnerApiPostsExternal.FINDER-author.20260501', 'ACCESS_DENIED', {
        serviceErrorCode: 100,
      });
    const author = request.query.get('author');
    if (author !== member) return error(403, `Not enough permissions to read posts of ${String(author)}`, 'ACCESS_DENIED');
    const count = Number(request.query.get('count') ?? '10');
    const elements = this.posts
      .filter((post) => post.author === author)
      .sort((a, b) => b.createdAt - a.createdAt)
      .slice(0, count)
      .map((post) => ({
        id: post.urn,
        author: post.author,
        commentary: post.commentary,
        createdAt: post.createdAt,
        publishedAt: post.createdAt,
        lastModifiedAt: post.createdAt,
        lifecycleState: 'PUBLISHED',
        visibility: 'PUBLIC',
        distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
      }));
    return { status: 200, body: { elements, paging: { start: 0, count, links: [], total: elements.length } } };
  }

  private initializeImage(request: FakeRequest, member: string): FakeReply {
    if (request.query.get('action') !== 'initializeUpload') return error(400, 'Unsupported action', 'ILLEGAL_ARGUMENT');
    const owner = (request.json() as { initializeUploadRequest?: { owner?: string } } | undefined)?.initializeUploadRequest?.owner;
    if (!owner) return error(422, 'ERROR :: /initializeUploadRequest/owner :: field is required but not found and has no default value');
    if (owner !== member) return error(403, `Not enough permissions to upload for ${owner}`, 'ACCESS_DENIED');
    const id = `D4E10AQ${randomBytes(6).toString('hex')}`;
    const urn = `urn:li:image:${id}`;
    this.assets.set(urn, { urn, owner, kind: 'image', size: 0, parts: new Map(), instructions: [], status: 'WAITING_UPLOAD', statusChecks: 0 });
    return {
      status: 200,
      body: { value: { uploadUrlExpiresAt: this.now() + 86_400_000, uploadUrl: `${this.origin}/dms-uploads/image/${id}`, image: urn } },
    };
  }

  private putImage(request: FakeRequest): FakeReply {
    const member = this.bearer(request);
    if (typeof member !== 'string') return member;
    const asset = this.assets.get(`urn:li:image:${request.params.id}`);
    if (!asset || asset.owner !== member) return error(404, 'Upload not found');
    if (request.body.length === 0) return error(400, 'Empty upload');
    asset.parts.set(0, Buffer.from(request.body));
    asset.size = request.body.length;
    asset.status = 'AVAILABLE';
    return { status: 201 };
  }

  /** Documents API: initialize, then one PUT of the file (PDF, PPT(X), DOC(X), up to 100 MB). */
  private initializeDocument(request: FakeRequest, member: string): FakeReply {
    if (request.query.get('action') !== 'initializeUpload') return error(400, 'Unsupported action', 'ILLEGAL_ARGUMENT');
    const owner = (request.json() as { initializeUploadRequest?: { owner?: string } } | undefined)?.initializeUploadRequest?.owner;
    if (!owner) return error(422, 'ERROR :: /initializeUploadRequest/owner :: field is required but not found and has no default value');
    if (owner !== member) return error(403, `Not enough permissions to upload for ${owner}`, 'ACCESS_DENIED');
    const id = `D4D10AQ${randomBytes(6).toString('hex')}`;
    const urn = `urn:li:document:${id}`;
    this.assets.set(urn, { urn, owner, kind: 'document', size: 0, parts: new Map(), instructions: [], status: 'WAITING_UPLOAD', statusChecks: 0 });
    return {
      status: 200,
      body: { value: { uploadUrlExpiresAt: this.now() + 86_400_000, uploadUrl: `${this.origin}/dms-uploads/document/${id}`, document: urn } },
    };
  }

  private putDocument(request: FakeRequest): FakeReply {
    const member = this.bearer(request);
    if (typeof member !== 'string') return member;
    const asset = this.assets.get(`urn:li:document:${request.params.id}`);
    if (!asset || asset.owner !== member) return error(404, 'Upload not found');
    if (request.body.length === 0 || request.body.length > 100 * 1024 * 1024) return error(400, 'A document must be 1 byte to 100 MB');
    asset.parts.set(0, Buffer.from(request.body));
    asset.size = request.body.length;
    asset.status = 'AVAILABLE';
    return { status: 201 };
  }

  private videoAction(request: FakeRequest, member: string): FakeReply {
    const action = request.query.get('action');
    if (action === 'initializeUpload') return this.initializeVideo(request, member);
    if (action === 'finalizeUpload') return this.finalizeVideo(request, member);
    return error(400, 'Unsupported action', 'ILLEGAL_ARGUMENT');
  }

  private initializeVideo(request: FakeRequest, member: string): FakeReply {
    const init = (request.json() as { initializeUploadRequest?: { owner?: string; fileSizeBytes?: number } } | undefined)?.initializeUploadRequest;
    if (!init?.owner || typeof init.fileSizeBytes !== 'number')
      return error(422, 'ERROR :: /initializeUploadRequest :: owner and fileSizeBytes are required');
    if (init.owner !== member) return error(403, `Not enough permissions to upload for ${init.owner}`, 'ACCESS_DENIED');
    if (init.fileSizeBytes <= 0 || init.fileSizeBytes > 500 * 1024 * 1024) return error(400, 'fileSizeBytes is out of range', 'INVALID_FIELD_VALUE');
    const id = `D5610AQ${randomBytes(6).toString('hex')}`;
    const urn = `urn:li:video:${id}`;
    const instructions: FakeAsset['instructions'] = [];
    for (let first = 0; first < init.fileSizeBytes; first += PART_BYTES)
      instructions.push({ firstByte: first, lastByte: Math.min(first + PART_BYTES, init.fileSizeBytes) - 1 });
    this.assets.set(urn, {
      urn,
      owner: member,
      kind: 'video',
      size: init.fileSizeBytes,
      parts: new Map(),
      instructions,
      status: 'WAITING_UPLOAD',
      statusChecks: 0,
    });
    return {
      status: 200,
      body: {
        value: {
          uploadUrlsExpireAt: this.now() + 86_400_000,
          video: urn,
          uploadInstructions: instructions.map((part, index) => ({
            uploadUrl: `${this.origin}/dms-uploads/video/${id}/part/${index}`,
            firstByte: part.firstByte,
            lastByte: part.lastByte,
          })),
          uploadToken: '',
        },
      },
    };
  }

  private putVideoPart(request: FakeRequest): FakeReply {
    const asset = this.assets.get(`urn:li:video:${request.params.id}`);
    const index = Number(request.params.part);
    const part = asset?.instructions[index];
    if (!asset || !part) return error(404, 'Upload not found');
    if (request.body.length !== part.lastByte - part.firstByte + 1)
      return error(400, `Part ${index} must be ${part.lastByte - part.firstByte + 1} bytes`);
    asset.parts.set(index, Buffer.from(request.body));
    part.etag = `/ETag-${createHash('sha1').update(request.body).digest('hex').slice(0, 16)}`;
    return { status: 200, headers: { etag: part.etag } };
  }

  private finalizeVideo(request: FakeRequest, member: string): FakeReply {
    const finalize = (request.json() as { finalizeUploadRequest?: { video?: string; uploadToken?: string; uploadedPartIds?: string[] } } | undefined)
      ?.finalizeUploadRequest;
    const asset = finalize?.video ? this.assets.get(finalize.video) : undefined;
    if (!finalize || !asset || asset.owner !== member) return error(404, 'Video not found');
    if (typeof finalize.uploadToken !== 'string') return error(422, 'ERROR :: /finalizeUploadRequest/uploadToken :: field is required');
    const expected = asset.instructions.map((part) => part.etag);
    if (expected.some((etag) => etag === undefined)) return error(400, 'Not all parts were uploaded', 'INVALID_FIELD_VALUE');
    if (JSON.stringify(expected) !== JSON.stringify(finalize.uploadedPartIds))
      return error(400, 'uploadedPartIds do not match the uploaded parts', 'INVALID_FIELD_VALUE');
    asset.status = 'PROCESSING';
    return { status: 200 };
  }

  private getVideo(request: FakeRequest, member: string): FakeReply {
    const asset = this.assets.get(request.params.urn);
    if (!asset || asset.owner !== member) return error(404, `Video ${request.params.urn} not found`);
    if (asset.status === 'PROCESSING') {
      asset.statusChecks += 1;
      if (asset.statusChecks > this.processingChecks) asset.status = this.failProcessing ? 'PROCESSING_FAILED' : 'AVAILABLE';
    }
    return {
      status: 200,
      body: {
        id: asset.urn,
        owner: asset.owner,
        status: asset.status,
        ...(asset.status === 'PROCESSING_FAILED' ? { processingFailureReason: 'Video encoding not supported' } : {}),
      },
    };
  }

  /** OpenID Connect userinfo (scopes openid profile): the member's id as `sub`, a name and a picture. */
  private userinfo(request: FakeRequest): FakeReply {
    const member = this.bearer(request);
    if (typeof member !== 'string') return member;
    const id = member.slice('urn:li:person:'.length);
    return {
      status: 200,
      body: { sub: id, name: `Member ${id}`, given_name: 'Member', family_name: id, picture: `https://media.licdn.com/${id}.jpg` },
    };
  }
}
