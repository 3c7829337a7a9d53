// Publishes to an Instagram professional account through content publishing (platforms.md §3): create the
// container(s), wait until Instagram has fetched and processed the media, then media_publish. The container is the
// idempotency key: it is saved before media_publish, and its status_code later tells whether that call went through
// (PUBLISHED) or not (FINISHED: publish that same container again). Instagram fetches media from public links: a
// link the user gave is passed on as it is; a photo from the media library goes to the user's media storage and is
// passed as a presigned link; a video from the library is pushed with Meta's resumable upload.
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { mediaKind } from '../../../../shared/media';
import type { PublishMedia } from '../base/media';
import { pollUntil } from '../base/polling';
import type { PublishContext } from '../base/publish-context';
import { AmbiguousError, PermanentError, RateLimitedError, RetryableError } from '../errors';
import type { LoginKind } from '../../../../shared/domain';
import { missingAccountId } from '../base/missing-account-id';
import type { AccountProfile, ExistingPost, ProfileQuery, PublishResult } from '../publisher';
import { idOf, stringField, type GraphAuth } from '../graph/graph-client';
import { GraphPublisher } from '../graph/graph-publisher';
import { containerFailure, containerStatusOf, type ContainerStatus } from './instagram-container-status';
import { instagramCaption, planContainers, type ContainerMedia, type ContainerSpec, type InstagramKind } from './instagram-containers';
import { searchMedia } from './instagram-media-search';
import { quotaReached, readPublishingLimit, windowFreesAt } from './instagram-quota';
import { uploadedBytes, uploadResumable } from './instagram-resumable-upload';

/** Ledger handle names. */
export const INSTAGRAM_HANDLES = {
  /** The container that is (or was) passed to media_publish. */
  container: 'container',
  /** A fingerprint of the content that container holds, so an edited post never reuses an old container. */
  containerContent: 'container-content',
  /** `<container> <uri>`: where that container's video goes with the resumable upload, should it arrive cut off. */
  upload: 'container-upload',
  media: 'media',
} as const;

const PUBLISHING_LIMIT_CODE = '9/2207042';
const MAX_IMAGE_BYTES = 8 * 1024 * 1024;
const MAX_VIDEO_BYTES = 300 * 1024 * 1024;
/** Files from the media library need a public link for Instagram to fetch; this says how to get one. */
const NO_STORAGE =
  'Instagram fetches photos from a public link, and no media storage is set up for files from your computer. Set one up under Settings → Media storage, or use a link to the photo.';
const WEB_ORIGIN = 'https://www.instagram.com';
/** The API host of tokens from Instagram Login (Instagram API with Instagram Login). */
const INSTAGRAM_LOGIN_API_ORIGIN = 'https://graph.instagram.com';

interface Post {
  igUserId: string;
  auth: GraphAuth;
  kind: InstagramKind;
  caption: string;
}

export class InstagramPublisher extends GraphPublisher {
  readonly platform = 'instagram' as const;

  protected async publishContent(context: PublishContext): Promise<PublishResult> {
    const post = this.postOf(context);
    const fingerprint = contentFingerprint(post.kind, context.text, context.media);
    const handles = context.ledger.handles;
    let containerId: string | undefined;
    if (handles[INSTAGRAM_HANDLES.container] !== undefined && handles[INSTAGRAM_HANDLES.containerContent] === fingerprint) {
      const saved = handles[INSTAGRAM_HANDLES.container];
      const status = await this.readContainer(post.auth, saved);
      if (status?.state === 'PUBLISHED') return this.publishedResult(context, post);
      if (status?.state === 'FINISHED') containerId = saved;
      if (status?.state === 'IN_PROGRESS' && (await this.finishUpload(context, post, saved))) containerId = saved;
    }

    const limit = await readPublishingLimit(this.graph, post.auth, post.igUserId);
    if (limit !== undefined && limit.used >= limit.total) {
      throw quotaReached(limit, await windowFreesAt(this.graph, post.auth, post.igUserId, limit.durationSeconds, this.now()));
    }

    containerId ??= await this.createContainers(context, post, fingerprint);
    context.progress.phase('processing');
    const status = await this.waitUntilProcessed(post.auth, containerId);
    if (status.state === 'PUBLISHED') return this.publishedResult(context, post);

    context.progress.phase('publishing');
    const mediaId = await this.mediaPublish(post, containerId);
    context.ledger.saveHandle(INSTAGRAM_HANDLES.media, mediaId);
    return { platformPostId: mediaId, url: await this.permalink(post, mediaId) };
  }

  protected override async findExistingContent(context: PublishContext): Promise<ExistingPost> {
    const post = this.postOf(context);
    const handles = context.ledger.handles;
    const mediaId = handles[INSTAGRAM_HANDLES.media];
    if (mediaId !== undefined) {
      const found = await this.readMedia(post.auth, mediaId);
      if (found) return { state: 'found', result: found };
    }
    const containerId = handles[INSTAGRAM_HANDLES.container];
    const status = containerId === undefined ? undefined : await this.readContainer(post.auth, containerId);
    if (status?.state === 'PUBLISHED') {
      const found = await this.findPublished(context, post);
      return found
        ? { state: 'found', result: found }
        : {
            state: 'unknown',
            reason:
              'Instagram shows the post as published, but it could not be told apart from the account’s other recent posts. Check the account and choose.',
          };
    }
    // Any other state means media_publish never went through with the saved container.
    if (status !== undefined) return { state: 'absent' };
    // No container known: media_publish was never called with one of ours, unless its handle was lost; look anyway
    // when the caption can recognise the post (a story or an uncaptioned post could be anyone's).
    const found = post.kind === 'story' || post.caption === '' ? undefined : await this.findPublished(context, post);
    return found ? { state: 'found', result: found } : { state: 'absent' };
  }

  private postOf(context: PublishContext): Post {
    const igUserId = context.account?.externalId;
    if (!igUserId) throw missingAccountId('instagram');
    const kind = context.settings.instagramKind ?? 'feed';
    const auth = this.authFor(context.accessToken, context.signal, context.account?.loginKind ?? null);
    return { igUserId, auth, kind, caption: instagramCaption(kind, context.text) };
  }

  /** Instagram Login tokens work on graph.instagram.com; tokens from a Facebook Page on graph.facebook.com. */
  private authFor(accessToken: string, signal: AbortSignal | undefined, loginKind: LoginKind | null): GraphAuth {
    return { accessToken, signal, ...(loginKind === 'instagram' ? { origin: INSTAGRAM_LOGIN_API_ORIGIN } : {}) };
  }

  /**
   * Instagram Login: /me is the professional account. Through a Facebook Page: the account the user named, or the
   * one linked to the Page the token belongs to.
   */
  protected async readProfileContent(accessToken: string, query: ProfileQuery): Promise<AccountProfile> {
    const auth = this.authFor(accessToken, query.signal, query.loginKind);
    const fields = 'id,username,name,profile_picture_url';
    let account: unknown;
    if (query.loginKind === 'instagram') {
      account = await this.graph.get(auth, '/me', { fields: `user_id,${fields}` });
    } else if (query.externalId !== null) {
      account = await this.graph.get(auth, `/${query.externalId}`, { fields });
    } else {
      const page = (await this.graph.get(auth, '/me', { fields: `instagram_business_account{${fields}}` })) as {
        instagram_business_account?: unknown;
      };
      account = page.instagram_business_account;
      if (account === undefined) throw missingAccountId('instagram');
    }
    const id = stringField(account, 'user_id') ?? stringField(account, 'id');
    if (!id) throw new PermanentError('Instagram answered the profile read without an account id.');
    const username = stringField(account, 'username');
    return {
      externalId: id,
      name: username ? `@${username}` : (stringField(account, 'name') ?? `Instagram ${id}`),
      avatarUrl: stringField(account, 'profile_picture_url') ?? null,
    };
  }

  /**
   * Creates the carousel items (waiting until each is processed) and the container to publish, saved with the
   * content's fingerprint before its video (if any) goes up, so a cut upload resumes in the next attempt.
   */
  private async createContainers(context: PublishContext, post: Post, fingerprint: string): Promise<string> {
    const plan = planContainers(post.kind, post.caption, await this.containerMedia(context));
    const children: string[] = [];
    for (const [index, spec] of plan.children.entries()) children.push(await this.createContainer(context, post, spec, index));
    for (const child of children) {
      const status = await this.waitUntilProcessed(post.auth, child);
      if (status.state !== 'FINISHED') throw containerFailure(status);
    }
    const parent: ContainerSpec = children.length > 0 ? { fields: { ...plan.parent.fields, children: children.join(',') } } : plan.parent;
    return this.createContainer(context, post, parent, 0, (id, uri) => {
      context.ledger.saveHandle(INSTAGRAM_HANDLES.containerContent, fingerprint);
      context.ledger.saveHandle(INSTAGRAM_HANDLES.container, id);
      if (uri !== undefined) context.ledger.saveHandle(INSTAGRAM_HANDLES.upload, `${id} ${uri}`);
    });
  }

  /** Creates one container and sends its video when it takes a resumable upload; `created` runs before the upload. */
  private async createContainer(
    context: PublishContext,
    post: Post,
    spec: ContainerSpec,
    index: number,
    created?: (id: string, uri: string | undefined) => void,
  ): Promise<string> {
    let body: unknown;
    try {
      body = await this.graph.post(post.auth, `/${post.igUserId}/media`, spec.fields, 'upload');
    } catch (error) {
      if (spec.stored === undefined || !(error instanceof PermanentError) || error.platformCode !== '9004/2207052') throw error;
      throw new PermanentError(
        `Instagram could not download ${spec.stored} from your media storage (${error.message}). The storage must be reachable from the internet; check it with Test under Settings → Media storage.`,
        { platformCode: error.platformCode, ...(error.httpStatus === undefined ? {} : { httpStatus: error.httpStatus }) },
      );
    }
    const id = idOf(body);
    if (id === undefined) throw new RetryableError('Instagram accepted the media without giving a container id; nothing was published.');
    const uri = spec.upload ? stringField(body, 'uri') : undefined;
    if (spec.upload && uri === undefined) {
      throw new RetryableError('Instagram created the video container without an upload address; nothing was published.');
    }
    created?.(id, uri);
    if (spec.upload && uri !== undefined) {
      const file = spec.upload;
      await uploadResumable({
        http: this.http,
        graph: this.graph,
        auth: post.auth,
        containerId: id,
        uri,
        file,
        progress: context.progress.item(index, file.size),
      });
    }
    return id;
  }

  /**
   * What each medium becomes in a container: a link as given; a library photo uploaded to the media storage and
   * passed as a presigned link (valid an hour); a library video pushed with the resumable upload. Every account
   * here signs in through Facebook Login (graph.facebook.com), where Meta offers that upload.
   */
  private async containerMedia(context: PublishContext): Promise<ContainerMedia[]> {
    const media: ContainerMedia[] = [];
    for (const [index, item] of (context.media as readonly PublishMedia[]).entries()) {
      if (item.source === 'link') {
        media.push({ kind: mediaKind(item.url) === 'video' ? 'video' : 'image', url: item.url, altText: item.altText });
        continue;
      }
      if (item.facts.kind === 'video') {
        media.push({ kind: 'video', upload: await context.openMedia(index, { maxBytes: MAX_VIDEO_BYTES, expect: 'video' }), altText: item.altText });
        continue;
      }
      if (!context.publicLinks) throw new PermanentError(NO_STORAGE, { platformCode: 'no-media-storage' });
      const file = await context.openMedia(index, { maxBytes: MAX_IMAGE_BYTES, expect: 'image' });
      const progress = context.progress.item(index, file.size);
      const url = await context.publicLinks.linkFor(file, { ...(context.signal ? { signal: context.signal } : {}), onBodyProgress: progress.add });
      media.push({ kind: 'image', url, altText: item.altText, stored: file.name });
    }
    return media;
  }

  /**
   * A saved container still IN_PROGRESS: when its video was being pushed, the upload continues where Meta's copy
   * ends. False when the container cannot be used (its upload state is unknown): a new one is made.
   */
  private async finishUpload(context: PublishContext, post: Post, containerId: string): Promise<boolean> {
    const [uploadOf, uri] = (context.ledger.handles[INSTAGRAM_HANDLES.upload] ?? '').split(' ');
    if (uploadOf !== containerId || uri === undefined) return true;
    const item = context.media[0];
    if (item?.source !== 'file') return true;
    const uploaded = await uploadedBytes(this.graph, post.auth, containerId);
    if (uploaded === undefined) return false;
    if (uploaded.complete) return true;
    const file = await context.openMedia(0, { maxBytes: MAX_VIDEO_BYTES, expect: 'video' });
    await uploadResumable(
      { http: this.http, graph: this.graph, auth: post.auth, containerId, uri, file, progress: context.progress.item(0, file.size) },
      uploaded.bytes,
    );
    return true;
  }

  /** The container's status, or undefined when Instagram no longer knows it. */
  private async readContainer(auth: GraphAuth, containerId: string): Promise<ContainerStatus | undefined> {
    try {
      const status = containerStatusOf(await this.graph.get(auth, `/${containerId}`, { fields: 'status_code,status' }));
      if (status === undefined) throw new RetryableError('Instagram sent a container status the app cannot read.');
      return status;
    } catch (error) {
      if (isUnknownObject(error)) return undefined;
      throw error;
    }
  }

  /**
   * Waits while the container is IN_PROGRESS; ERROR and EXPIRED become errors, FINISHED and PUBLISHED are returned.
   * A status read that fails for a passing reason counts as "still in progress" until the wait runs out.
   */
  private async waitUntilProcessed(auth: GraphAuth, containerId: string): Promise<ContainerStatus> {
    let last: ContainerStatus = { state: 'IN_PROGRESS', text: 'not read yet' };
    const status = await pollUntil(
      async () => {
        let current: ContainerStatus | undefined;
        try {
          current = await this.readContainer(auth, containerId);
        } catch (error) {
          if (error instanceof RetryableError) return last;
          throw error;
        }
        if (current === undefined) throw new RetryableError('Instagram no longer knows the prepared media; it will be prepared again.');
        last = current;
        return current;
      },
      (current) => current.state !== 'IN_PROGRESS',
      {
        intervalMs: this.pollIntervalMs,
        timeoutMs: this.pollTimeoutMs,
        now: this.now,
        what: 'Instagram processing the media',
        ...(auth.signal ? { signal: auth.signal } : {}),
      },
    );
    if (status.state === 'ERROR' || status.state === 'EXPIRED') throw containerFailure(status);
    return status;
  }

  private async mediaPublish(post: Post, containerId: string): Promise<string> {
    let body: unknown;
    try {
      body = await this.graph.post(post.auth, `/${post.igUserId}/media_publish`, { creation_id: containerId }, 'create');
    } catch (error) {
      if (!(error instanceof RateLimitedError) || error.platformCode !== PUBLISHING_LIMIT_CODE) throw error;
      const retryAt = await windowFreesAt(this.graph, post.auth, post.igUserId, 86_400, this.now());
      throw new RateLimitedError(error.message, retryAt, {
        platformCode: PUBLISHING_LIMIT_CODE,
        ...(error.httpStatus === undefined ? {} : { httpStatus: error.httpStatus }),
      });
    }
    const mediaId = idOf(body);
    if (mediaId === undefined)
      throw new AmbiguousError(
        'Instagram answered media_publish without a media id, so the post may have been published; checking before trying again.',
      );
    return mediaId;
  }

  /** The result for a container Instagram shows as PUBLISHED; ambiguous when its media cannot be identified. */
  private async publishedResult(context: PublishContext, post: Post): Promise<PublishResult> {
    const found = await this.findPublished(context, post);
    if (found) return found;
    throw new AmbiguousError('Instagram shows the post as published, but the app could not find which post it became.');
  }

  private async findPublished(context: PublishContext, post: Post): Promise<PublishResult | undefined> {
    const media = await searchMedia(this.graph, post.auth, {
      igUserId: post.igUserId,
      caption: post.caption,
      isStory: post.kind === 'story',
      firstAttemptAt: context.firstAttemptAt,
    });
    if (!media) return undefined;
    context.ledger.saveHandle(INSTAGRAM_HANDLES.media, media.id);
    return { platformPostId: media.id, url: media.permalink ?? (await this.permalink(post, media.id)) };
  }

  private async readMedia(auth: GraphAuth, mediaId: string): Promise<PublishResult | undefined> {
    try {
      const body = await this.graph.get(auth, `/${mediaId}`, { fields: 'id,permalink' });
      return { platformPostId: mediaId, url: stringField(body, 'permalink') ?? `${WEB_ORIGIN}/` };
    } catch (error) {
      if (isUnknownObject(error)) return undefined;
      throw error;
    }
  }

  /** The post's link; the post is live, so a failed read falls back to the account's profile rather than failing. */
  private async permalink(post: Post, mediaId: string): Promise<string> {
    try {
      const permalink = stringField(await this.graph.get(post.auth, `/${mediaId}`, { fields: 'permalink' }), 'permalink');
      if (permalink) return permalink;
    } catch {
      // Fall through to the profile link.
    }
    try {
      const username = stringField(await this.graph.get(post.auth, `/${post.igUserId}`, { fields: 'username' }), 'username');
      if (username) return `${WEB_ORIGIN}/${encodeURIComponent(username)}/`;
    } catch {
      // Fall through to Instagram's home page.
    }
    return `${WEB_ORIGIN}/`;
  }
}

/** Graph's "object does not exist or cannot be loaded" (100/33, or any 100 on a read of one id). */
function isUnknownObject(error: unknown): boolean {
  return error instanceof PermanentError && !error.authFailure && (error.platformCode === '100/33' || error.platformCode === '100');
}

/** What the post holds: library files by their stored name (their SHA-256), links by address, with alt texts. */
function contentFingerprint(kind: InstagramKind, text: string, media: readonly PublishMedia[]): string {
  const items = media.map((item) => (item.source === 'link' ? [item.url, item.altText ?? ''] : [basename(item.path), item.altText ?? '']));
  return createHash('sha256')
    .update(JSON.stringify([kind, text, items]))
    .digest('hex')
    .slice(0, 32);
}
