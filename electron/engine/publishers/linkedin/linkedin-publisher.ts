// LinkedIn Posts API: upload images or a video as assets of the author, then create the post. The post's URN
// arrives in the x-restli-id header; a duplicate refusal names the existing post, which settles lost answers.
import { mediaKind } from '../../../../shared/media';
import { AmbiguousError, PermanentError } from '../errors';
import { BasePublisher } from '../base/base-publisher';
import type { PublishContext } from '../base/publish-context';
import type { PostingLimit } from '../base/publisher-config';
import { missingAccountId } from '../base/missing-account-id';
import type { AccountProfile, ExistingPost, ProfileQuery, PublishResult } from '../publisher';
import { LinkedInClient, type LinkedInAuth } from './linkedin-client';
import { DUPLICATE_POST, duplicateOf } from './linkedin-errors';
import { LINKEDIN_MEDIA_LIMITS, uploadLinkedInAsset, uploadLinkedInVideo, waitForLinkedInVideo } from './linkedin-media';
import { normaliseCommentary, toLittleText } from './linkedin-text';

/** Ledger handle names: the post's URN and each uploaded asset's URN. */
export const linkedInHandles = {
  post: 'post',
  image: (index: number): string => `image.${index}`,
  video: 'video.0',
  document: 'document.0',
};

/** Posts older than the attempt by up to this much still count: the two clocks may differ. */
const CLOCK_SKEW_MS = 2 * 60_000;

export function linkedInPostUrl(urn: string): string {
  return `https://www.linkedin.com/feed/update/${urn}`;
}

function result(urn: string): PublishResult {
  return { platformPostId: urn, url: linkedInPostUrl(urn) };
}

/** The text of the post: a link goes into the text when media takes the place of a link preview. */
function postText(context: PublishContext): string {
  const link = context.settings.link;
  return link && context.mediaUrls.length > 0 ? `${context.text}\n\n${link}` : context.text;
}

interface PostElement {
  id?: string;
  commentary?: string;
  createdAt?: number;
  publishedAt?: number;
}

export class LinkedInPublisher extends BasePublisher {
  readonly platform = 'linkedin' as const;
  protected readonly defaultApiOrigin = 'https://api.linkedin.com';
  // LinkedIn does not publish its member limits; about 150 posts a day is the figure seen in the field.
  protected override readonly defaultPostingLimit: PostingLimit = { capacity: 10, refillEveryMs: 10 * 60_000 };
  private linkedInClient: LinkedInClient | undefined;

  private get client(): LinkedInClient {
    this.linkedInClient ??= new LinkedInClient(this.http, (path) => this.apiUrl(path), this.now);
    return this.linkedInClient;
  }

  protected async publishContent(context: PublishContext): Promise<PublishResult> {
    const saved = context.ledger.handles[linkedInHandles.post];
    if (saved) return result(saved);
    const author = this.author(context);
    const auth: LinkedInAuth = { accessToken: context.accessToken, signal: context.signal };
    const content = await this.uploadMedia(context, auth, author);
    context.progress.phase('publishing');
    const link = context.settings.link;
    const body = {
      author,
      commentary: toLittleText(postText(context)),
      visibility: 'PUBLIC',
      distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
      lifecycleState: 'PUBLISHED',
      isReshareDisabledByAuthor: false,
      ...(content ? { content } : link ? { content: { article: { source: link, title: new URL(link).hostname } } } : {}),
    };

    let urn: string;
    try {
      const response = await this.client.send(auth, {
        method: 'POST',
        path: '/rest/posts',
        action: 'publish the post',
        createsPost: true,
        body: { type: 'json', value: body },
      });
      const id = response.header('x-restli-id');
      if (!id) throw new AmbiguousError(`LinkedIn answered HTTP ${response.status} without the post's id, so it may have been published.`);
      urn = id;
    } catch (error) {
      // The duplicate is the post an earlier attempt created (or an identical earlier post): LinkedIn names it.
      const existing = error instanceof PermanentError && error.platformCode === DUPLICATE_POST ? duplicateOf(error.message) : undefined;
      if (!existing) throw error;
      urn = existing;
    }
    context.ledger.saveHandle(linkedInHandles.post, urn);
    return result(urn);
  }

  /**
   * The saved URN, else the author's recent posts matched by commentary and time. When LinkedIn does not let the app
   * list posts (a restricted scope for members), a post with text counts as absent: publishing it again is safe
   * because LinkedIn refuses identical commentary with 422 DUPLICATE_POST naming the existing post.
   */
  protected override async findExistingContent(context: PublishContext): Promise<ExistingPost> {
    const saved = context.ledger.handles[linkedInHandles.post];
    if (saved) return { state: 'found', result: result(saved) };
    const author = this.author(context);
    const auth: LinkedInAuth = { accessToken: context.accessToken, signal: context.signal };
    const query = new URLSearchParams({ q: 'author', author, count: '20', sortBy: 'LAST_MODIFIED' });
    let elements: PostElement[];
    try {
      const response = await this.client.send(auth, {
        method: 'GET',
        path: `/rest/posts?${query.toString()}`,
        action: "read the account's recent posts",
      });
      elements = response.json<{ elements?: PostElement[] }>()?.elements ?? [];
    } catch (error) {
      if (!(error instanceof PermanentError) || error.authFailure) throw error;
      if (context.text.trim() !== '') return { state: 'absent' };
      return {
        state: 'unknown',
        reason: `LinkedIn did not let the app read this account's posts (${error.message}). Check the account on LinkedIn.`,
      };
    }
    const wanted = normaliseCommentary(postText(context));
    const match = elements.find(
      (post) =>
        post.id &&
        normaliseCommentary(post.commentary ?? '') === wanted &&
        (post.publishedAt ?? post.createdAt ?? 0) >= context.firstAttemptAt - CLOCK_SKEW_MS,
    );
    if (!match?.id) return { state: 'absent' };
    context.ledger.saveHandle(linkedInHandles.post, match.id);
    return { state: 'found', result: result(match.id) };
  }

  /**
   * OpenID Connect userinfo (scopes openid profile): the member's id, name and picture. A company page is not in
   * the member's profile: an organization URN the user gave is kept, the member's own URN is used otherwise.
   */
  protected async readProfileContent(accessToken: string, query: ProfileQuery): Promise<AccountProfile> {
    const response = await this.client.send(
      { accessToken, signal: query.signal },
      { method: 'GET', path: '/v2/userinfo', action: 'read the member profile' },
    );
    const member = response.json<{ sub?: string; name?: string; picture?: string }>();
    if (!member?.sub) throw new PermanentError('LinkedIn answered the profile read without a member id.');
    const organization = query.externalId?.startsWith('urn:li:organization:') ? query.externalId : null;
    return {
      externalId: organization ?? `urn:li:person:${member.sub}`,
      name: member.name ?? 'LinkedIn member',
      avatarUrl: organization ? null : (member.picture ?? null),
    };
  }

  /** The author URN: the account's person or organization URN (a bare id is a member). */
  private author(context: PublishContext): string {
    const id = context.account?.externalId;
    if (!id) throw missingAccountId('linkedin');
    return id.startsWith('urn:li:') ? id : `urn:li:person:${id}`;
  }

  /** Uploads (or reuses from the ledger) the post's media and returns the post's `content`, if any. */
  private async uploadMedia(context: PublishContext, auth: LinkedInAuth, author: string): Promise<object | undefined> {
    const [first] = context.media;
    if (first === undefined) return undefined;
    const kindOf = (index: number) => {
      const item = context.media[index];
      if (!item) return 'image';
      return item.source === 'file' ? item.facts.kind : mediaKind(item.url) === 'video' ? 'video' : 'image';
    };
    const firstKind = kindOf(0);
    if (firstKind === 'video') {
      let video = context.ledger.handles[linkedInHandles.video];
      if (!video) {
        const file = await context.openMedia(0, { maxBytes: LINKEDIN_MEDIA_LIMITS.video, expect: 'video' });
        video = await uploadLinkedInVideo(this.client, auth, author, file, context.progress.item(0, file.size));
        context.ledger.saveHandle(linkedInHandles.video, video);
      }
      context.progress.phase('processing');
      const name = first.source === 'file' ? first.name : first.url;
      await waitForLinkedInVideo(this.client, auth, video, name, { intervalMs: this.pollIntervalMs, timeoutMs: this.pollTimeoutMs, now: this.now });
      return { media: { id: video, ...(first.altText ? { altText: first.altText } : {}) } };
    }
    if (firstKind === 'document') {
      const file = await context.openMedia(0, { maxBytes: LINKEDIN_MEDIA_LIMITS.document });
      let document = context.ledger.handles[linkedInHandles.document];
      if (!document) {
        document = await uploadLinkedInAsset(this.client, auth, author, file, context.progress.item(0, file.size));
        context.ledger.saveHandle(linkedInHandles.document, document);
      }
      return { media: { id: document, title: file.name } };
    }
    const images: { id: string; altText?: string }[] = [];
    for (let index = 0; index < context.media.length; index += 1) {
      const file = await context.openMedia(index, { maxBytes: LINKEDIN_MEDIA_LIMITS.image, expect: 'image' });
      let image = context.ledger.handles[linkedInHandles.image(index)];
      if (!image) {
        image = await uploadLinkedInAsset(this.client, auth, author, file, context.progress.item(index, file.size));
        context.ledger.saveHandle(linkedInHandles.image(index), image);
      }
      images.push({ id: image, ...(file.altText ? { altText: file.altText } : {}) });
    }
    return images.length === 1 ? { media: images[0] } : { multiImage: { images } };
  }
}
