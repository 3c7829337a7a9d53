// A fake of Instagram content publishing as Meta documents it: containers (image, REELS, STORIES, carousel items
// and CAROUSEL parents) that the fake downloads from the given URLs (JPEG only for images, size limit, the 4:5 to
// 1.91:1 aspect ratio of feed photos; video content type, codec, size, and the length of reels and stories; a link it
// cannot fetch is refused with 9004 / 2207052), video containers with upload_type=resumable whose file is pushed to
// the upload URI (`Authorization: OAuth`, `offset`, `file_size`; what arrived is kept, and
// video_status.uploading_phase says how much), at most 400 containers per account in 24 hours, captions within 2,200
// characters, 30 hashtags and 20 @mentions, a container state machine (IN_PROGRESS → FINISHED after N status reads,
// ERROR on bad media, EXPIRED after 24 h), media_publish with the rolling publishing quota, content_publishing_limit,
// media and story listings, and the shared Graph conventions (tokens, throttles with usage headers, faults).
import { randomBytes } from 'node:crypto';
import { imageSize } from 'image-size';
import type { FakeReply, FakeRequest } from '../shared/fake-server';
import { fetchMedia, type FetchedMedia } from '../graph/fetch-media';
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
import { isIsoMedia, isoDurationSec, isoVideoCodec } from '../shared/iso-media';

export type ContainerStatus = 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED';
export type ContainerMediaType = 'IMAGE' | 'VIDEO' | 'REELS' | 'STORIES' | 'CAROUSEL';

export interface ContainerFailure {
  /** Meta's error subcode, which the status text carries; absent where Meta documents the limit but no subcode. */
  subcode?: number;
  message: string;
}

export interface FakeContainer {
  id: string;
  igUserId: string;
  mediaType: ContainerMediaType;
  isCarouselItem: boolean;
  imageUrl?: string;
  /** Images only: Instagram takes no alt text for reels and stories. */
  altText?: string;
  videoUrl?: string;
  caption?: string;
  children: string[];
  createdAt: number;
  /** Status reads that still report IN_PROGRESS. */
  readsLeft: number;
  /** The download of a video, running in the background as on Meta's side. */
  download?: Promise<FetchedMedia>;
  /** A video pushed with the resumable upload: its declared size, and whether it arrived whole. */
  resumable?: { fileSize: number | undefined; complete: boolean };
  failure?: ContainerFailure;
  expired: boolean;
  mediaId?: string;
}

export interface FakeInstagramMedia {
  id: string;
  igUserId: string;
  containerId?: string;
  caption?: string;
  timestamp: number;
  mediaType: 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM';
  productType: 'FEED' | 'REELS' | 'STORY';
  shortcode: string;
  /** Published through the Content Publishing API (counts against the quota). */
  viaApi: boolean;
}

export interface InstagramFakeOptions {
  now?: () => number;
  /** Status reads that report IN_PROGRESS before FINISHED, per kind of container. */
  readsUntilFinished?: { image?: number; video?: number; carousel?: number };
  /** API-published posts allowed per window; default 100. */
  quotaTotal?: number;
  /** The window in seconds; default 86400. */
  quotaDuration?: number;
  /** The largest video accepted; default 300 MB (platforms.md §3). */
  maxVideoBytes?: number;
  /** How long Meta takes to get round to fetching a medium's URL; default at once. */
  fetchDelayMs?: number;
}

interface FakeAccount {
  id: string;
  username: string;
}

const CONTAINER_LIFETIME_MS = 24 * 3_600_000;
const MAX_IMAGE_BYTES = 8 * 1024 * 1024;
const CAPTION_LIMIT = 2200;
const HASHTAG_LIMIT = 30;
const MENTION_LIMIT = 20;
/** Feed photos (single or in a carousel) between 4:5 and 1.91:1; stories take any shape. */
const FEED_ASPECT = { min: 4 / 5, max: 1.91 };
const MAX_VIDEO_BYTES = 300 * 1024 * 1024;
/** H.264 and HEVC sample entries. */
const VIDEO_CODECS = ['avc1', 'avc3', 'hvc1', 'hev1'];
const VIDEO_LENGTH_SEC: Partial<Record<ContainerMediaType, { min: number; max: number; what: string }>> = {
  REELS: { min: 3, max: 15 * 60, what: 'Reels must be 3 seconds to 15 minutes long' },
  STORIES: { min: 3, max: 60, what: 'Story videos must be 3 to 60 seconds long' },
};
/** Containers an account may create in a rolling 24 hours. */
const CONTAINER_CAP = 400;
const CONTAINER_FIELDS = ['id', 'status_code', 'status', 'video_status'] as const;
const UPLOAD_PATH = /^\/ig-api-upload\/v\d+\.\d+\/(\d+)$/;
const MEDIA_FIELDS = ['id', 'caption', 'timestamp', 'permalink', 'media_type', 'media_product_type', 'shortcode', 'username'] as const;
const USER_FIELDS = ['id', 'username', 'name', 'profile_picture_url'] as const;
const LIMIT_FIELDS = ['quota_usage', 'config'] as const;
const VIDEO_TYPES = ['video/mp4', 'video/quicktime'];

export class InstagramFake extends GraphPlatformFake {
  readonly accounts = new Map<string, FakeAccount>();
  readonly containers = new Map<string, FakeContainer>();
  /** Every published media object, oldest first. */
  readonly media: FakeInstagramMedia[] = [];
  quotaTotal: number;
  /** Containers an account may create in a rolling 24 hours; default 400. */
  containerCap = CONTAINER_CAP;
  // Containers and media get ids from separate ranges (17…, 18…), so tests can aim faults at one kind.
  private nextContainerId = 17_900_000_000_000_001n;
  private nextMediaId = 18_000_000_000_000_001n;
  private nextContainerFailure: ContainerFailure | undefined;

  private constructor(private readonly options: InstagramFakeOptions) {
    super(
      {
        useCaseType: 'instagram',
        throttleCode: 80002,
        throttleMessage: 'There have been too many calls to this Instagram account. Wait a bit and try again.',
      },
      options.now,
    );
    this.quotaTotal = options.quotaTotal ?? 100;
    // rupload.facebook.com, here on the fake's own origin (the publisher uses the `uri` a container answers with).
    this.graph.server.routeFirst('POST', '/ig-api-upload/:version/:container', (request) => this.receiveUpload(request));
  }

  static start(options: InstagramFakeOptions = {}): Promise<InstagramFake> {
    return new InstagramFake(options).listening();
  }

  /** Published posts (feed, reels, stories), oldest first; the same list as `media`. */
  get posts(): FakeInstagramMedia[] {
    return this.media;
  }

  addAccount(igUserId: string, token: string, username = `account_${igUserId}`): void {
    this.accounts.set(igUserId, { id: igUserId, username });
    this.graph.grantToken(token, igUserId);
  }

  /** Instagram Business Use Case throttle (code 80002) for `minutes`, announced in X-Business-Use-Case-Usage. */
  throttleAccount(igUserId: string, minutes: number): void {
    this.graph.throttle(igUserId, minutes);
  }

  /** The next container created ends in ERROR with this subcode once processed. */
  failNextContainer(subcode: number, message = 'Media upload has failed'): void {
    this.nextContainerFailure = { subcode, message };
  }

  expireContainer(id: string): void {
    this.container(id).expired = true;
  }

  /** Published media made outside this app (`viaApi` false) or earlier through the API (counted in the quota). */
  addExistingMedia(
    igUserId: string,
    media: { caption?: string; timestamp?: number; viaApi?: boolean; productType?: FakeInstagramMedia['productType'] },
  ): FakeInstagramMedia {
    return this.createMedia({
      igUserId,
      timestamp: media.timestamp ?? this.graph.now(),
      mediaType: 'IMAGE',
      productType: media.productType ?? 'FEED',
      viaApi: media.viaApi ?? false,
      ...(media.caption === undefined ? {} : { caption: media.caption }),
    });
  }

  /** API-published posts in the account's current window. */
  quotaUsage(igUserId: string): number {
    const windowStart = this.graph.now() - (this.options.quotaDuration ?? 86_400) * 1000;
    return this.media.filter((media) => media.igUserId === igUserId && media.viaApi && media.timestamp > windowStart).length;
  }

  permalinkOf(media: FakeInstagramMedia): string {
    if (media.productType === 'STORY')
      return `https://www.instagram.com/stories/${this.accounts.get(media.igUserId)?.username ?? media.igUserId}/${media.id}/`;
    return `https://www.instagram.com/${media.productType === 'REELS' ? 'reel' : 'p'}/${media.shortcode}/`;
  }

  private container(id: string): FakeContainer {
    const container = this.containers.get(id);
    if (!container) throw new Error(`no fake container ${id}`);
    return container;
  }

  private newContainerId(): string {
    const id = String(this.nextContainerId);
    this.nextContainerId += 1n;
    return id;
  }

  private createMedia(media: Omit<FakeInstagramMedia, 'id' | 'shortcode'>): FakeInstagramMedia {
    const id = String(this.nextMediaId);
    this.nextMediaId += 1n;
    const created: FakeInstagramMedia = { ...media, id, shortcode: randomBytes(8).toString('base64url').slice(0, 11) };
    this.media.push(created);
    return created;
  }

  protected async route(call: GraphCall): Promise<GraphReply> {
    const { method, segments } = call;
    if (segments.length === 1) {
      if (method === 'GET') return { body: await this.readObject(call, segments[0]) };
      throw unsupportedRequest(method, segments[0]);
    }
    if (segments.length === 2) {
      const [igUserId, edge] = segments;
      if (!this.accounts.has(igUserId) || call.token.subject !== igUserId) throw unsupportedRequest(method, igUserId);
      if (method === 'POST' && edge === 'media') return { body: await this.createContainer(call, igUserId) };
      if (method === 'POST' && edge === 'media_publish') return { body: await this.publish(call, igUserId) };
      if (method === 'GET' && edge === 'content_publishing_limit') return { body: this.publishingLimit(call, igUserId) };
      if (method === 'GET' && edge === 'media') return { body: this.listMedia(call, igUserId, (media) => media.productType !== 'STORY') };
      if (method === 'GET' && edge === 'stories') {
        const dayAgo = this.graph.now() - 24 * 3_600_000;
        return { body: this.listMedia(call, igUserId, (media) => media.productType === 'STORY' && media.timestamp > dayAgo) };
      }
    }
    throw invalidParameter('Unknown path components: /' + segments.slice(1).join('/'));
  }

  private async createContainer(call: GraphCall, igUserId: string): Promise<{ id: string; uri?: string }> {
    const { params } = call;
    const isCarouselItem = isTrue(params.is_carousel_item);
    const mediaType = (params.media_type ?? 'IMAGE').toUpperCase();
    const caption = params.caption;
    if (caption !== undefined) {
      if ([...caption].length > CAPTION_LIMIT) throw invalidParameter(`The caption is longer than ${CAPTION_LIMIT} characters`);
      if ((caption.match(/(^|\s)#[\p{L}\p{N}_]+/gu) ?? []).length > HASHTAG_LIMIT)
        throw invalidParameter(`The caption has more than ${HASHTAG_LIMIT} hashtags`);
      if ((caption.match(/(^|\s)@[\p{L}\p{N}._]+/gu) ?? []).length > MENTION_LIMIT)
        throw invalidParameter(`The caption has more than ${MENTION_LIMIT} @mentions`);
    }
    this.checkContainerCap(igUserId);
    const base = {
      igUserId,
      isCarouselItem,
      children: [] as string[],
      createdAt: this.graph.now(),
      expired: false,
      ...(caption && !isCarouselItem ? { caption } : {}),
    };
    if (params.alt_text !== undefined && (mediaType !== 'IMAGE' || params.image_url === undefined)) {
      throw invalidParameter('alt_text is only supported for image posts');
    }
    const reads = this.options.readsUntilFinished ?? {};
    let container: FakeContainer;
    switch (mediaType) {
      case 'IMAGE': {
        if (params.upload_type === 'resumable') throw invalidParameter('upload_type=resumable is only supported for videos');
        await this.checkImage(params.image_url, FEED_ASPECT);
        container = { ...base, id: this.newContainerId(), mediaType: 'IMAGE', imageUrl: params.image_url, readsLeft: reads.image ?? 0 };
        if (params.alt_text !== undefined) container.altText = params.alt_text;
        break;
      }
      case 'VIDEO':
      case 'REELS': {
        if (mediaType === 'VIDEO' && !isCarouselItem)
          throw invalidParameter('The VIDEO media type is no longer supported for feed videos; use REELS');
        if (mediaType === 'REELS' && isCarouselItem) throw invalidParameter('A carousel item video uses media_type VIDEO');
        container = this.videoContainer(base, mediaType, params, reads.video ?? 2);
        break;
      }
      case 'STORIES': {
        if (params.image_url !== undefined) {
          if (params.upload_type === 'resumable') throw invalidParameter('upload_type=resumable is only supported for videos');
          await this.checkImage(params.image_url);
          container = { ...base, id: this.newContainerId(), mediaType: 'STORIES', imageUrl: params.image_url, readsLeft: reads.image ?? 0 };
        } else {
          container = this.videoContainer(base, 'STORIES', params, reads.video ?? 2);
        }
        break;
      }
      case 'CAROUSEL': {
        const children = this.carouselChildren(params.children, igUserId);
        container = { ...base, id: this.newContainerId(), mediaType: 'CAROUSEL', children, readsLeft: reads.carousel ?? 1 };
        break;
      }
      default:
        throw invalidParameter(`Invalid media_type: ${mediaType}`);
    }
    if (this.nextContainerFailure) {
      container.failure = this.nextContainerFailure;
      this.nextContainerFailure = undefined;
    }
    this.containers.set(container.id, container);
    if (container.resumable) return { id: container.id, uri: `${this.origin}/ig-api-upload/v23.0/${container.id}` };
    return { id: container.id };
  }

  private videoContainer(
    base: Omit<FakeContainer, 'id' | 'mediaType' | 'readsLeft'>,
    mediaType: ContainerMediaType,
    params: Record<string, string>,
    readsLeft: number,
  ): FakeContainer {
    if (params.upload_type === 'resumable') {
      if (params.video_url !== undefined) throw invalidParameter('A resumable upload takes the video at its upload URI, not video_url');
      return { ...base, id: this.newContainerId(), mediaType, readsLeft, resumable: { fileSize: undefined, complete: false } };
    }
    const videoUrl = params.video_url;
    if (videoUrl === undefined || videoUrl === '') throw invalidParameter('The parameter video_url is required');
    return { ...base, id: this.newContainerId(), mediaType, videoUrl, readsLeft, download: this.fetchLater(videoUrl) };
  }

  /** The bytes of a resumable container Meta holds: every POST to its URI, partial ones included, at its offset. */
  uploadedVideo(containerId: string): Buffer {
    let data = Buffer.alloc(0);
    for (const request of this.requests) {
      if (request.method !== 'POST' || UPLOAD_PATH.exec(request.path)?.[1] !== containerId) continue;
      const offset = Number(request.headers.offset);
      if (!Number.isInteger(offset) || offset > data.length) continue;
      data = Buffer.concat([data.subarray(0, offset), request.body]);
    }
    return data;
  }

  /** POST <uri>: the video's bytes from `offset`, with the whole file's size in `file_size`. */
  private receiveUpload(request: FakeRequest): FakeReply {
    const refuse = (status: number, type: string, message: string): FakeReply => ({
      status,
      body: { debug_info: { retriable: false, type, message } },
    });
    const container = this.containers.get(request.params.container ?? '');
    const token = /^OAuth\s+(.+)$/i.exec(request.header('authorization') ?? '')?.[1];
    const granted = token === undefined ? undefined : this.graph.tokens.get(token);
    if (!granted || granted.state !== 'valid') return refuse(401, 'AuthError', 'Invalid OAuth access token');
    if (!container || !container.resumable || container.igUserId !== granted.subject) return refuse(400, 'NotFound', 'No upload session for this id');
    const offset = Number(request.header('offset'));
    const fileSize = Number(request.header('file_size'));
    if (!Number.isInteger(fileSize) || fileSize <= 0) return refuse(400, 'InvalidArgument', 'The file_size header is required');
    if (container.resumable.fileSize !== undefined && container.resumable.fileSize !== fileSize) {
      return refuse(400, 'InvalidArgument', `file_size ${fileSize} does not match the size of this upload (${container.resumable.fileSize})`);
    }
    container.resumable.fileSize = fileSize;
    const data = this.uploadedVideo(container.id);
    if (!Number.isInteger(offset) || offset < 0 || offset + request.body.length !== data.length) {
      return refuse(400, 'InvalidOffset', `offset must be at most ${data.length - request.body.length}, where the stored bytes end`);
    }
    if (data.length > fileSize) return refuse(400, 'InvalidArgument', 'More bytes arrived than file_size says');
    if (data.length === fileSize) {
      container.resumable.complete = true;
      // Bytes pushed here carry no content type: what is no MP4 or MOV at all is refused, the rest judged as fetched videos are.
      if (!isIsoMedia(data)) container.failure = { subcode: 2207026, message: 'Unsupported video format' };
      else container.failure ??= this.videoFailure(container.mediaType, data);
    }
    return { status: 200, body: { success: true, message: 'Upload successful.' } };
  }

  private async fetchLater(url: string): Promise<FetchedMedia> {
    const delay = this.options.fetchDelayMs ?? 0;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    return fetchMedia(url);
  }

  /** At most CONTAINER_CAP containers per account in 24 hours; the next is refused until the oldest is a day old. */
  private checkContainerCap(igUserId: string): void {
    const dayAgo = this.graph.now() - 24 * 3_600_000;
    const recent = [...this.containers.values()].filter((container) => container.igUserId === igUserId && container.createdAt > dayAgo);
    if (recent.length < this.containerCap) return;
    throw new GraphHttpError(400, {
      message: 'Application request limit reached',
      code: 9,
      error_user_title: 'Limit reached',
      error_user_msg: `You reached the maximum number of media containers (${this.containerCap}) that can be created in 24 hours.`,
    });
  }

  /**
   * Images are fetched while the container is created; failures come back at once, as Meta's do. The aspect ratio is
   * judged where the image says its size: bytes that are no image at all (the generated files most tests serve) are
   * judged by their content type and size only.
   */
  private async checkImage(imageUrl: string | undefined, aspect?: { min: number; max: number }): Promise<void> {
    if (imageUrl === undefined || imageUrl === '') throw invalidParameter('The parameter image_url is required');
    const media = await this.fetchLater(imageUrl);
    if (!media.ok) {
      throw new GraphHttpError(400, {
        message: 'Only photo or video can be accepted as media type.',
        code: 9004,
        error_subcode: 2207052,
        error_user_title: 'Media download has failed.',
        error_user_msg: `The media could not be fetched from this uri: ${imageUrl}`,
      });
    }
    if (media.contentType !== 'image/jpeg') {
      throw new GraphHttpError(400, {
        message: 'The image format is not supported.',
        code: 36001,
        error_subcode: 2207005,
        error_user_title: 'Unsupported image format',
        error_user_msg: 'The image format is not supported. Supported formats are: JPEG.',
      });
    }
    if (media.bytes.length > MAX_IMAGE_BYTES) {
      throw new GraphHttpError(400, {
        message: 'The image size is too large.',
        code: 36000,
        error_subcode: 2207004,
        error_user_title: 'Image size too large',
        error_user_msg: 'The image is too large to download. It should be less than 8 MiB.',
      });
    }
    const size = imageSizeOf(media.bytes);
    if (aspect && size && (size.width / size.height < aspect.min || size.width / size.height > aspect.max)) {
      throw new GraphHttpError(400, {
        message: 'The aspect ratio is not supported.',
        code: 36003,
        error_subcode: 2207009,
        error_user_title: 'Cannot Process Image',
        error_user_msg: `The submitted image with aspect ratio ('${size.width}/${size.height}') cannot be published. Please submit an image with a valid aspect ratio.`,
      });
    }
  }

  private carouselChildren(value: string | undefined, igUserId: string): string[] {
    if (value === undefined || value === '') throw invalidParameter('The parameter children is required for a CAROUSEL');
    let ids: string[];
    try {
      const parsed: unknown = value.trim().startsWith('[') ? JSON.parse(value) : value.split(',');
      ids = (parsed as unknown[]).map((id) => String(id).trim());
    } catch {
      throw invalidParameter('param children must be a list of container ids');
    }
    if (ids.length < 2 || ids.length > 10) throw invalidParameter(`A carousel needs 2 to 10 children; got ${ids.length}`);
    for (const id of ids) {
      const child = this.containers.get(id);
      if (!child || child.igUserId !== igUserId || !child.isCarouselItem)
        throw invalidParameter(`param children: ${id} is not a carousel item container of this account`);
      if (child.failure || child.expired)
        throw invalidParameter(`param children: ${id} cannot be used (its status is ${child.failure ? 'ERROR' : 'EXPIRED'})`);
    }
    return ids;
  }

  /** Settles a video download into the container's outcome. */
  private async settleDownload(container: FakeContainer): Promise<void> {
    if (!container.download) return;
    const media = await container.download;
    container.download = undefined;
    if (container.failure) return;
    if (!media.ok) container.failure = { subcode: 2207052, message: 'The media could not be fetched from this uri' };
    else if (!VIDEO_TYPES.includes(media.contentType)) container.failure = { subcode: 2207026, message: 'Unsupported video format' };
    else container.failure = this.videoFailure(container.mediaType, media.bytes);
  }

  /**
   * What processing finds wrong with a video's bytes: too large, a codec other than H.264 or HEVC, or a reel or story
   * of the wrong length. A file that is no MP4 or MOV at all (the generated bytes most tests serve) is judged by its
   * content type and size only.
   */
  videoFailure(mediaType: ContainerMediaType, bytes: Buffer): ContainerFailure | undefined {
    const maxBytes = this.options.maxVideoBytes ?? MAX_VIDEO_BYTES;
    if (bytes.length > maxBytes) return { message: `The video file is too large (${bytes.length} bytes; at most ${maxBytes})` };
    if (!isIsoMedia(bytes)) return undefined;
    const codec = isoVideoCodec(bytes);
    if (codec !== undefined && !VIDEO_CODECS.includes(codec)) return { subcode: 2207026, message: 'Unsupported video format' };
    const length = VIDEO_LENGTH_SEC[mediaType];
    const seconds = isoDurationSec(bytes);
    if (length && seconds !== undefined && (seconds < length.min || seconds > length.max)) {
      return { message: `The video is ${Math.round(seconds * 10) / 10} seconds long. ${length.what}` };
    }
    return undefined;
  }

  private async statusOf(container: FakeContainer): Promise<ContainerStatus> {
    await this.settleDownload(container);
    if (container.mediaId !== undefined) return 'PUBLISHED';
    if (container.expired || this.graph.now() - container.createdAt > CONTAINER_LIFETIME_MS) return 'EXPIRED';
    if (container.failure) return 'ERROR';
    if (container.resumable && !container.resumable.complete) return 'IN_PROGRESS';
    const children = await Promise.all(container.children.map((id) => this.statusOf(this.container(id))));
    if (children.some((status) => status === 'ERROR' || status === 'EXPIRED')) {
      container.failure = { subcode: 2207032, message: 'Create media fail, please try to re-create media' };
      return 'ERROR';
    }
    if (container.readsLeft > 0 || children.some((status) => status !== 'FINISHED')) return 'IN_PROGRESS';
    return 'FINISHED';
  }

  /** A status read moves processing along, for this container and its children (a video still uploading waits). */
  private tick(container: FakeContainer): void {
    if (container.resumable && !container.resumable.complete) return;
    container.readsLeft -= 1;
    for (const id of container.children) this.tick(this.container(id));
  }

  private videoStatus(container: FakeContainer): Record<string, unknown> {
    const bytes = this.uploadedVideo(container.id).length;
    const complete = container.resumable?.complete === true;
    return {
      uploading_phase: { status: complete ? 'complete' : bytes > 0 ? 'in_progress' : 'not_started', bytes_transferred: bytes },
      processing_phase: { status: complete ? (container.readsLeft > 0 ? 'in_progress' : 'complete') : 'not_started' },
    };
  }

  private async publish(call: GraphCall, igUserId: string): Promise<{ id: string }> {
    const id = call.params.creation_id;
    if (id === undefined || id === '') throw invalidParameter('The parameter creation_id is required');
    const container = this.containers.get(id);
    if (!container || container.igUserId !== igUserId) throw invalidParameter(`param creation_id: no container ${id} for this account`);
    if (this.quotaUsage(igUserId) >= this.quotaTotal) {
      throw new GraphHttpError(400, {
        message: 'Application request limit reached',
        code: 9,
        error_subcode: 2207042,
        error_user_title: 'Limit reached',
        error_user_msg: 'You reached maximum number of posts that is allowed to be published by Content Publishing API.',
      });
    }
    if (container.isCarouselItem) throw invalidParameter('A carousel item is published through its carousel container');
    const status = await this.statusOf(container);
    if (status === 'EXPIRED') {
      throw new GraphHttpError(400, {
        message: 'The media you are trying to access has expired. Please try to upload again.',
        code: -2,
        error_subcode: 2207020,
      });
    }
    if (status !== 'FINISHED') {
      throw new GraphHttpError(400, {
        message: 'Media ID is not available',
        code: 9007,
        error_subcode: 2207027,
        error_user_title: 'Media not ready for publishing',
        error_user_msg: 'The media is not ready for publishing, please wait for a moment',
      });
    }
    const media = this.createMedia({
      igUserId,
      containerId: container.id,
      timestamp: this.graph.now(),
      mediaType: container.mediaType === 'CAROUSEL' ? 'CAROUSEL_ALBUM' : container.videoUrl || container.resumable ? 'VIDEO' : 'IMAGE',
      productType: container.mediaType === 'REELS' ? 'REELS' : container.mediaType === 'STORIES' ? 'STORY' : 'FEED',
      viaApi: true,
      ...(container.caption === undefined ? {} : { caption: container.caption }),
    });
    container.mediaId = media.id;
    return { id: media.id };
  }

  private publishingLimit(call: GraphCall, igUserId: string): unknown {
    const node = {
      quota_usage: this.quotaUsage(igUserId),
      config: { quota_total: this.quotaTotal, quota_duration: this.options.quotaDuration ?? 86_400 },
    };
    return { data: [selectFields(node, call.params.fields, ['quota_usage'], LIMIT_FIELDS, 'ContentPublishingLimit')] };
  }

  private mediaNode(media: FakeInstagramMedia): Record<string, unknown> {
    return {
      id: media.id,
      caption: media.caption,
      timestamp: graphTime(media.timestamp),
      permalink: this.permalinkOf(media),
      media_type: media.mediaType,
      media_product_type: media.productType,
      shortcode: media.shortcode,
      username: this.accounts.get(media.igUserId)?.username,
    };
  }

  private listMedia(call: GraphCall, igUserId: string, include: (media: FakeInstagramMedia) => boolean): unknown {
    const since = parseGraphTime(call.params.since);
    const until = parseGraphTime(call.params.until);
    const list = this.media
      .filter((media) => media.igUserId === igUserId && include(media))
      .filter((media) => (since === undefined || media.timestamp >= since) && (until === undefined || media.timestamp <= until))
      .reverse()
      .map((media) => selectFields(this.mediaNode(media), call.params.fields, ['id'], MEDIA_FIELDS, 'IGMedia'));
    return paginate(list, call, this.origin);
  }

  private async readObject(call: GraphCall, id: string): Promise<Record<string, unknown>> {
    const container = this.containers.get(id);
    if (container) {
      if (container.igUserId !== call.token.subject) throw unsupportedRequest('get', id);
      const status = await this.statusOf(container);
      if (status === 'IN_PROGRESS') this.tick(container);
      const node = {
        id,
        video_status: container.resumable ? this.videoStatus(container) : undefined,
        status_code: status,
        status:
          status === 'ERROR'
            ? `Error: ${container.failure?.message ?? 'unknown'}${container.failure?.subcode === undefined ? '' : ` (error code ${container.failure.subcode})`}`
            : status === 'IN_PROGRESS'
              ? 'In Progress'
              : status === 'FINISHED'
                ? 'Finished'
                : status === 'EXPIRED'
                  ? 'Expired'
                  : 'Published',
      };
      return selectFields(node, call.params.fields, ['id'], CONTAINER_FIELDS, 'ShadowIGMediaBuilder');
    }
    const media = this.media.find((candidate) => candidate.id === id);
    if (media) {
      if (media.igUserId !== call.token.subject) throw unsupportedRequest('get', id);
      return selectFields(this.mediaNode(media), call.params.fields, ['id'], MEDIA_FIELDS, 'IGMedia');
    }
    const account = this.accounts.get(id);
    if (account && account.id === call.token.subject) {
      return selectFields(
        {
          id: account.id,
          username: account.username,
          name: account.username,
          profile_picture_url: `https://scontent.cdninstagram.com/${account.id}.jpg`,
        },
        call.params.fields,
        ['id'],
        USER_FIELDS,
        'IGUser',
      );
    }
    throw unsupportedRequest('get', id);
  }
}

/** The width and height an image's bytes declare, or undefined when they are no image. */
function imageSizeOf(bytes: Buffer): { width: number; height: number } | undefined {
  try {
    const { width, height } = imageSize(bytes);
    return width > 0 && height > 0 ? { width, height } : undefined;
  } catch {
    return undefined;
  }
}
