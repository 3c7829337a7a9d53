// YouTube Data API v3 videos.insert over the resumable upload protocol. The session URI is saved before any byte is
// sent, so a broken connection, a 5xx or a later attempt resumes the same session from the bytes YouTube holds, and
// a lost final answer is settled by asking the session: one session can only ever make one video.
import { createHash } from 'node:crypto';
import { BasePublisher } from '../base/base-publisher';
import { isUnauthorized } from '../base/http-failure';
import type { MediaFile } from '../base/media';
import type { ItemProgress } from '../base/upload-progress';
import type { PublishContext } from '../base/publish-context';
import type { PostingLimit, PublisherConfig } from '../base/publisher-config';
import { sleep } from '../base/sleep';
import { AmbiguousError, PermanentError, RetryableError } from '../errors';
import type { AccountProfile, ExistingPost, ProfileQuery, PublishResult } from '../publisher';
import { readYoutubeChannel } from './youtube-channel';
import { youtubeError } from './youtube-errors';
import { chunkSizeFor, putChunk, querySession, type SessionAnswer, type SessionCall, type UploadSession } from './youtube-upload-session';
import { findUploadByTitle } from './youtube-uploads-list';
import { youtubeVideoResource, type YoutubeTargetOptions, type YoutubeVideoResource } from './youtube-video-resource';

export interface YoutubePublisherConfig extends PublisherConfig {
  /** Bytes per upload request, rounded down to a multiple of 256 KiB; default 8 MiB. */
  chunkSizeBytes?: number;
  /** Timeout of one chunk upload; default 5 minutes. */
  uploadTimeoutMs?: number;
  /** Broken connections and 5xx one upload survives before the attempt gives up; default 8. */
  maxInterruptions?: number;
  /** Pause before asking the session where it stands after an interruption, doubled each time; default 1 s. */
  resumeDelayMs?: number;
}

/** Ledger handle names. */
export const youtubeHandles = {
  session: 'upload_session',
  size: 'upload_size',
  contentType: 'upload_content_type',
  /** Which title, text, options and media the saved session belongs to. */
  contentHash: 'content_hash',
  /** "1" once a request carrying the last byte was sent: from then on the video may exist. */
  finalBytesSent: 'final_bytes_sent',
} as const;

export function youtubeWatchUrl(videoId: string): string {
  return `https://www.youtube.com/watch?v=${videoId}`;
}

const DEFAULT_CHUNK_SIZE = 8 * 1024 * 1024;
const DEFAULT_UPLOAD_TIMEOUT_MS = 5 * 60_000;
// YouTube's own limit: 256 GB.
const MAX_VIDEO_BYTES = 256 * 1024 ** 3;

interface LazyMedia {
  file(): Promise<MediaFile>;
  /** Counts the upload's bytes for the progress bar. */
  progress(size: number): ItemProgress;
}

/** A transport failure or 5xx, after which the session is asked where it stands; not a refusal. */
function isInterruption(error: unknown): boolean {
  return error instanceof RetryableError || (error instanceof AmbiguousError && error.httpStatus === undefined);
}

export class YoutubePublisher extends BasePublisher {
  readonly platform = 'youtube' as const;
  protected readonly defaultApiOrigin = 'https://www.googleapis.com';
  // Spreads a backlog of uploads out; the daily quota itself is YouTube's to enforce (quotaExceeded waits for midnight Pacific).
  protected override readonly defaultPostingLimit: PostingLimit = { capacity: 10, refillEveryMs: 30 * 60_000 };
  private readonly chunkSize: number;
  private readonly uploadTimeoutMs: number;
  private readonly maxInterruptions: number;
  private readonly resumeDelayMs: number;

  constructor(config: YoutubePublisherConfig = {}) {
    super(config);
    this.chunkSize = chunkSizeFor(config.chunkSizeBytes ?? DEFAULT_CHUNK_SIZE);
    this.uploadTimeoutMs = config.uploadTimeoutMs ?? DEFAULT_UPLOAD_TIMEOUT_MS;
    this.maxInterruptions = config.maxInterruptions ?? 8;
    this.resumeDelayMs = config.resumeDelayMs ?? 1_000;
  }

  protected async publishContent(context: PublishContext): Promise<PublishResult> {
    const resource = youtubeVideoResource(context.text, context.settings as YoutubeTargetOptions, this.now());
    const contentHash = hashContent(resource, context.media);
    const media = this.lazyMedia(context);

    const saved = this.savedSession(context, contentHash);
    if (saved) {
      const end = await this.transfer(context, saved, media, 'query');
      if (end.kind === 'done') return videoResult(end.videoId, context.progress);
      this.refuseIfFinalBytesSent(context);
    }
    // A session that vanished before the last byte was sent made no video: a new one is safe, once.
    for (let sessions = 0; sessions < 2; sessions += 1) {
      const session = await this.openSession(context, resource, await media.file(), contentHash);
      const end = await this.transfer(context, session, media, 'put');
      if (end.kind === 'done') return videoResult(end.videoId, context.progress);
      this.refuseIfFinalBytesSent(context);
    }
    throw new RetryableError('YouTube dropped the upload session twice before the video was complete; nothing was published.');
  }

  /** The saved session first (it knows whether it made a video); then the channel's uploads by title and time. */
  protected override async findExistingContent(context: PublishContext): Promise<ExistingPost> {
    const handles = context.ledger.handles;
    const url = handles[youtubeHandles.session];
    const size = Number(handles[youtubeHandles.size]);
    if (url && size > 0) {
      const answer = await this.askSession(context, { url, size });
      if (answer.kind === 'done') return { state: 'found', result: videoResult(answer.videoId) };
      // An incomplete session can still be resumed: no video exists yet.
      if (answer.kind === 'incomplete') return { state: 'absent' };
      if (handles[youtubeHandles.finalBytesSent] !== '1') return { state: 'absent' };
    }

    let videoId: string | undefined;
    try {
      videoId = await findUploadByTitle(
        { http: this.http, url: (path) => this.apiUrl(path), accessToken: context.accessToken, signal: context.signal, now: this.now() },
        context.settings.title ?? '',
        context.firstAttemptAt,
      );
    } catch (error) {
      if (error instanceof PermanentError && !isUnauthorized(error)) {
        return {
          state: 'unknown',
          reason: `YouTube did not let the app read the channel's uploads (${error.message}). Check the channel in YouTube Studio.`,
        };
      }
      throw error;
    }
    if (videoId) return { state: 'found', result: videoResult(videoId) };
    if (url) {
      return {
        state: 'unknown',
        reason:
          "YouTube lost the upload session after the whole video was sent, and the video is not among the channel's recent uploads yet. Check the channel in YouTube Studio.",
      };
    }
    // The session is saved before any byte goes out: without one, nothing was uploaded.
    return { state: 'absent' };
  }

  /** channels.list mine=true: the channel's id, title and thumbnail. */
  protected async readProfileContent(accessToken: string, query: ProfileQuery): Promise<AccountProfile> {
    return readYoutubeChannel({ http: this.http, url: (path) => this.apiUrl(path), now: this.now }, accessToken, query.signal);
  }

  private lazyMedia(context: PublishContext): LazyMedia {
    let progress: ItemProgress | undefined;
    return {
      file: () => context.openMedia(0, { maxBytes: MAX_VIDEO_BYTES, expect: 'video' }),
      progress: (size) => (progress ??= context.progress.item(0, size)),
    };
  }

  private savedSession(context: PublishContext, contentHash: string): UploadSession | undefined {
    const handles = context.ledger.handles;
    const url = handles[youtubeHandles.session];
    const size = Number(handles[youtubeHandles.size]);
    if (!url || handles[youtubeHandles.contentHash] !== contentHash || !Number.isSafeInteger(size) || size <= 0) return undefined;
    return { url, size, contentType: handles[youtubeHandles.contentType] ?? 'application/octet-stream' };
  }

  /** Opens a resumable session and saves it before any byte is sent. */
  private async openSession(context: PublishContext, resource: YoutubeVideoResource, file: MediaFile, contentHash: string): Promise<UploadSession> {
    const contentType = file.mimeType.startsWith('video/') ? file.mimeType : 'application/octet-stream';
    const url = this.apiUrl('/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status');
    const response = await this.http.request({
      method: 'POST',
      url,
      headers: {
        authorization: `Bearer ${context.accessToken}`,
        'content-type': 'application/json; charset=UTF-8',
        'x-upload-content-length': String(file.size),
        'x-upload-content-type': contentType,
      },
      body: { type: 'json', value: resource },
      ...(context.signal ? { signal: context.signal } : {}),
    });
    if (response.status !== 200 && response.status !== 201) throw youtubeError(response, 'start the upload', this.now(), false);
    const location = response.header('location');
    if (!location) throw new RetryableError('YouTube started an upload without giving its address; nothing was published.');
    const session: UploadSession = { url: new URL(location, url).toString(), size: file.size, contentType };
    const ledger = context.ledger;
    ledger.saveHandle(youtubeHandles.session, session.url);
    ledger.saveHandle(youtubeHandles.size, String(session.size));
    ledger.saveHandle(youtubeHandles.contentType, contentType);
    ledger.saveHandle(youtubeHandles.contentHash, contentHash);
    ledger.saveHandle(youtubeHandles.finalBytesSent, '0');
    return session;
  }

  private sessionCall(context: PublishContext): SessionCall {
    return { http: this.http, accessToken: context.accessToken, signal: context.signal, timeoutMs: this.uploadTimeoutMs, now: this.now };
  }

  /**
   * Sends the bytes the session lacks, chunk by chunk, until it answers with the video or is gone. After a broken
   * connection or a 5xx it waits (longer each time) and asks the session how much it holds, then goes on from there.
   */
  private async transfer(
    context: PublishContext,
    session: UploadSession,
    media: LazyMedia,
    start: 'put' | 'query',
  ): Promise<Exclude<SessionAnswer, { kind: 'incomplete' }>> {
    const call = this.sessionCall(context);
    let next = start;
    let offset = 0;
    let interruptions = 0;
    let consecutive = 0;
    for (;;) {
      let answer: SessionAnswer;
      try {
        answer = next === 'query' ? await querySession(call, session) : await this.sendChunk(context, call, session, offset, media);
      } catch (error) {
        if (!isInterruption(error)) throw error;
        interruptions += 1;
        if (interruptions > this.maxInterruptions) throw this.gaveUp(context, error as Error);
        await sleep(this.resumeDelayMs * 2 ** Math.min(consecutive, 6), context.signal);
        consecutive += 1;
        next = 'query';
        continue;
      }
      consecutive = 0;
      if (answer.kind !== 'incomplete') return answer;
      offset = answer.received;
      next = 'put';
    }
  }

  private async sendChunk(
    context: PublishContext,
    call: SessionCall,
    session: UploadSession,
    offset: number,
    media: LazyMedia,
  ): Promise<SessionAnswer> {
    const file = await media.file();
    if (file.size !== session.size) {
      // The file behind the link changed since the session began: that session can never be finished.
      context.ledger.saveHandle(youtubeHandles.session, '');
      throw new PermanentError(`The video "${file.name}" changed while it was being uploaded. Retry the post to upload it from the start.`);
    }
    const end = Math.min(offset + this.chunkSize, session.size);
    if (end === session.size && context.ledger.handles[youtubeHandles.finalBytesSent] !== '1') {
      context.ledger.saveHandle(youtubeHandles.finalBytesSent, '1');
    }
    const progress = media.progress(session.size);
    progress.at(offset);
    return putChunk(call, session, offset, file.range(offset, end - 1), progress.add);
  }

  /** Asks a saved session where it stands, retrying a couple of interruptions. */
  private async askSession(context: PublishContext, session: Pick<UploadSession, 'url' | 'size'>): Promise<SessionAnswer> {
    const call = this.sessionCall(context);
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await querySession(call, session);
      } catch (error) {
        if (!isInterruption(error) || attempt >= 2) throw error;
        await sleep(this.resumeDelayMs * 2 ** attempt, context.signal);
      }
    }
  }

  private gaveUp(context: PublishContext, cause: Error): Error {
    if (context.ledger.handles[youtubeHandles.finalBytesSent] === '1') {
      return new AmbiguousError(`YouTube did not confirm the end of the upload (${cause.message}); the app will check whether the video exists.`, {
        cause,
      });
    }
    return new RetryableError(`The upload to YouTube kept failing (${cause.message}); nothing was published, it will resume later.`, { cause });
  }

  private refuseIfFinalBytesSent(context: PublishContext): void {
    if (context.ledger.handles[youtubeHandles.finalBytesSent] === '1') {
      throw new AmbiguousError(
        'YouTube lost the upload session after the whole video was sent, so the video may exist; the app will check the channel.',
      );
    }
  }
}

function videoResult(videoId: string, progress?: PublishContext['progress']): PublishResult {
  // YouTube processes the video after the upload; the post is live (as its privacy allows) from here.
  progress?.phase('processing');
  return { platformPostId: videoId, url: youtubeWatchUrl(videoId) };
}

function hashContent(resource: YoutubeVideoResource, media: PublishContext['media']): string {
  // A link is known by its URL, a library file by its bytes' hash (its stored name): a session holds one of them.
  const identity = media.map((item) => (item.source === 'link' ? item.url : item.path));
  return createHash('sha256')
    .update(JSON.stringify([resource, identity]))
    .digest('hex')
    .slice(0, 32);
}
