// X (Twitter) API v2: media through the chunked upload, then the post, then each thread reply to the one before.
// Every id is saved in the ledger as soon as X gives it, so a half-posted thread resumes instead of posting again.
import { AmbiguousError, PermanentError } from '../errors';
import { BasePublisher } from '../base/base-publisher';
import { mediaKind } from '../../../../shared/media';
import type { PublishContext } from '../base/publish-context';
import type { PostingLimit } from '../base/publisher-config';
import type { AccountProfile, ExistingPost, ProfileQuery, PublishResult } from '../publisher';
import { TwitterClient, type TwitterAuth } from './twitter-client';
import { DUPLICATE_CONTENT } from './twitter-errors';
import { twitterLimitFor, uploadTwitterMedia } from './twitter-media';
import { currentUserId, findPost, recentPosts } from './twitter-timeline';

/** Ledger handle names: the id of thread post `i` (0 = the post itself) and of uploaded media `i`. */
export const twitterHandles = {
  post: (index: number): string => `post.${index}`,
  media: (index: number): string => `media.${index}`,
  mediaExpiresAt: (index: number): string => `media.${index}.expiresAt`,
};

/** A saved media id is reused only while it has at least this long to live. */
const MEDIA_REUSE_MARGIN_MS = 10 * 60_000;

export function twitterPostUrl(id: string): string {
  return `https://x.com/i/web/status/${id}`;
}

export class TwitterPublisher extends BasePublisher {
  readonly platform = 'twitter' as const;
  protected readonly defaultApiOrigin = 'https://api.x.com';
  // X allows 100 posts per 15 minutes per user: one token every 9 s, bursts of 25.
  protected override readonly defaultPostingLimit: PostingLimit = { capacity: 25, refillEveryMs: 9_000 };
  private twitterClient: TwitterClient | undefined;

  private get client(): TwitterClient {
    this.twitterClient ??= new TwitterClient(this.http, (path) => this.apiUrl(path), this.now);
    return this.twitterClient;
  }

  protected async publishContent(context: PublishContext): Promise<PublishResult> {
    const texts = [context.text, ...(context.settings.thread ?? [])];
    const auth: TwitterAuth = { accessToken: context.accessToken, signal: context.signal };
    const ids = texts.map((_, index) => context.ledger.handles[twitterHandles.post(index)]);
    const mediaIds = ids[0] ? [] : await this.uploadMedia(context, auth);
    context.progress.phase('publishing');
    for (let index = 0; index < texts.length; index += 1) {
      if (ids[index]) continue;
      const id = await this.createPost(context, auth, {
        text: texts[index],
        mediaIds: index === 0 ? mediaIds : [],
        replyTo: index === 0 ? undefined : ids[index - 1],
        what: texts.length === 1 ? 'publish the post' : `publish post ${index + 1} of the thread`,
        taken: new Set(ids.filter((value): value is string => value !== undefined)),
      });
      ids[index] = id;
      context.ledger.saveHandle(twitterHandles.post(index), id);
    }
    return { platformPostId: ids[0] as string, url: twitterPostUrl(ids[0] as string) };
  }

  /** Saved ids first; then the account's posts since the first attempt, matched by text and reply chain. */
  protected override async findExistingContent(context: PublishContext): Promise<ExistingPost> {
    const texts = [context.text, ...(context.settings.thread ?? [])];
    const ids = texts.map((_, index) => context.ledger.handles[twitterHandles.post(index)]);
    if (ids.every((id) => id !== undefined))
      return { state: 'found', result: { platformPostId: ids[0] as string, url: twitterPostUrl(ids[0] as string) } };

    const auth: TwitterAuth = { accessToken: context.accessToken, signal: context.signal };
    let timeline;
    try {
      const userId = await currentUserId(this.client, auth, context.account?.externalId);
      timeline = await recentPosts(this.client, auth, userId, context.firstAttemptAt);
    } catch (error) {
      if (error instanceof PermanentError && !error.authFailure) {
        return { state: 'unknown', reason: `X did not let the app read this account's recent posts (${error.message}). Check the account on X.` };
      }
      throw error;
    }
    const taken = new Set(ids.filter((value): value is string => value !== undefined));
    for (let index = 0; index < texts.length; index += 1) {
      if (ids[index]) continue;
      const match = findPost(timeline, texts[index], index === 0 ? undefined : ids[index - 1], taken);
      // The rest of the thread was never posted: publishing again resumes from the ids saved so far.
      if (!match) return { state: 'absent' };
      ids[index] = match.id;
      taken.add(match.id);
      context.ledger.saveHandle(twitterHandles.post(index), match.id);
    }
    return { state: 'found', result: { platformPostId: ids[0] as string, url: twitterPostUrl(ids[0] as string) } };
  }

  /** GET /2/users/me: the user's id, handle and picture. */
  protected async readProfileContent(accessToken: string, query: ProfileQuery): Promise<AccountProfile> {
    const response = await this.client.send(
      { accessToken, signal: query.signal },
      { method: 'GET', path: '/2/users/me?user.fields=profile_image_url', action: 'read the account' },
    );
    const user = response.json<{ data?: { id?: string; username?: string; profile_image_url?: string } }>()?.data;
    if (!user?.id || !user.username) throw new PermanentError('X answered the profile read without a user.');
    return { externalId: user.id, name: `@${user.username}`, avatarUrl: user.profile_image_url ?? null };
  }

  private async uploadMedia(context: PublishContext, auth: TwitterAuth): Promise<string[]> {
    const ids: string[] = [];
    for (const [index, item] of context.media.entries()) {
      const saved = context.ledger.handles[twitterHandles.media(index)];
      const savedExpiry = Number(context.ledger.handles[twitterHandles.mediaExpiresAt(index)] ?? 0);
      if (saved && savedExpiry - this.now() > MEDIA_REUSE_MARGIN_MS) {
        ids.push(saved);
        continue;
      }
      const url = item.source === 'link' ? item.url : item.name;
      const kind = (item.source === 'file' ? item.facts.kind : mediaKind(url)) === 'video' ? 'video' : 'image';
      const file = await context.openMedia(index, { maxBytes: twitterLimitFor(kind, url), expect: kind });
      const uploaded = await uploadTwitterMedia(this.client, auth, file, {
        pollIntervalMs: this.config.pollIntervalMs,
        pollTimeoutMs: this.pollTimeoutMs,
        now: this.now,
        progress: context.progress,
        index,
      });
      if (file.altText) await this.describeMedia(auth, uploaded.id, file.altText, file.name);
      context.ledger.saveHandle(twitterHandles.media(index), uploaded.id);
      context.ledger.saveHandle(twitterHandles.mediaExpiresAt(index), String(uploaded.expiresAt));
      ids.push(uploaded.id);
    }
    return ids;
  }

  /** Alt text goes to X's media metadata endpoint before the post is made. */
  private async describeMedia(auth: TwitterAuth, mediaId: string, altText: string, name: string): Promise<void> {
    await this.client.send(auth, {
      method: 'POST',
      path: '/2/media/metadata',
      action: `add the description of ${name}`,
      body: { type: 'json', value: { id: mediaId, metadata: { alt_text: { text: altText.slice(0, 1000) } } } },
    });
  }

  private async createPost(
    context: PublishContext,
    auth: TwitterAuth,
    post: { text: string; mediaIds: string[]; replyTo: string | undefined; what: string; taken: Set<string> },
  ): Promise<string> {
    const body = {
      text: post.text,
      ...(post.mediaIds.length > 0 ? { media: { media_ids: post.mediaIds } } : {}),
      ...(post.replyTo ? { reply: { in_reply_to_tweet_id: post.replyTo } } : {}),
    };
    try {
      const response = await this.client.send(auth, {
        method: 'POST',
        path: '/2/tweets',
        body: { type: 'json', value: body },
        action: post.what,
        createsPost: true,
      });
      const id = response.json<{ data?: { id?: string } }>()?.data?.id;
      if (!id) throw new AmbiguousError(`X answered HTTP ${response.status} to ${post.what} without the post's id, so it may have been published.`);
      return id;
    } catch (error) {
      if (!(error instanceof PermanentError && error.platformCode === DUPLICATE_CONTENT)) throw error;
      // The duplicate may be this very post, created by an attempt whose answer was lost.
      const existing = await this.findDuplicate(context, auth, post.text, post.replyTo, post.taken);
      if (existing) return existing;
      throw new PermanentError(`X refused to ${post.what}: this account already posted the same text earlier. Change the text, then retry.`, {
        httpStatus: 403,
        platformCode: DUPLICATE_CONTENT,
      });
    }
  }

  private async findDuplicate(
    context: PublishContext,
    auth: TwitterAuth,
    text: string,
    replyTo: string | undefined,
    taken: Set<string>,
  ): Promise<string | undefined> {
    try {
      const userId = await currentUserId(this.client, auth, context.account?.externalId);
      return findPost(await recentPosts(this.client, auth, userId, context.firstAttemptAt), text, replyTo, taken)?.id;
    } catch (error) {
      // Without read access the duplicate cannot be identified: it stays a refusal.
      if (error instanceof PermanentError && !error.authFailure) return undefined;
      throw error;
    }
  }
}
