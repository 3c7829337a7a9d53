// A fake of the Facebook Pages Graph API as Meta documents it: feed posts (text, link, attached unpublished photos),
// photos by URL (published or not), videos by file_url (graph-video host: same paths), object reads with field
// selection, the Page feed with since/until and cursor paging, the duplicate-post refusal (506), Page tokens checked
// against the Page, throttles with usage headers, and the shared faults.
import { fetchMedia } from '../graph/fetch-media';
import {
  GraphHttpError,
  graphTime,
  invalidParameter,
  isTrue,
  paginate,
  parseGraphTime,
  selectFields,
  unsupportedRequest,
  type GraphCall,
  type GraphReply,
} from '../graph/graph-fake';
import { GraphPlatformFake } from '../graph/graph-platform-fake';

export interface FakeFacebookPost {
  id: string;
  pageId: string;
  message?: string;
  link?: string;
  createdAt: number;
  statusType: 'mobile_status_update' | 'shared_story' | 'added_photos' | 'added_video';
  /** Photos shown in the post (one for a photo post, several for a multi-photo post). */
  photoIds: string[];
  videoId?: string;
}

export interface FakeFacebookPhoto {
  id: string;
  pageId: string;
  /** The link it was fetched from, or `upload:<filename>` for a file sent as `source`. */
  url: string;
  /** Bytes of an uploaded file. */
  size?: number;
  altText?: string;
  caption?: string;
  published: boolean;
  /** The feed post showing the photo, once it is published or attached. */
  postId?: string;
  createdAt: number;
}

export interface FakeFacebookVideo {
  id: string;
  pageId: string;
  /** The link it was fetched from, or `upload:<session id>` for a file sent in chunks. */
  fileUrl: string;
  title?: string;
  description?: string;
  /** The feed post showing the video, made once processing is done (read as `ready`); none when it failed. */
  postId?: string;
  createdAt: number;
  /** Reads of the video that still report `processing`. */
  readsUntilReady: number;
  /** Processing failed: the video never goes live. */
  failed: boolean;
}

export interface FacebookFakeOptions {
  now?: () => number;
  /** Reads of a new video that report `processing` before `ready`; default 1. */
  videoReadsUntilReady?: number;
}

interface FakePage {
  id: string;
  name: string;
}

const POST_FIELDS = ['id', 'message', 'created_time', 'permalink_url', 'attachments', 'status_type', 'is_published', 'from'] as const;
const PHOTO_FIELDS = ['id', 'name', 'created_time', 'link', 'page_story_id', 'from'] as const;
const VIDEO_FIELDS = ['id', 'title', 'description', 'created_time', 'updated_time', 'permalink_url', 'status', 'from'] as const;
const PAGE_FIELDS = ['id', 'name', 'link'] as const;

/** A chunked video upload in progress. */
export interface FakeVideoUpload {
  sessionId: string;
  videoId: string;
  pageId: string;
  size: number;
  /** Ranges received, in order of their start. */
  received: { start: number; data: Buffer }[];
}

/** The byte range the fake asks for in each transfer. */
const VIDEO_CHUNK_BYTES = 4 * 1024 * 1024;

function receivedBytes(upload: FakeVideoUpload): number {
  const last = upload.received.at(-1);
  return last ? last.start + last.data.length : 0;
}

export class FacebookFake extends GraphPlatformFake {
  readonly pages = new Map<string, FakePage>();
  /** Every feed post, oldest first. */
  readonly posts: FakeFacebookPost[] = [];
  readonly photos = new Map<string, FakeFacebookPhoto>();
  readonly videos = new Map<string, FakeFacebookVideo>();
  /** Chunked video uploads (upload_phase start/transfer/finish) by upload session id. */
  readonly uploadSessions = new Map<string, FakeVideoUpload>();
  private nextId = 1_000_001;
  private nextVideoFails = false;

  private constructor(private readonly options: FacebookFakeOptions) {
    super({ useCaseType: 'pages', throttleCode: 32, throttleMessage: '(#32) Page request limit reached' }, options.now);
  }

  static start(options: FacebookFakeOptions = {}): Promise<FacebookFake> {
    return new FacebookFake(options).listening();
  }

  /** A Page and the Page access token that may post to it. */
  addPage(pageId: string, token: string, name = `Page ${pageId}`): void {
    this.pages.set(pageId, { id: pageId, name });
    this.graph.grantToken(token, pageId);
  }

  /** Page-level throttle (code 32) for `minutes`, announced in X-Business-Use-Case-Usage. */
  throttlePage(pageId: string, minutes: number): void {
    this.graph.throttle(pageId, minutes);
  }

  /** App-level throttle (code 4); only X-App-Usage says so, without an estimate. */
  throttleApp(minutes: number): void {
    this.graph.throttleApp(minutes);
  }

  /** The next video Facebook accepts fails processing (`status.video_status` becomes `error`). */
  failNextVideoProcessing(): void {
    this.nextVideoFails = true;
  }

  /** Adds a post as if made on facebook.com (not through the API), e.g. to test matching. */
  addExistingPost(pageId: string, message: string, createdAt = this.graph.now()): FakeFacebookPost {
    return this.createPost({ pageId, message, statusType: 'mobile_status_update', photoIds: [], createdAt });
  }

  /** The Page's feed, newest first. */
  feedOf(pageId: string): FakeFacebookPost[] {
    return this.posts.filter((post) => post.pageId === pageId).reverse();
  }

  private newId(): string {
    const id = String(this.nextId);
    this.nextId += 1;
    return id;
  }

  private createPost(post: Omit<FakeFacebookPost, 'id' | 'createdAt'> & { createdAt?: number }): FakeFacebookPost {
    const created: FakeFacebookPost = { ...post, id: `${post.pageId}_${this.newId()}`, createdAt: post.createdAt ?? this.graph.now() };
    this.posts.push(created);
    return created;
  }

  protected async route(call: GraphCall): Promise<GraphReply> {
    const { method, segments } = call;
    if (segments.length === 1) {
      if (method === 'GET') return { body: this.readObject(call, segments[0]) };
      throw unsupportedRequest(method, segments[0]);
    }
    if (segments.length === 2) {
      const [pageId, edge] = segments;
      if (method === 'POST') {
        this.requirePageForPosting(call, pageId);
        if (edge === 'feed') return { body: this.createFeedPost(call, pageId) };
        if (edge === 'photos') return { body: await this.createPhoto(call, pageId) };
        if (edge === 'videos') return { body: await this.createVideo(call, pageId) };
      } else if (edge === 'feed' || edge === 'posts' || edge === 'published_posts') {
        this.requirePageForReading(call, pageId);
        return { body: this.listFeed(call, pageId) };
      } else if (edge === 'videos') {
        this.requirePageForReading(call, pageId);
        return { body: this.listVideos(call, pageId) };
      }
    }
    throw invalidParameter('Unknown path components: /' + segments.slice(1).join('/'));
  }

  private requirePageForPosting(call: GraphCall, pageId: string): void {
    if (!this.pages.has(pageId)) throw unsupportedRequest('post', pageId);
    if (call.token.subject !== pageId) {
      throw new GraphHttpError(403, {
        message:
          '(#200) If posting to a page, requires both pages_read_engagement and pages_manage_posts as an admin with sufficient administrative permission',
        code: 200,
      });
    }
  }

  private requirePageForReading(call: GraphCall, pageId: string): void {
    if (!this.pages.has(pageId) || call.token.subject !== pageId) throw unsupportedRequest('get', pageId);
  }

  private createFeedPost(call: GraphCall, pageId: string): { id: string } {
    const { params } = call;
    const message = params.message;
    const link = params.link;
    if (link !== undefined && !/^https?:\/\/[^\s/]+\.[^\s]+$/.test(link)) throw invalidParameter('The link you entered is not a valid URL.');
    const photoIds = this.attachedPhotos(params, pageId);
    if ((message === undefined || message === '') && link === undefined && photoIds.length === 0) {
      throw invalidParameter('Missing message or attachment');
    }
    if (params.published !== undefined && !isTrue(params.published)) throw invalidParameter('Unpublished feed posts are not supported by this fake');
    const previous = this.feedOf(pageId)[0];
    if (photoIds.length === 0 && message && previous && previous.message === message && previous.link === link) {
      throw new GraphHttpError(400, {
        message: 'Duplicate status message',
        code: 506,
        error_subcode: 1455006,
        error_user_title: 'Duplicate Status Update',
        error_user_msg:
          'This status update is identical to the last one you posted. Try posting something different, or delete your previous update.',
      });
    }
    const post = this.createPost({
      pageId,
      ...(message ? { message } : {}),
      ...(link ? { link } : {}),
      statusType: photoIds.length > 0 ? 'added_photos' : link ? 'shared_story' : 'mobile_status_update',
      photoIds,
    });
    for (const photoId of photoIds) (this.photos.get(photoId) as FakeFacebookPhoto).postId = post.id;
    return { id: post.id };
  }

  /** `attached_media[0]={"media_fbid":"…"}`, … (or one JSON array): unpublished photos of this Page, each used once. */
  private attachedPhotos(params: Record<string, string>, pageId: string): string[] {
    const entries: { name: string; value: unknown }[] = [];
    const parse = (name: string, text: string): unknown => {
      try {
        return JSON.parse(text);
      } catch {
        throw invalidParameter(`param ${name} must be a JSON object`);
      }
    };
    if (params.attached_media !== undefined) {
      const list = parse('attached_media', params.attached_media);
      if (!Array.isArray(list)) throw invalidParameter('param attached_media must be an array');
      list.forEach((value, index) => entries.push({ name: `attached_media[${index}]`, value }));
    }
    const indexed = Object.keys(params)
      .map((key) => /^attached_media\[(\d+)\]$/.exec(key))
      .filter((match): match is RegExpExecArray => match !== null)
      .sort((a, b) => Number(a[1]) - Number(b[1]));
    for (const match of indexed) entries.push({ name: match[0], value: parse(match[0], params[match[0]]) });
    return entries.map(({ name, value }) => {
      const id = typeof value === 'object' && value !== null ? (value as { media_fbid?: unknown }).media_fbid : undefined;
      const photo = typeof id === 'string' ? this.photos.get(id) : undefined;
      if (!photo || photo.pageId !== pageId) throw invalidParameter(`param ${name} has an invalid media_fbid`);
      if (photo.published || photo.postId !== undefined) throw invalidParameter(`param ${name}: the photo ${photo.id} is already published`);
      return photo.id;
    });
  }

  private async createPhoto(call: GraphCall, pageId: string): Promise<{ id: string; post_id?: string }> {
    const { params } = call;
    const source = (call.request.header('content-type') ?? '').startsWith('multipart/form-data')
      ? call.request.multipart().find((field) => field.name === 'source' && field.filename !== undefined)
      : undefined;
    let url: string;
    let size: number | undefined;
    if (source) {
      if (!(source.contentType ?? '').startsWith('image/') || source.data.length === 0 || source.data.length > 10 * 1024 * 1024) {
        throw new GraphHttpError(400, { message: '(#324) Missing or invalid image file', code: 324 });
      }
      url = `upload:${source.filename}`;
      size = source.data.length;
    } else {
      if (params.url === undefined || params.url === '') throw new GraphHttpError(400, { message: '(#324) Requires upload file', code: 324 });
      const media = await fetchMedia(params.url);
      if (!media.ok || !media.contentType.startsWith('image/')) {
        throw new GraphHttpError(400, { message: '(#324) Missing or invalid image file', code: 324 });
      }
      url = params.url;
    }
    const published = params.published === undefined || isTrue(params.published);
    const caption = params.caption ?? params.message;
    const photo: FakeFacebookPhoto = {
      id: this.newId(),
      pageId,
      url,
      published,
      createdAt: this.graph.now(),
      ...(size === undefined ? {} : { size }),
      ...(params.alt_text_custom ? { altText: params.alt_text_custom } : {}),
      ...(caption ? { caption } : {}),
    };
    this.photos.set(photo.id, photo);
    if (!published) return { id: photo.id };
    const post = this.createPost({ pageId, ...(caption ? { message: caption } : {}), statusType: 'added_photos', photoIds: [photo.id] });
    photo.postId = post.id;
    return { id: photo.id, post_id: post.id };
  }

  private async createVideo(call: GraphCall, pageId: string): Promise<unknown> {
    const { params } = call;
    if (params.upload_phase !== undefined) return this.videoUploadPhase(call, pageId);
    if (params.file_url === undefined || params.file_url === '') throw invalidParameter('Video file (file_url or source) is required');
    const media = await fetchMedia(params.file_url);
    if (!media.ok) throw new GraphHttpError(400, { message: '(#389) Unable to fetch video file from URL.', code: 389 });
    if (!media.contentType.startsWith('video/')) {
      throw new GraphHttpError(400, { message: "(#352) Sorry, the video file you selected is in a format that we don't support.", code: 352 });
    }
    return this.addVideo(pageId, this.newId(), params.file_url, params);
  }

  /**
   * The chunked upload of the Page video API: start (file_size) gives a video id, an upload session and the first
   * byte range; each transfer sends the range asked for as `video_file_chunk` and is told the next; finish
   * publishes with the description and title. A transfer may repeat a range already received (a retry after a cut
   * connection); one that skips ahead is refused with the offsets expected.
   */
  private videoUploadPhase(call: GraphCall, pageId: string): unknown {
    const { params } = call;
    switch (params.upload_phase) {
      case 'start': {
        const size = Number(params.file_size);
        if (!Number.isSafeInteger(size) || size <= 0) throw invalidParameter('param file_size must be a positive integer');
        const upload: FakeVideoUpload = { sessionId: this.newId(), videoId: this.newId(), pageId, size, received: [] };
        this.uploadSessions.set(upload.sessionId, upload);
        return {
          video_id: upload.videoId,
          upload_session_id: upload.sessionId,
          start_offset: '0',
          end_offset: String(Math.min(size, VIDEO_CHUNK_BYTES)),
        };
      }
      case 'transfer': {
        const upload = this.uploadSession(params.upload_session_id, pageId);
        const start = Number(params.start_offset);
        const chunk = call.request.multipart().find((field) => field.name === 'video_file_chunk');
        if (!chunk) throw invalidParameter('param video_file_chunk is required');
        const have = receivedBytes(upload);
        if (!Number.isSafeInteger(start) || start > have || start + chunk.data.length > upload.size) {
          throw new GraphHttpError(400, {
            message: 'Service temporarily unavailable',
            code: 6000,
            error_subcode: 1363037,
            error_user_msg: `The upload expected the bytes from ${have}.`,
          });
        }
        upload.received = [...upload.received.filter((part) => part.start < start), { start, data: Buffer.from(chunk.data) }];
        const next = receivedBytes(upload);
        return { start_offset: String(next), end_offset: String(Math.min(upload.size, next + VIDEO_CHUNK_BYTES)) };
      }
      case 'finish': {
        const upload = this.uploadSession(params.upload_session_id, pageId);
        if (receivedBytes(upload) !== upload.size) throw invalidParameter(`The upload holds ${receivedBytes(upload)} of ${upload.size} bytes`);
        if (!this.videos.has(upload.videoId)) this.addVideo(pageId, upload.videoId, `upload:${upload.sessionId}`, params);
        return { success: true };
      }
      default:
        throw invalidParameter(`Invalid upload_phase: ${params.upload_phase}`);
    }
  }

  private uploadSession(id: string | undefined, pageId: string): FakeVideoUpload {
    const upload = id === undefined ? undefined : this.uploadSessions.get(id);
    if (!upload || upload.pageId !== pageId) throw invalidParameter('param upload_session_id is not a valid upload session');
    return upload;
  }

  private addVideo(pageId: string, videoId: string, fileUrl: string, params: Record<string, string>): { id: string } {
    const description = params.description;
    const failed = this.nextVideoFails;
    this.nextVideoFails = false;
    this.videos.set(videoId, {
      id: videoId,
      pageId,
      fileUrl,
      createdAt: this.graph.now(),
      readsUntilReady: this.options.videoReadsUntilReady ?? 1,
      failed,
      ...(description ? { description } : {}),
      ...(params.title ? { title: params.title } : {}),
    });
    return { id: videoId };
  }

  private listFeed(call: GraphCall, pageId: string): unknown {
    const since = parseGraphTime(call.params.since);
    const until = parseGraphTime(call.params.until);
    const posts = this.feedOf(pageId).filter(
      (post) => (since === undefined || post.createdAt >= since) && (until === undefined || post.createdAt <= until),
    );
    const nodes = posts.map((post) => selectFields(this.postNode(post), call.params.fields, ['id', 'message', 'created_time'], POST_FIELDS, 'Post'));
    return paginate(nodes, call, this.origin);
  }

  /** The Page's uploaded videos, newest first, processing or not. */
  private listVideos(call: GraphCall, pageId: string): unknown {
    const since = parseGraphTime(call.params.since);
    const videos = [...this.videos.values()]
      .filter((video) => video.pageId === pageId && (since === undefined || video.createdAt >= since))
      .reverse();
    return paginate(
      videos.map((video) => selectFields(this.videoNode(video), call.params.fields, ['id', 'description', 'updated_time'], VIDEO_FIELDS, 'Video')),
      call,
      this.origin,
    );
  }

  private videoNode(video: FakeFacebookVideo): Record<string, unknown> {
    const ready = video.readsUntilReady <= 0;
    return {
      id: video.id,
      title: video.title,
      description: video.description,
      created_time: graphTime(video.createdAt),
      updated_time: graphTime(video.createdAt),
      permalink_url: `/${video.pageId}/videos/${video.id}/`,
      status: video.failed
        ? { video_status: 'error', processing_progress: 0 }
        : { video_status: ready ? 'ready' : 'processing', processing_progress: ready ? 100 : 50 },
      from: this.fromOf(video.pageId),
    };
  }

  private readObject(call: GraphCall, id: string): Record<string, unknown> {
    const owned = (pageId: string): void => {
      if (pageId !== call.token.subject) throw unsupportedRequest('get', id);
    };
    const post = this.posts.find((candidate) => candidate.id === id);
    if (post) {
      owned(post.pageId);
      return selectFields(this.postNode(post), call.params.fields, ['id', 'message', 'created_time'], POST_FIELDS, 'Post');
    }
    const photo = this.photos.get(id);
    if (photo) {
      owned(photo.pageId);
      const node = {
        id: photo.id,
        name: photo.caption,
        created_time: graphTime(photo.createdAt),
        link: `https://www.facebook.com/photo.php?fbid=${photo.id}`,
        page_story_id: photo.postId,
        from: this.fromOf(photo.pageId),
      };
      return selectFields(node, call.params.fields, ['id', 'created_time', 'name'], PHOTO_FIELDS, 'Photo');
    }
    const video = this.videos.get(id);
    if (video) {
      owned(video.pageId);
      const node = this.videoNode(video);
      // The video's feed post appears once processing is done, as on Facebook.
      if (video.readsUntilReady <= 0 && !video.failed && video.postId === undefined) {
        const description = video.description;
        video.postId = this.createPost({
          pageId: video.pageId,
          ...(description ? { message: description } : {}),
          statusType: 'added_video',
          photoIds: [],
          videoId: video.id,
        }).id;
      }
      video.readsUntilReady -= 1;
      return selectFields(node, call.params.fields, ['id', 'description', 'updated_time'], VIDEO_FIELDS, 'Video');
    }
    const page = this.pages.get(id);
    if (page) {
      owned(page.id);
      return selectFields(
        { id: page.id, name: page.name, link: `https://www.facebook.com/${page.id}` },
        call.params.fields,
        ['id', 'name'],
        PAGE_FIELDS,
        'Page',
      );
    }
    throw unsupportedRequest('get', id);
  }

  private fromOf(pageId: string): { id: string; name: string } {
    return { id: pageId, name: this.pages.get(pageId)?.name ?? pageId };
  }

  private postNode(post: FakeFacebookPost): Record<string, unknown> {
    const postPart = post.id.split('_')[1];
    return {
      id: post.id,
      message: post.message,
      created_time: graphTime(post.createdAt),
      permalink_url: `https://www.facebook.com/${post.pageId}/posts/${postPart}`,
      attachments: this.attachmentsOf(post),
      status_type: post.statusType,
      is_published: true,
      from: this.fromOf(post.pageId),
    };
  }

  private attachmentsOf(post: FakeFacebookPost): unknown {
    const photo = (id: string): Record<string, unknown> => ({
      media_type: 'photo',
      type: 'photo',
      target: { id, url: `https://www.facebook.com/photo.php?fbid=${id}` },
    });
    if (post.videoId) return { data: [{ media_type: 'video', type: 'video_inline', target: { id: post.videoId } }] };
    if (post.photoIds.length === 1) return { data: [photo(post.photoIds[0])] };
    if (post.photoIds.length > 1) {
      return { data: [{ media_type: 'album', type: 'album', subattachments: { data: post.photoIds.map(photo) } }] };
    }
    if (post.link) return { data: [{ media_type: 'link', type: 'share', target: { url: post.link }, url: post.link }] };
    return undefined;
  }
}
