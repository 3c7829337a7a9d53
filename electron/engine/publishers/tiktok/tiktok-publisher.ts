// TikTok Content Posting API, direct post: creator info first (privacy options, longest video), then a video sent in
// FILE_UPLOAD chunks or photos TikTok pulls from their URLs, then the status until TikTok publishes or refuses it.
// The publish id is saved the moment TikTok gives it, so a later attempt or a check follows that post instead of
// posting again.
import { createHash } from 'node:crypto';
import { mediaKind } from '../../../../shared/media';
import { BasePublisher } from '../base/base-publisher';
import { uploadChunks, type Chunk } from '../base/chunked-upload';
import { isUnauthorized } from '../base/http-failure';
import type { MediaFile } from '../base/media';
import type { ItemProgress } from '../base/upload-progress';
import type { PublishContext } from '../base/publish-context';
import type { PostingLimit, PublisherConfig } from '../base/publisher-config';
import { sleep } from '../base/sleep';
import { AmbiguousError, PermanentError, RetryableError } from '../errors';
import type { AccountProfile, ExistingPost, ProfileQuery, PublishResult } from '../publisher';
import { mp4DurationSeconds } from './mp4-duration';
import { TiktokClient, type TiktokAuth } from './tiktok-client';
import { readTiktokProfile } from './tiktok-profile';
import { tiktokChunkPlan, tiktokChunks, type TiktokChunkPlan } from './tiktok-chunk-plan';
import { chooseTiktokPrivacy, type TiktokPrivacyLevel } from './tiktok-privacy';
import { fetchTiktokStatus, tiktokOutcome, tiktokResult, type TiktokOutcome, type TiktokStatus } from './tiktok-status';
import { findTiktokPostByText } from './tiktok-video-list';

export interface TiktokPublisherConfig extends PublisherConfig {
  /** Preferred FILE_UPLOAD chunk size; default 10 MiB (TikTok takes 5 to 64 MB). */
  chunkSizeBytes?: number;
  /** Timeout of one chunk upload; default 5 minutes. */
  uploadTimeoutMs?: number;
  /** Pause before a failed chunk is sent again, doubled each time; default 1 s. */
  chunkRetryDelayMs?: number;
}

/** Ledger handle names. */
export const tiktokHandles = {
  publishId: 'publish_id',
  /** Bytes of the uploaded video: an upload that stopped short is never published. */
  videoSize: 'video_size',
  /** Which text, media and options the saved publish id belongs to. */
  contentHash: 'content_hash',
  username: 'creator_username',
  privacyLevel: 'privacy_level',
} as const;

interface CreatorInfo {
  creator_username?: string;
  privacy_level_options?: string[];
  comment_disabled?: boolean;
  duet_disabled?: boolean;
  stitch_disabled?: boolean;
  max_video_post_duration_sec?: number;
}

/** A chunk TikTok refused outright: sending it again would not help, the next attempt starts a new upload. */
class ChunkRefused extends Error {}

const DEFAULT_CHUNK_SIZE = 10 * 1024 * 1024;
const DEFAULT_UPLOAD_TIMEOUT_MS = 5 * 60_000;
// TikTok takes videos up to 4 GB.
const MAX_VIDEO_BYTES = 4 * 1000 * 1000 * 1000;
const UPLOAD_CONTENT_TYPES: Record<string, string> = {
  'video/mp4': 'video/mp4',
  'video/x-m4v': 'video/mp4',
  'video/quicktime': 'video/quicktime',
  'video/webm': 'video/webm',
};

export class TiktokPublisher extends BasePublisher {
  readonly platform = 'tiktok' as const;
  protected readonly defaultApiOrigin = 'https://open.tiktokapis.com';
  // TikTok allows 6 post inits a minute and about 15 posts a day per creator: bursts of 6, then one every 10 minutes.
  protected override readonly defaultPostingLimit: PostingLimit = { capacity: 6, refillEveryMs: 10 * 60_000 };
  private readonly chunkSize: number;
  private readonly uploadTimeoutMs: number;
  private readonly chunkRetryDelayMs: number;
  private tiktokClient: TiktokClient | undefined;

  constructor(config: TiktokPublisherConfig = {}) {
    super(config);
    this.chunkSize = config.chunkSizeBytes ?? DEFAULT_CHUNK_SIZE;
    this.uploadTimeoutMs = config.uploadTimeoutMs ?? DEFAULT_UPLOAD_TIMEOUT_MS;
    this.chunkRetryDelayMs = config.chunkRetryDelayMs ?? 1_000;
  }

  private get client(): TiktokClient {
    this.tiktokClient ??= new TiktokClient(this.http, (path) => this.apiUrl(path), this.now);
    return this.tiktokClient;
  }

  protected async publishContent(context: PublishContext): Promise<PublishResult> {
    const auth: TiktokAuth = { accessToken: context.accessToken, signal: context.signal };
    const contentHash = hashContent(context);
    const earlier = await this.followEarlierPublish(context, auth, contentHash);
    if (earlier) return earlier;

    const { data: creator } = await this.client.post<CreatorInfo>(
      '/v2/post/publish/creator_info/query/',
      undefined,
      auth,
      "read the account's posting options",
    );
    const privacy = chooseTiktokPrivacy(context.settings.privacy, creator.privacy_level_options ?? []);
    const photos = context.mediaUrls.filter((url) => mediaKind(url) === 'image');
    const publishId =
      photos.length > 0
        ? await this.startPhotoPost(context, auth, creator, privacy, photos, contentHash)
        : await this.postVideo(context, auth, creator, privacy, contentHash);
    return this.awaitPublished(auth, publishId, creator.creator_username, privacy);
  }

  /** Saved publish id first; without one, the account's public posts matched by caption and time. */
  protected override async findExistingContent(context: PublishContext): Promise<ExistingPost> {
    const auth: TiktokAuth = { accessToken: context.accessToken, signal: context.signal };
    const handles = context.ledger.handles;
    const publishId = handles[tiktokHandles.publishId];
    if (publishId) return this.checkSavedPublish(auth, publishId, handles);

    let found: PublishResult | undefined;
    try {
      found = await findTiktokPostByText(this.client, auth, context.text, context.firstAttemptAt, handles[tiktokHandles.username]);
    } catch (error) {
      if (!(error instanceof PermanentError) || isUnauthorized(error)) throw error;
    }
    if (found) return { state: 'found', result: found };
    if (!context.mediaUrls.some((url) => mediaKind(url) === 'image')) {
      // A video goes up only after TikTok returned its publish id, which is saved first: without one, no byte was sent.
      return { state: 'absent' };
    }
    return {
      state: 'unknown',
      reason:
        "TikTok may have received the photo post, but the app never learned its id and TikTok shows apps only public posts. Check the account's posts in the TikTok app.",
    };
  }

  /** The user's open id, name and avatar (user.info.basic), and what the creator may post (creator_info). */
  protected async readProfileContent(accessToken: string, query: ProfileQuery): Promise<AccountProfile> {
    return readTiktokProfile(this.http, this.client, (path) => this.apiUrl(path), { accessToken, signal: query.signal }, this.now);
  }

  /**
   * An earlier attempt of this target that handed TikTok its media is followed to its end instead of posting again.
   * Undefined when there is none, or it failed, or its upload stopped short (TikTok never publishes those).
   */
  private async followEarlierPublish(context: PublishContext, auth: TiktokAuth, contentHash: string): Promise<PublishResult | undefined> {
    const handles = context.ledger.handles;
    const publishId = handles[tiktokHandles.publishId];
    if (!publishId || handles[tiktokHandles.contentHash] !== contentHash) return undefined;
    const status = await this.savedStatus(auth, publishId);
    if (!status || status.status === 'FAILED' || uploadStoppedShort(status, handles)) return undefined;
    return this.awaitPublished(auth, publishId, handles[tiktokHandles.username], savedPrivacy(handles), status);
  }

  private async checkSavedPublish(auth: TiktokAuth, publishId: string, handles: Readonly<Record<string, string>>): Promise<ExistingPost> {
    const status = await this.savedStatus(auth, publishId);
    if (!status || uploadStoppedShort(status, handles)) return { state: 'absent' };
    const end = await this.followPublish(auth, publishId, handles[tiktokHandles.username], savedPrivacy(handles), status);
    switch (end.kind) {
      case 'published':
        return { state: 'found', result: end.result };
      case 'failed':
        return { state: 'absent' };
      case 'inbox':
        return { state: 'unknown', reason: INBOX_MESSAGE };
      case 'processing':
        return { state: 'unknown', reason: stillProcessing(this.pollTimeoutMs) };
    }
  }

  /** The status of a saved publish id, or undefined when TikTok does not know it. */
  private async savedStatus(auth: TiktokAuth, publishId: string): Promise<TiktokStatus | undefined> {
    try {
      return await fetchTiktokStatus(this.client, auth, publishId);
    } catch (error) {
      if (error instanceof PermanentError && !error.authFailure && error.platformCode === 'invalid_publish_id') return undefined;
      throw error;
    }
  }

  private async postVideo(
    context: PublishContext,
    auth: TiktokAuth,
    creator: CreatorInfo,
    privacy: TiktokPrivacyLevel,
    contentHash: string,
  ): Promise<string> {
    const item = context.media[0];
    const video = await context.openMedia(0, { maxBytes: MAX_VIDEO_BYTES, expect: 'video' });
    const contentType = UPLOAD_CONTENT_TYPES[video.mimeType];
    if (!contentType) throw new PermanentError(`TikTok accepts MP4, MOV or WebM videos; "${video.name}" is ${video.mimeType}.`);
    const seconds =
      item?.source === 'file' && item.facts.durationMs !== null ? item.facts.durationMs / 1000 : await mp4DurationSeconds(video.path, video.size);
    const maxSeconds = creator.max_video_post_duration_sec;
    if (seconds !== undefined && maxSeconds !== undefined && seconds > maxSeconds) {
      throw new PermanentError(
        `The video is ${Math.ceil(seconds)} s long; this TikTok account can post videos up to ${maxSeconds} s. Shorten the video.`,
        {
          platformCode: 'duration_check_failed',
        },
      );
    }
    const plan = tiktokChunkPlan(video.size, this.chunkSize);
    const { data } = await this.client.post<{ publish_id?: string; upload_url?: string }>(
      '/v2/post/publish/video/init/',
      {
        post_info: {
          title: context.text,
          privacy_level: privacy,
          disable_comment: context.settings.disableComments === true || creator.comment_disabled === true,
          disable_duet: creator.duet_disabled === true,
          disable_stitch: creator.stitch_disabled === true,
        },
        source_info: { source: 'FILE_UPLOAD', video_size: plan.videoSize, chunk_size: plan.chunkSize, total_chunk_count: plan.totalChunkCount },
      },
      auth,
      'start the video post',
      { createsPost: true },
    );
    if (!data.publish_id || !data.upload_url) {
      throw new RetryableError('TikTok started the video post without giving an upload address; nothing was uploaded.');
    }
    this.savePublish(context, data.publish_id, contentHash, creator, privacy, plan.videoSize);
    await this.uploadVideo(data.upload_url, video, contentType, plan, context.progress.item(0, video.size), context.signal);
    context.progress.phase('processing');
    return data.publish_id;
  }

  private async startPhotoPost(
    context: PublishContext,
    auth: TiktokAuth,
    creator: CreatorInfo,
    privacy: TiktokPrivacyLevel,
    photos: string[],
    contentHash: string,
  ): Promise<string> {
    const title = context.settings.title?.trim();
    const { data } = await this.client.post<{ publish_id?: string }>(
      '/v2/post/publish/content/init/',
      {
        media_type: 'PHOTO',
        post_mode: 'DIRECT_POST',
        post_info: {
          ...(title ? { title } : {}),
          description: context.text,
          privacy_level: privacy,
          disable_comment: context.settings.disableComments === true || creator.comment_disabled === true,
        },
        source_info: { source: 'PULL_FROM_URL', photo_images: photos, photo_cover_index: 0 },
      },
      auth,
      'start the photo post',
      { createsPost: true },
    );
    if (!data.publish_id) {
      throw new AmbiguousError(
        'TikTok accepted the photo post without giving its publish id, so the app cannot follow it. Check the account in the TikTok app.',
      );
    }
    this.savePublish(context, data.publish_id, contentHash, creator, privacy);
    return data.publish_id;
  }

  private savePublish(
    context: PublishContext,
    publishId: string,
    contentHash: string,
    creator: CreatorInfo,
    privacy: TiktokPrivacyLevel,
    videoSize?: number,
  ): void {
    const ledger = context.ledger;
    ledger.saveHandle(tiktokHandles.publishId, publishId);
    ledger.saveHandle(tiktokHandles.contentHash, contentHash);
    ledger.saveHandle(tiktokHandles.privacyLevel, privacy);
    if (creator.creator_username) ledger.saveHandle(tiktokHandles.username, creator.creator_username);
    if (videoSize !== undefined) ledger.saveHandle(tiktokHandles.videoSize, String(videoSize));
  }

  /** PUTs the chunks strictly in order with Content-Range; a chunk that fails for a passing reason is sent again. */
  private async uploadVideo(
    uploadUrl: string,
    video: MediaFile,
    contentType: string,
    plan: TiktokChunkPlan,
    progress: ItemProgress,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const chunks: Chunk[] = tiktokChunks(plan).map((chunk) => ({ index: chunk.index, start: chunk.first, end: chunk.last }));
    try {
      await uploadChunks(
        chunks,
        async (chunk) => {
          progress.at(chunk.start);
          const response = await this.http.request({
            method: 'PUT',
            url: uploadUrl,
            headers: { 'content-range': `bytes ${chunk.start}-${chunk.end}/${plan.videoSize}` },
            body: { type: 'file', file: video.range(chunk.start, chunk.end), contentType },
            onBodyProgress: progress.add,
            timeoutMs: this.uploadTimeoutMs,
            ...(signal ? { signal } : {}),
          });
          if (response.status >= 200 && response.status < 300) return;
          const what = `part ${chunk.index + 1} of ${chunks.length} of the video (HTTP ${response.status})`;
          if (response.status >= 500 || response.status === 429)
            throw new RetryableError(`TikTok did not take ${what}.`, { httpStatus: response.status });
          throw new ChunkRefused(`TikTok refused ${what}`);
        },
        { retryDelayMs: this.chunkRetryDelayMs, ...(signal ? { signal } : {}) },
      );
    } catch (error) {
      if (!(error instanceof ChunkRefused)) throw error;
      // An unfinished upload is never published: starting over on the next attempt is safe.
      throw new RetryableError(`${error.message}; nothing was published.`);
    }
  }

  /** Follows a publish to its end: the post, TikTok's refusal, or a publish still in progress. */
  private async awaitPublished(
    auth: TiktokAuth,
    publishId: string,
    username: string | undefined,
    privacy: TiktokPrivacyLevel | undefined,
    first?: TiktokStatus,
  ): Promise<PublishResult> {
    const end = await this.followPublish(auth, publishId, username, privacy, first);
    switch (end.kind) {
      case 'published':
        return end.result;
      case 'failed':
        throw end.error;
      case 'inbox':
        throw new PermanentError(INBOX_MESSAGE, { platformCode: 'send_to_user_inbox' });
      case 'processing':
        throw new AmbiguousError(stillProcessing(this.pollTimeoutMs));
    }
  }

  /**
   * Polls the status until TikTok publishes or refuses the post, or the poll timeout passes. A public post gets its
   * id after moderation: the wait for it lasts at most the poll timeout, then the post is reported with its publish
   * id and the profile link.
   */
  private async followPublish(
    auth: TiktokAuth,
    publishId: string,
    username: string | undefined,
    privacy: TiktokPrivacyLevel | undefined,
    first?: TiktokStatus,
  ): Promise<PublishEnd> {
    const deadline = this.now() + this.pollTimeoutMs;
    let status = first ?? (await fetchTiktokStatus(this.client, auth, publishId));
    for (;;) {
      const outcome = tiktokOutcome(status, this.now());
      const timeIsUp = this.now() + this.pollIntervalMs > deadline;
      if (outcome.kind === 'failed' || outcome.kind === 'inbox') return outcome;
      if (outcome.kind === 'published' && (outcome.postId !== undefined || privacy !== 'PUBLIC_TO_EVERYONE' || timeIsUp)) {
        return { kind: 'published', result: tiktokResult(username, outcome.postId, publishId) };
      }
      if (timeIsUp) return { kind: 'processing' };
      await sleep(this.pollIntervalMs, auth.signal);
      status = await fetchTiktokStatus(this.client, auth, publishId);
    }
  }
}

type PublishEnd = { kind: 'published'; result: PublishResult } | Exclude<TiktokOutcome, { kind: 'published' }>;

const INBOX_MESSAGE =
  "TikTok put the post in the creator's TikTok inbox as a draft instead of publishing it. Finish it from the inbox notification in the TikTok app.";

function stillProcessing(pollTimeoutMs: number): string {
  return `TikTok was still processing the post after ${Math.round(pollTimeoutMs / 1000)} s; the app will check later whether it went out.`;
}

function hashContent(context: PublishContext): string {
  const { settings } = context;
  const content = [context.text, context.mediaUrls, settings.title ?? null, settings.privacy ?? null, settings.disableComments === true];
  return createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 32);
}

function uploadStoppedShort(status: TiktokStatus, handles: Readonly<Record<string, string>>): boolean {
  const size = Number(handles[tiktokHandles.videoSize]);
  return status.status === 'PROCESSING_UPLOAD' && Number.isFinite(size) && (status.uploadedBytes ?? 0) < size;
}

function savedPrivacy(handles: Readonly<Record<string, string>>): TiktokPrivacyLevel | undefined {
  return handles[tiktokHandles.privacyLevel] as TiktokPrivacyLevel | undefined;
}
