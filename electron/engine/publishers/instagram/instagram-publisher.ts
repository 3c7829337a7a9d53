// Publishes to an Instagram professional account through content publishing (platforms.md §3): create the
// container(s), wait until Instagram has fetched and processed the media, then media_publish. The container is the
// idempotency key: it is saved before media_publish, and its status_code later tells whether that call went through
// (PUBLISHED) or not (FINISHED: publish that same container again).
import { createHash } from 'node:crypto';
import { pollUntil } from '../base/polling';
import type { PublishContext } from '../base/publish-context';
import { AmbiguousError, PermanentError, RateLimitedError, RetryableError } from '../errors';
import type { ExistingPost, PublishResult } from '../publisher';
import { idOf, stringField, type GraphAuth } from '../graph/graph-client';
import { GraphPublisher } from '../graph/graph-publisher';
import { containerFailure, containerStatusOf, type ContainerStatus } from './instagram-container-status';
import { instagramCaption, planContainers, type InstagramKind } from './instagram-containers';
import { searchMedia } from './instagram-media-search';
import { quotaReached, readPublishingLimit, windowFreesAt } from './instagram-quota';

/** Ledger handle names. */
export const INSTAGRAM_HANDLES = {
  /** The container that is (or was) passed to media_publish. */
  container: 'container',
  /** A fingerprint of the content that container holds, so an edited post never reuses an old container. */
  containerContent: 'container-content',
  media: 'media',
} as const;

const PUBLISHING_LIMIT_CODE = '9/2207042';
const WEB_ORIGIN = 'https://www.instagram.com';

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
    const fingerprint = contentFingerprint(post.kind, context.text, context.mediaUrls);
    const handles = context.ledger.handles;
    let containerId: string | undefined;
    if (handles[INSTAGRAM_HANDLES.container] !== undefined && handles[INSTAGRAM_HANDLES.containerContent] === fingerprint) {
      const saved = handles[INSTAGRAM_HANDLES.container];
      const status = await this.readContainer(post.auth, saved);
      if (status?.state === 'PUBLISHED') return this.publishedResult(context, post);
      if (status?.state === 'FINISHED' || status?.state === 'IN_PROGRESS') containerId = saved;
    }

    const limit = await readPublishingLimit(this.graph, post.auth, post.igUserId);
    if (limit !== undefined && limit.used >= limit.total) {
      throw quotaReached(limit, await windowFreesAt(this.graph, post.auth, post.igUserId, limit.durationSeconds, this.now()));
    }

    if (containerId === undefined) {
      containerId = await this.createContainers(context, post);
      context.ledger.saveHandle(INSTAGRAM_HANDLES.containerContent, fingerprint);
      context.ledger.saveHandle(INSTAGRAM_HANDLES.container, containerId);
    }
    const status = await this.waitUntilProcessed(post.auth, containerId);
    if (status.state === 'PUBLISHED') return this.publishedResult(context, post);

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
    if (!igUserId) throw new PermanentError('This Instagram account has no account id. Reconnect it under Accounts.');
    const kind = context.settings.instagramKind ?? 'feed';
    return { igUserId, auth: { accessToken: context.accessToken, signal: context.signal }, kind, caption: instagramCaption(kind, context.text) };
  }

  /** Creates the carousel items (waiting until each is processed) and the container to publish; returns its id. */
  private async createContainers(context: PublishContext, post: Post): Promise<string> {
    const plan = planContainers(post.kind, post.caption, context.mediaUrls);
    const children: string[] = [];
    for (const fields of plan.children) children.push(await this.createContainer(post, fields));
    for (const child of children) {
      const status = await this.waitUntilProcessed(post.auth, child);
      if (status.state !== 'FINISHED') throw containerFailure(status);
    }
    return this.createContainer(post, children.length > 0 ? { ...plan.parent, children: children.join(',') } : plan.parent);
  }

  private async createContainer(post: Post, fields: Record<string, string>): Promise<string> {
    const body = await this.graph.post(post.auth, `/${post.igUserId}/media`, fields, 'upload');
    const id = idOf(body);
    if (id === undefined)
      throw new RetryableError('Instagram accepted the media without giving a container id; nothing was published, it will be tried again.');
    return id;
  }

  /** The container's status, or undefined when Instagram no longer knows it. */
  private async readContainer(auth: GraphAuth, containerId: string): Promise<ContainerStatus | undefined> {
    try {
      const status = containerStatusOf(await this.graph.get(auth, `/${containerId}`, { fields: 'status_code,status' }));
      if (status === undefined) throw new RetryableError('Instagram sent a container status the app cannot read; it will be tried again.');
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

function contentFingerprint(kind: InstagramKind, text: string, mediaUrls: readonly string[]): string {
  return createHash('sha256')
    .update(JSON.stringify([kind, text, mediaUrls]))
    .digest('hex')
    .slice(0, 32);
}
