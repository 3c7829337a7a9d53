// Publishes to a Facebook Page through the Graph API (platforms.md §2): a feed post for text and links, one photo,
// several photos uploaded unpublished and attached to one feed post, or a video on the graph-video host. Facebook
// fetches linked media itself; a file from the media library goes up as the photo's `source`, or for a video in the
// byte ranges Facebook asks for (upload_phase start, transfer, finish), each streamed from disk and sent again when
// the connection breaks.
import { mediaKind } from '../../../../shared/media';
import { sendAgainIfPassing } from '../base/chunked-upload';
import type { MediaFile, PublishMedia } from '../base/media';
import { pollUntil } from '../base/polling';
import type { PublishContext } from '../base/publish-context';
import { AmbiguousError, PermanentError, RetryableError } from '../errors';
import { missingAccountId } from '../base/missing-account-id';
import type { AccountProfile, ExistingPost, ProfileQuery, PublishResult } from '../publisher';
import { isDuplicatePost } from '../graph/classify-graph-error';
import { idOf, stringField, type GraphAuth } from '../graph/graph-client';
import { GraphPublisher } from '../graph/graph-publisher';
import { searchFeed, searchVideos } from './facebook-feed-search';
import { facebookMessage } from './facebook-message';

const GRAPH_VIDEO_ORIGIN = 'https://graph-video.facebook.com';
const WEB_ORIGIN = 'https://www.facebook.com';
const VIDEO_PROCESSING_STATES = new Set(['uploading', 'upload_complete', 'processing']);
const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
const MAX_VIDEO_BYTES = 10 * 1024 ** 3;
const CHUNK_TIMEOUT_MS = 5 * 60_000;

function kindOf(item: PublishMedia): 'image' | 'video' | 'document' | 'unknown' {
  return item.source === 'file' ? item.facts.kind : mediaKind(item.url);
}

/** Ledger handle names. */
export const FACEBOOK_HANDLES = { post: 'post', video: 'video', photoPrefix: 'photo-' } as const;

export class FacebookPublisher extends GraphPublisher {
  readonly platform = 'facebook' as const;

  protected async publishContent(context: PublishContext): Promise<PublishResult> {
    const pageId = this.pageIdOf(context);
    const auth: GraphAuth = { accessToken: context.accessToken, signal: context.signal };
    const indices = context.media.map((_, index) => index);
    const images = indices.filter((index) => kindOf(context.media[index] as PublishMedia) === 'image');
    const videos = indices.filter((index) => kindOf(context.media[index] as PublishMedia) === 'video');
    const message = facebookMessage(context.text, context.settings.link, context.media.length > 0);
    try {
      if (videos.length === 1) return await this.publishVideo(context, auth, pageId, videos[0] as number, message);
      if (images.length === 1) return await this.publishPhoto(context, auth, pageId, images[0] as number, message);
      if (images.length > 1) return await this.publishPhotos(context, auth, pageId, images, message);
      return await this.publishFeedPost(context, auth, pageId);
    } catch (error) {
      // Facebook refuses a post identical to the previous one; if that one is ours from an earlier attempt, it is the result.
      if (!isDuplicatePost(error)) throw error;
      const existing = await this.findExistingContent(context);
      if (existing.state === 'found') return existing.result;
      throw error;
    }
  }

  /** GET /me with a Page token is the Page: its id, name and picture. */
  protected async readProfileContent(accessToken: string, query: ProfileQuery): Promise<AccountProfile> {
    const auth: GraphAuth = { accessToken, signal: query.signal };
    const page = (await this.graph.get(auth, '/me', { fields: 'id,name,picture{url}' })) as {
      id?: unknown;
      name?: unknown;
      picture?: { data?: { url?: unknown } };
    };
    const id = stringField(page, 'id');
    if (!id) throw new PermanentError('Facebook answered the profile read without an id.');
    const name = stringField(page, 'name') ?? `Page ${id}`;
    if (query.externalId !== null && query.externalId !== id) {
      throw new PermanentError(`This token belongs to “${name}” (${id}), not to the Page ${query.externalId}. Use that Page’s own access token.`, {
        platformCode: 'token_account_mismatch',
      });
    }
    const picture = page.picture?.data?.url;
    return { externalId: id, name, avatarUrl: typeof picture === 'string' ? picture : null };
  }

  protected override async findExistingContent(context: PublishContext): Promise<ExistingPost> {
    const pageId = this.pageIdOf(context);
    const auth: GraphAuth = { accessToken: context.accessToken, signal: context.signal };
    const handles = context.ledger.handles;
    for (const id of [handles[FACEBOOK_HANDLES.post], handles[FACEBOOK_HANDLES.video]]) {
      if (id === undefined) continue;
      const found = await this.readSaved(auth, id);
      if (found) return { state: 'found', result: found };
    }
    const message = facebookMessage(context.text, context.settings.link, context.media.length > 0);
    const photoIds = Object.entries(handles)
      .filter(([name]) => name.startsWith(FACEBOOK_HANDLES.photoPrefix))
      .map(([, id]) => id);
    if (message === '' && photoIds.length === 0) {
      return { state: 'unknown', reason: 'The post has no text, so Facebook cannot tell whether it went out. Check the Page and choose.' };
    }
    const isVideo = context.media.some((item) => kindOf(item) === 'video');
    if (isVideo && message !== '') {
      const video = await searchVideos(this.graph, auth, { pageId, description: message, firstAttemptAt: context.firstAttemptAt });
      if (video) return { state: 'found', result: { platformPostId: video.videoId, url: this.absoluteUrl(video.permalinkUrl, video.videoId) } };
    }
    const match = await searchFeed(this.graph, auth, { pageId, message, photoIds, firstAttemptAt: context.firstAttemptAt });
    if (!match) return { state: 'absent' };
    const platformPostId = isVideo && match.attachmentTargetId !== undefined ? match.attachmentTargetId : match.postId;
    return { state: 'found', result: { platformPostId, url: this.absoluteUrl(match.permalinkUrl, match.postId) } };
  }

  private pageIdOf(context: PublishContext): string {
    const pageId = context.account?.externalId;
    if (!pageId) throw missingAccountId('facebook');
    return pageId;
  }

  private async publishFeedPost(context: PublishContext, auth: GraphAuth, pageId: string): Promise<PublishResult> {
    const fields: Record<string, string> = {};
    if (context.text.trim() !== '') fields.message = context.text.trim();
    if (context.settings.link) fields.link = context.settings.link;
    const body = await this.graph.post(auth, `/${pageId}/feed`, fields, 'create');
    return this.created(context, auth, idOf(body));
  }

  private async publishPhoto(context: PublishContext, auth: GraphAuth, pageId: string, index: number, message: string): Promise<PublishResult> {
    const body = await this.sendPhoto(context, auth, pageId, index, message ? { caption: message } : {}, 'create');
    return this.created(context, auth, idOf(body, 'post_id') ?? idOf(body));
  }

  private async publishPhotos(
    context: PublishContext,
    auth: GraphAuth,
    pageId: string,
    indices: readonly number[],
    message: string,
  ): Promise<PublishResult> {
    const fields: Record<string, string> = message ? { message } : {};
    for (const [position, index] of indices.entries()) {
      // Unpublished photos are invisible until attached; one left behind by a failed attempt harms nothing.
      const body = await this.sendPhoto(context, auth, pageId, index, { published: 'false' }, 'upload');
      const photoId = idOf(body);
      if (photoId === undefined) throw new RetryableError('Facebook accepted a photo without giving its id; nothing was published.');
      context.ledger.saveHandle(`${FACEBOOK_HANDLES.photoPrefix}${position}`, photoId);
      fields[`attached_media[${position}]`] = JSON.stringify({ media_fbid: photoId });
    }
    const body = await this.graph.post(auth, `/${pageId}/feed`, fields, 'create');
    return this.created(context, auth, idOf(body));
  }

  /** One photo: a link for Facebook to fetch, or a library file sent as `source`; with its alt text when it has one. */
  private async sendPhoto(
    context: PublishContext,
    auth: GraphAuth,
    pageId: string,
    index: number,
    fields: Record<string, string>,
    step: 'create' | 'upload',
  ): Promise<unknown> {
    const item = context.media[index] as PublishMedia;
    const withAlt = item.altText ? { ...fields, alt_text_custom: item.altText } : fields;
    if (item.source === 'link') return this.graph.post(auth, `/${pageId}/photos`, { url: item.url, ...withAlt }, step);
    const file = await context.openMedia(index, { maxBytes: MAX_PHOTO_BYTES, expect: 'image' });
    const progress = context.progress.item(index, file.size);
    return this.graph.postFile(
      auth,
      `/${pageId}/photos`,
      withAlt,
      { name: 'source', range: file.range(), filename: file.filename, contentType: file.mimeType },
      step,
      { onBodyProgress: progress.add, timeoutMs: CHUNK_TIMEOUT_MS },
    );
  }

  private async publishVideo(context: PublishContext, auth: GraphAuth, pageId: string, index: number, message: string): Promise<PublishResult> {
    const item = context.media[index] as PublishMedia;
    const fields: Record<string, string> = {};
    if (message) fields.description = message;
    if (context.settings.title) fields.title = context.settings.title;
    let videoId: string | undefined;
    if (item.source === 'link') {
      const body = await this.graph.post(auth, `/${pageId}/videos`, { file_url: item.url, ...fields }, 'create', GRAPH_VIDEO_ORIGIN);
      videoId = idOf(body);
      if (videoId === undefined) throw this.missingId();
      context.ledger.saveHandle(FACEBOOK_HANDLES.video, videoId);
    } else {
      const file = await context.openMedia(index, { maxBytes: MAX_VIDEO_BYTES, expect: 'video' });
      videoId = await this.uploadVideo(context, auth, pageId, index, file, fields);
    }
    context.progress.phase('processing');
    await this.waitForVideo(auth, videoId);
    return { platformPostId: videoId, url: await this.permalink(auth, videoId) };
  }

  /**
   * Sends a video file in the ranges Facebook asks for. A range cut off by a broken connection or a 5xx is sent
   * again (Facebook takes a range it already has); the video id is saved before `finish`, the call that publishes.
   */
  private async uploadVideo(
    context: PublishContext,
    auth: GraphAuth,
    pageId: string,
    index: number,
    file: MediaFile,
    fields: Record<string, string>,
  ): Promise<string> {
    const start = await this.graph.post(
      auth,
      `/${pageId}/videos`,
      { upload_phase: 'start', file_size: String(file.size) },
      'upload',
      GRAPH_VIDEO_ORIGIN,
    );
    const videoId = idOf(start, 'video_id');
    const session = stringField(start, 'upload_session_id');
    if (videoId === undefined || session === undefined) {
      throw new RetryableError('Facebook started the video upload without an upload session; nothing was published.');
    }
    const progress = context.progress.item(index, file.size);
    let range = offsetsOf(start);
    while (range.start < file.size) {
      const from = range;
      const answer = await sendAgainIfPassing(
        () => {
          progress.at(from.start);
          return this.graph.postFile(
            auth,
            `/${pageId}/videos`,
            { upload_phase: 'transfer', upload_session_id: session, start_offset: String(from.start) },
            {
              name: 'video_file_chunk',
              range: file.range(from.start, Math.min(from.end, file.size) - 1),
              filename: file.filename,
              contentType: 'application/octet-stream',
            },
            'upload',
            { origin: GRAPH_VIDEO_ORIGIN, onBodyProgress: progress.add, timeoutMs: CHUNK_TIMEOUT_MS },
          );
        },
        { ...(context.signal ? { signal: context.signal } : {}) },
      );
      range = offsetsOf(answer);
      if (range.start <= from.start && range.start < file.size) {
        throw new RetryableError('Facebook did not take the next part of the video; nothing was published, the upload will start over.');
      }
    }
    context.progress.phase('publishing');
    context.ledger.saveHandle(FACEBOOK_HANDLES.video, videoId);
    await this.graph.post(auth, `/${pageId}/videos`, { upload_phase: 'finish', upload_session_id: session, ...fields }, 'create', GRAPH_VIDEO_ORIGIN);
    return videoId;
  }

  /**
   * Facebook processes a video after accepting it. A processing failure means nothing went live (permanent); a
   * video still processing when the wait ends, or a status that cannot be read, is published all the same.
   */
  private async waitForVideo(auth: GraphAuth, videoId: string): Promise<void> {
    let status: string | undefined;
    try {
      status = await pollUntil(
        async () => videoStatusOf(await this.graph.get(auth, `/${videoId}`, { fields: 'status' })),
        (state) => state === undefined || !VIDEO_PROCESSING_STATES.has(state),
        { intervalMs: this.pollIntervalMs, timeoutMs: this.pollTimeoutMs, now: this.now, ...(auth.signal ? { signal: auth.signal } : {}) },
      );
    } catch {
      return;
    }
    if (status === 'error' || status === 'expired') {
      throw new PermanentError(
        `Facebook could not process the video (status: ${status}); nothing was published. Check the video file and try again.`,
        {
          platformCode: `video-${status}`,
        },
      );
    }
  }

  private async created(context: PublishContext, auth: GraphAuth, postId: string | undefined): Promise<PublishResult> {
    if (postId === undefined) throw this.missingId();
    context.ledger.saveHandle(FACEBOOK_HANDLES.post, postId);
    return { platformPostId: postId, url: await this.permalink(auth, postId) };
  }

  private missingId(): AmbiguousError {
    return new AmbiguousError('Facebook accepted the post without giving its id, so it may have been published; checking before trying again.');
  }

  /** The post's link; the post is live, so a failed read falls back to Facebook's generic link instead of failing. */
  private async permalink(auth: GraphAuth, id: string): Promise<string> {
    try {
      const body = await this.graph.get(auth, `/${id}`, { fields: 'permalink_url' });
      return this.absoluteUrl(stringField(body, 'permalink_url'), id);
    } catch {
      return this.absoluteUrl(undefined, id);
    }
  }

  private absoluteUrl(permalink: string | undefined, id: string): string {
    if (permalink === undefined || permalink === '') return `${WEB_ORIGIN}/${id}`;
    // Video permalinks come as paths (`/123/videos/456/`).
    return permalink.startsWith('/') ? `${WEB_ORIGIN}${permalink}` : permalink;
  }

  /** A saved post or video id that Facebook still knows, as a result; undefined when it no longer exists. */
  private async readSaved(auth: GraphAuth, id: string): Promise<PublishResult | undefined> {
    try {
      const body = await this.graph.get(auth, `/${id}`, { fields: 'id,permalink_url' });
      return { platformPostId: id, url: this.absoluteUrl(stringField(body, 'permalink_url'), id) };
    } catch (error) {
      if (error instanceof PermanentError && !error.authFailure && error.platformCode?.startsWith('100')) return undefined;
      throw error;
    }
  }
}

function videoStatusOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const status = (body as { status?: unknown }).status;
  return typeof status === 'object' && status !== null ? stringField(status, 'video_status') : undefined;
}

/** The byte range Facebook asks for next (`end_offset` exclusive). */
function offsetsOf(body: unknown): { start: number; end: number } {
  const start = Number(stringField(body, 'start_offset'));
  const end = Number(stringField(body, 'end_offset'));
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end)) {
    throw new RetryableError('Facebook answered the video upload without the next byte range; nothing was published.');
  }
  return { start, end };
}
