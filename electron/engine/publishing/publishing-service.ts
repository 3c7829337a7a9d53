// Creates, edits, schedules, publishes now, cancels and retries posts. Each user action decides on the post as
// stored and hands the store one change, applied in one transaction with every target guarded; if a target moved
// in between (the worker claimed it), the action decides again on what is stored now. The queue follows the
// committed rows (queue-jobs.ts), and every answer is built from them.
import { randomUUID } from 'node:crypto';
import type { ParsedInput } from '../../../shared/contract/channels';
import { PLATFORM_LABELS, type PostView, type TargetOptions } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { needsPublicLink, noMediaStorageMessage } from '../../../shared/media-rules';
import { checkTarget, type TargetMediaItem } from '../../../shared/platform-rules';
import { matchesSearch, searchWords } from '../../../shared/post-filter';
import type { AccountRow, NewTargetRow, PostRow, TargetRow } from '../db/tables';
import type { PostMediaInput, ResolvedPostMedia } from '../media/post-media';
import { earlierResult, earlierResultGone, idempotencyRow, requestDigest, type IdempotentRequest } from '../idempotency';
import type { PublishingContext } from './context';
import { announcePost, storedPostView } from './post-events';
import { syncTargetJobs } from './queue-jobs';
import { reconnectAdvice } from './reconnect-advice';
import type { SlotService } from '../slots/slot-service';
import type { PostChange, SlotPlacement, StoredPost, TargetMove } from './store/target-store';
import { parseJson, postView } from './views';

/** A scheduled time this far in the past still counts as "now" (the user clicked at 09:00:00.4). */
const PAST_GRACE_MS = 60_000;
/** posts:list answers at most this many posts unless asked for a limit. */
const DEFAULT_LIST_LIMIT = 5000;
/** A change that meets a moved target is decided again on the new state, this many times at most. */
const DECISION_ROUNDS = 3;

type TargetInput = ParsedInput<'posts:create'>['targets'][number];

/** draft: kept, no job. schedule: due at its time. now: due at once. */
export type SaveMode = 'draft' | 'schedule' | 'now';

/** One save of a post: a new one (no id: text, targets and mode required) or an edit of an existing one. */
export interface SaveRequest {
  id?: string | undefined;
  text?: string | undefined;
  mediaUrls?: string[] | undefined;
  /** The post's media in order (library items and links); replaces mediaUrls when given. */
  media?: PostMediaInput[] | undefined;
  targets?: TargetInput[] | undefined;
  /** Omitted on an edit: the post keeps its state (a scheduled post stays scheduled, at its new time if one is given). */
  mode?: SaveMode | undefined;
  scheduledAt?: string | null | undefined;
  timeZone?: string | undefined;
  /** A new post only: the same key sent again answers with the post the first request made. */
  idempotencyKey?: string | undefined;
}

/** "Add to queue": the post's whole content (as the composer sends it; omitted media means none) and its accounts. */
export type QueueRequest = ParsedInput<'posts:queue'>;

export class PublishingService {
  /** The "Add to queue" in progress; the next one starts when it has settled. */
  private queueing: Promise<void> = Promise.resolve();
  /** `slots` answers "Add to queue" with each account's next free posting slot; without it, queueing is refused. */
  constructor(
    private readonly ctx: PublishingContext,
    private readonly slots?: Pick<SlotService, 'nextFree'>,
  ) {}

  // Reads.

  async getPost(postId: string): Promise<PostView> {
    return storedPostView(this.ctx, await this.load(postId));
  }

  async listPosts(input: ParsedInput<'posts:list'>): Promise<PostView[]> {
    const words = searchWords(input.search);
    const limit = input.limit ?? DEFAULT_LIST_LIMIT;
    const query: Parameters<PublishingContext['store']['posts']>[0] = {
      order: input.order,
      // Words are matched here, on the views (as the UI matches them), so the cap applies after them.
      limit: words.length > 0 ? null : limit,
    };
    if (input.from) query.from = Date.parse(input.from);
    if (input.to) query.to = Date.parse(input.to);
    if (input.status) query.statuses = input.status;
    if (input.accountIds) query.accountIds = input.accountIds;
    if (input.platforms) query.platforms = input.platforms;
    const stored = await this.ctx.store.posts(query);
    const media = this.ctx.postMedia?.views(stored.map(({ post }) => post.id));
    const views = stored.map(({ post, targets }) => postView(post, targets, media?.get(post.id)));
    return words.length > 0 ? views.filter((view) => matchesSearch(view, words)).slice(0, limit) : views;
  }

  // Writing posts.

  /** Creates a post, or edits one, and queues it as its mode says: one user action, one transaction. */
  async save(request: SaveRequest): Promise<PostView> {
    return request.id === undefined ? this.create(request) : this.edit(request.id, request);
  }

  async deletePost(postId: string): Promise<void> {
    const deleted = await this.ctx.store.deletePost(postId);
    if (!deleted.ok) {
      if (deleted.reason === 'gone') throw notFound(postId);
      throw conflict('This post is being published right now; delete it when it has finished.');
    }
    await syncTargetJobs(this.ctx, deleted.targets, []);
    this.ctx.events.emit('post:deleted', { postId });
  }

  /**
   * Before an account is removed: each waiting post lets go of it (its target for the account is cancelled, its
   * other platforms go ahead). Refused while one of them is being published to that account right now.
   */
  async releaseAccount(accountId: string): Promise<PostView[]> {
    const stored = await this.ctx.store.posts({ accountIds: [accountId], statuses: ['scheduled', 'publishing', 'failed'], limit: null });
    const changed: PostView[] = [];
    for (const { post } of stored) {
      const mine = (targets: readonly TargetRow[]) => targets.filter((target) => target.account_id === accountId);
      if (!mine((await this.load(post.id)).targets).some((target) => target.status === 'pending' || target.status === 'publishing')) continue;
      changed.push(
        await this.decide(post.id, ({ targets }) => {
          if (mine(targets).some((target) => target.status === 'publishing')) {
            throw conflict('A post is being published to this account right now; remove the account when it has finished.');
          }
          return {
            moves: mine(targets)
              .filter((target) => target.status === 'pending')
              .map((target) => ({ targetId: target.id, transition: 'cancel' as const })),
          };
        }),
      );
    }
    return changed;
  }

  // Moving posts through their life.

  async publishNow(postId: string): Promise<PostView> {
    return this.edit(postId, { mode: 'now' });
  }

  async reschedulePost(postId: string, scheduledAt: string, timeZone?: string): Promise<PostView> {
    return this.edit(postId, { scheduledAt, timeZone }, (post) => {
      if (post.status !== 'scheduled' && post.status !== 'draft' && post.status !== 'cancelled') {
        throw conflict(`This post is ${post.status}; only scheduled posts, drafts and cancelled posts can be moved.`);
      }
      // A cancelled post moved to a new time is scheduled again.
      return post.status === 'cancelled' ? 'schedule' : undefined;
    });
  }

  /** Cancel: the targets move to cancelled first, then their jobs go; a job that still runs finds its target moved. */
  async cancelScheduledPost(postId: string): Promise<PostView> {
    return this.decide(postId, ({ post, targets }) => {
      if (targets.some((target) => target.status === 'publishing')) {
        throw conflict('This post is being published right now; it can no longer be cancelled.');
      }
      const cancellable = post.status === 'draft' ? [] : targets.filter((target) => target.status === 'pending');
      if (cancellable.length === 0) {
        throw conflict(
          post.status === 'cancelled' ? 'This post is already cancelled.' : `This post is ${post.status}; there is nothing waiting to cancel.`,
        );
      }
      return { moves: cancellable.map((target) => ({ targetId: target.id, transition: 'cancel' as const })) };
    });
  }

  async retryFailed(postId: string, targetId?: string): Promise<PostView> {
    return this.decide(postId, async ({ targets }) => {
      if (targetId && !targets.some((target) => target.id === targetId)) {
        throw new AppError({ code: 'validation', field: 'targetId', message: `targetId: this post has no target ${targetId}.` });
      }
      // An unknown target may be live: it is retried only when the user names it, never with "retry all".
      const retryable = targets.filter((target) =>
        targetId ? target.id === targetId && (target.status === 'failed' || target.status === 'unknown') : target.status === 'failed',
      );
      if (retryable.length === 0) throw conflict('Nothing to retry: no target of this post has failed.');
      await this.refuseUnusableAccounts(retryable);
      const now = this.ctx.now();
      return {
        post: { status: 'publishing' },
        moves: retryable.map((target) => ({ targetId: target.id, transition: 'requeue' as const, dueAt: now })),
      };
    });
  }

  /**
   * Sends these failed targets of one post again: now (`scheduledAt` null), or at a later time, when the post is
   * scheduled again. The wake summary's "Publish now" and "Reschedule" on the targets that missed their time.
   */
  async requeueFailed(postId: string, targetIds: readonly string[], scheduledAt: number | null): Promise<PostView> {
    return this.decide(postId, async ({ targets }) => {
      const requeued = targets.filter((target) => targetIds.includes(target.id) && target.status === 'failed');
      if (requeued.length === 0) throw conflict('Nothing to send again: none of these targets has failed.');
      await this.refuseUnusableAccounts(requeued);
      const dueAt = scheduledAt ?? this.ctx.now();
      return {
        post: scheduledAt === null ? { status: 'publishing' } : { status: 'scheduled', scheduled_at: scheduledAt },
        moves: requeued.map((target) => ({ targetId: target.id, transition: 'requeue' as const, dueAt })),
      };
    });
  }

  /** The user checked the platform after an outcome we could not confirm. */
  async resolveUnknown(input: ParsedInput<'publishing:resolveUnknown'>): Promise<PostView> {
    const found = await this.ctx.store.target(input.targetId);
    if (!found) throw new AppError({ code: 'not_found', field: 'targetId', message: `targetId: no target ${input.targetId}.` });
    if (input.outcome === 'retry') return this.retryFailed(found.post_id, found.id);
    return this.decide(found.post_id, ({ targets }) => {
      const target = targets.find((candidate) => candidate.id === input.targetId);
      if (!target) throw new AppError({ code: 'not_found', field: 'targetId', message: `targetId: no target ${input.targetId}.` });
      if (target.status !== 'unknown') throw conflict(`This target is ${target.status}, not waiting for your check.`);
      const move: TargetMove =
        input.outcome === 'published'
          ? { targetId: target.id, transition: 'resolvePublished', url: input.platformPostUrl ?? null }
          : { targetId: target.id, transition: 'resolveFailed', message: 'You marked this as not published.' };
      return { moves: [move] };
    });
  }

  // Posting slots (Buffer's queue).

  /**
   * Puts a post into the next free posting slot of each of its accounts, each read in its account's zone. Like
   * Buffer, where every channel has its own queue and a post for several channels becomes one post in each, every
   * account gets its own next slot: accounts whose next slots fall at the same instant share one post, and the others
   * get a post of their own at their slot. Waiting for the earliest slot they have in common would leave each
   * account's earlier free slots empty and could push the post days out, which is not what "Add to queue" promises.
   * Given an `id` (the draft being written), that post takes the earliest slot and the rest are new posts.
   */
  addToQueue(request: QueueRequest): Promise<PostView[]> {
    // One at a time: a burst of clicks would otherwise all pick the same free slot and retry against each other.
    const placed = this.queueing.then(() => this.placeInQueue(request));
    this.queueing = placed.then(
      () => undefined,
      () => undefined,
    );
    return placed;
  }

  private async placeInQueue(request: QueueRequest): Promise<PostView[]> {
    if (!this.slots) throw new AppError({ code: 'validation', field: 'targets', message: 'targets: this engine has no posting slots.' });
    const media = this.resolveMedia(request.media);
    const mediaUrls = media?.links ?? request.mediaUrls ?? [];
    const idempotent: IdempotentRequest | undefined =
      request.idempotencyKey === undefined
        ? undefined
        : { key: request.idempotencyKey, kind: 'queue', digest: requestDigest({ ...request, idempotencyKey: undefined, mediaUrls }) };
    if (idempotent) {
      const earlier = earlierResult(await this.ctx.store.idempotencyKey(idempotent.key), idempotent);
      if (earlier !== undefined) return this.earlierPosts(earlier);
    }
    const accounts = await this.accountsFor(request.targets);
    await this.checkRules(request.text, mediaUrls, request.targets, accounts, media?.items);
    for (let round = 1; ; round += 1) {
      const existing = request.id === undefined ? undefined : await this.load(request.id);
      if (existing) refuseQueueing(existing);
      const next = await this.slots.nextFree(accounts, request.id === undefined ? [] : [request.id]);
      // One group per slot instant, earliest first; an account keeps its place in the request within its group.
      const groups = new Map<number, { timeZone: string; indexes: number[] }>();
      accounts.forEach((account, index) => {
        const slot = next.get(account.id) as { at: number; timeZone: string };
        const group = groups.get(slot.at) ?? { timeZone: slot.timeZone, indexes: [] };
        group.indexes.push(index);
        groups.set(slot.at, group);
      });
      const ordered = [...groups.entries()].sort(([a], [b]) => a - b);
      const now = this.ctx.now();
      const placement: SlotPlacement = {
        slots: accounts.map((account) => ({ accountId: account.id, at: (next.get(account.id) as { at: number }).at })),
        creates: [],
        key: undefined,
      };
      const createdIds: string[] = [];
      ordered.forEach(([at, group], position) => {
        const postId = position === 0 && existing ? existing.post.id : randomUUID();
        const targets = group.indexes.map((index) =>
          newTargetRow(postId, request.targets[index] as TargetInput, accounts[index] as AccountRow, 'pending', at, now),
        );
        const fields = { text: request.text, media_urls: JSON.stringify(mediaUrls), scheduled_at: at, time_zone: group.timeZone };
        if (position === 0 && existing) {
          placement.change = {
            postId,
            now,
            editing: true,
            media: media?.rows ?? [],
            post: { ...fields, status: 'scheduled' },
            replaceTargets: targets,
          };
        } else {
          placement.creates.push({
            post: { id: postId, ...fields, status: 'scheduled', created_at: now, updated_at: now },
            targets,
            media: media?.rows,
          });
        }
        createdIds.push(postId);
      });
      placement.key = idempotent && idempotencyRow(idempotent, createdIds.join(','), now);
      const result = await this.ctx.store.placeInSlots(placement);
      if (result.ok) {
        const views: PostView[] = [];
        for (const stored of result.posts) {
          await syncTargetJobs(this.ctx, stored.post.id === existing?.post.id ? existing.targets : [], stored.targets);
          views.push(announcePost(this.ctx, stored));
        }
        return views;
      }
      if (result.reason === 'earlier') return this.earlierPosts(earlierResult(result.earlier, idempotent as IdempotentRequest) as string);
      if (result.reason === 'gone') throw notFound(result.postId);
      // A slot taken or a target moved since they were read: pick again on what is stored now.
      if (round >= DECISION_ROUNDS) throw conflict('The queue kept changing while your post was added; try again.');
    }
  }

  /**
   * Reorders queued posts: the times they hold, earliest first, go to the posts in the order given, as a drag in
   * Buffer's queue moves a post into another's slot and the others follow. Every waiting target moves through the
   * store's guarded reschedule, all posts in one transaction; a post being published, or live on any platform, does
   * not move, and then nothing moves.
   */
  async reorderQueue(postIds: readonly string[]): Promise<PostView[]> {
    for (let round = 1; ; round += 1) {
      const stored = await Promise.all(
        postIds.map(async (postId, index) => {
          const found = await this.ctx.store.post(postId);
          if (!found) throw new AppError({ code: 'not_found', field: `postIds.${index}`, message: `postIds.${index}: no post with id ${postId}.` });
          return found;
        }),
      );
      stored.forEach(({ post, targets }, index) => {
        const field = `postIds.${index}`;
        if (post.status !== 'scheduled' || post.scheduled_at === null) {
          throw new AppError({ code: 'conflict', field, message: `${field}: this post is ${post.status}; only scheduled posts move in the queue.` });
        }
        if (targets.some((target) => target.status !== 'pending' && target.status !== 'cancelled')) {
          throw new AppError({ code: 'conflict', field, message: `${field}: this post is being published or is partly live; it cannot move.` });
        }
      });
      const times = stored.map(({ post }) => post.scheduled_at as number).sort((a, b) => a - b);
      const now = this.ctx.now();
      const changes: PostChange[] = stored.map(({ post, targets }, index) => {
        const at = times[index] as number;
        return {
          postId: post.id,
          now,
          post: { scheduled_at: at },
          moves: targets
            .filter((target) => target.status === 'pending' && target.due_at !== at)
            .map((target) => ({ targetId: target.id, transition: 'reschedule' as const, dueAt: at })),
        };
      });
      const result = await this.ctx.store.changePosts(changes);
      if (result.ok) {
        const views: PostView[] = [];
        for (const [index, after] of result.posts.entries()) {
          await syncTargetJobs(this.ctx, (stored[index] as StoredPost).targets, after.targets);
          views.push(announcePost(this.ctx, after));
        }
        return views;
      }
      if (result.reason === 'gone') throw notFound(result.postId);
      if (round >= DECISION_ROUNDS) throw conflict('These posts kept changing while they were reordered; try again.');
    }
  }

  /** The posts an earlier "Add to queue" with the same key made, as stored now. */
  private async earlierPosts(resultIds: string): Promise<PostView[]> {
    const views: PostView[] = [];
    for (const postId of resultIds.split(',')) {
      const stored = await this.ctx.store.post(postId);
      if (!stored) throw earlierResultGone('post');
      views.push(storedPostView(this.ctx, stored));
    }
    return views;
  }

  // The strategy under every action.

  private async create(request: SaveRequest): Promise<PostView> {
    const { text, targets: inputs, mode } = request;
    if (text === undefined) throw new AppError({ code: 'validation', field: 'text', message: 'text: is required for a new post.' });
    if (inputs === undefined) throw new AppError({ code: 'validation', field: 'targets', message: 'targets: choose at least one account.' });
    if (mode === undefined) throw new AppError({ code: 'validation', field: 'mode', message: 'mode: is required for a new post.' });
    const media = this.resolveMedia(request.media);
    const mediaUrls = media?.links ?? request.mediaUrls ?? [];
    const idempotent = request.idempotencyKey === undefined ? undefined : idempotentCreate(request.idempotencyKey, { ...request, mediaUrls });
    // A retry of a create that was stored answers with that post, whatever changed since (an account removed …).
    if (idempotent) {
      const earlier = earlierResult(await this.ctx.store.idempotencyKey(idempotent.key), idempotent);
      if (earlier !== undefined) return this.earlierPost(earlier);
    }
    const now = this.ctx.now();
    const accounts = await this.accountsFor(inputs);
    const dueAt = this.dueAt(mode, request.scheduledAt, null, now);
    if (mode !== 'draft') {
      if (inputs.length === 0) throw noAccounts();
      await this.checkRules(text, mediaUrls, inputs, accounts, media?.items);
    }
    const postId = randomUUID();
    const created = await this.ctx.store.createPost(
      {
        id: postId,
        text,
        media_urls: JSON.stringify(mediaUrls),
        scheduled_at: mode === 'now' ? null : mode === 'schedule' ? dueAt : this.parsedTime(request.scheduledAt, null),
        time_zone: request.timeZone ?? 'UTC',
        status: statusFor(mode),
        created_at: now,
        updated_at: now,
      },
      inputs.map((input, index) => newTargetRow(postId, input, accounts[index] as AccountRow, 'pending', dueAt, now)),
      idempotent && idempotencyRow(idempotent, postId, now),
      media?.rows,
    );
    // The same key raced in from another connection and was stored first.
    if (!created.created) return this.earlierPost(earlierResult(created.earlier, idempotent as IdempotentRequest) as string);
    await syncTargetJobs(this.ctx, [], created.targets);
    return announcePost(this.ctx, created);
  }

  /** The post an earlier request with the same idempotency key made, as stored now. */
  private async earlierPost(postId: string): Promise<PostView> {
    const stored = await this.ctx.store.post(postId);
    if (!stored) throw earlierResultGone('post');
    return storedPostView(this.ctx, stored);
  }

  /**
   * Edits a post and moves its targets as `request.mode` says (omitted: the post keeps its state). `check` may refuse
   * the action for the post's status, or choose the mode.
   */
  private edit(postId: string, request: SaveRequest, check?: (post: PostRow) => SaveMode | undefined | void): Promise<PostView> {
    return this.decide(postId, async ({ post, targets }) => {
      const chosen = check?.(post) ?? undefined;
      if (targets.some((target) => target.status === 'publishing')) {
        throw conflict('This post is being published right now; change it when it has finished.');
      }
      const editing = request.text !== undefined || request.mediaUrls !== undefined || request.media !== undefined || request.targets !== undefined;
      if (editing && targets.some((target) => target.status === 'published' || target.status === 'unknown')) {
        throw conflict('Part of this post is already live (or may be); it cannot be edited.');
      }
      const mode = request.mode ?? chosen ?? keptMode(post);
      const now = this.ctx.now();
      const text = request.text ?? post.text;
      const media = this.resolveMedia(request.media);
      const mediaUrls = media?.links ?? request.mediaUrls ?? parseJson<string[]>(post.media_urls, []);
      // Links given as mediaUrls replace every entry; otherwise the stored entries are what the rules check.
      const mediaItems = media?.items ?? (request.mediaUrls === undefined ? this.ctx.postMedia?.ruleItems(post.id) : undefined);
      const dueAt = this.dueAt(mode, request.scheduledAt, post.scheduled_at, now);

      // Targets are rebuilt when the accounts are given; otherwise kept, and moved to their new state.
      const replace = request.targets;
      const kept = replace === undefined ? targets.filter((target) => movable(mode, target)) : [];
      // A draft written without accounts gets them when it is scheduled or published, not later.
      const queueing = mode === 'schedule' || mode === 'now';
      if (queueing && (replace ?? targets).length === 0) throw noAccounts();
      if (replace === undefined && mode !== 'keep' && kept.length === 0) {
        throw conflict(post.status === 'published' ? 'This post is already published.' : `This post is ${post.status}; nothing is left to publish.`);
      }
      const inputs: TargetInput[] = replace ?? kept.map(targetInputOf);
      const accounts = replace !== undefined ? await this.accountsFor(replace) : queueing ? await this.accountsOf(kept) : [];
      if (queueing) await this.checkRules(text, mediaUrls, inputs, accounts, mediaItems);

      const change: Omit<PostChange, 'postId' | 'now'> = {
        editing,
        ...(media ? { media: media.rows } : request.mediaUrls !== undefined ? { media: [] } : {}),
        post: {
          text,
          media_urls: JSON.stringify(mediaUrls),
          scheduled_at: mode === 'now' ? post.scheduled_at : mode === 'schedule' ? dueAt : this.parsedTime(request.scheduledAt, post.scheduled_at),
          time_zone: request.timeZone ?? post.time_zone,
          ...(mode === 'keep' ? {} : { status: statusFor(mode) }),
        },
      };
      if (replace !== undefined) {
        const status = mode === 'keep' ? 'cancelled' : 'pending';
        change.replaceTargets = replace.map((input, index) => newTargetRow(post.id, input, accounts[index] as AccountRow, status, dueAt, now));
      } else if (mode !== 'keep') {
        change.moves = kept.flatMap((target): TargetMove[] => {
          // A waiting target already due at this time keeps its job.
          if (target.status === 'pending' && target.due_at === dueAt) return [];
          return [{ targetId: target.id, transition: target.status === 'pending' ? 'reschedule' : 'requeue', dueAt }];
        });
      }
      return change;
    });
  }

  /** Decides on the post as stored, and applies the change; a target that moved in between means deciding again. */
  private async decide(postId: string, decision: (stored: StoredPost) => Promise<DecidedChange> | DecidedChange): Promise<PostView> {
    for (let round = 1; ; round += 1) {
      const before = await this.load(postId);
      const change = await decision(before);
      const result = await this.ctx.store.changePost({ ...change, postId, now: this.ctx.now() });
      if (result.ok) {
        await syncTargetJobs(this.ctx, before.targets, result.targets);
        return announcePost(this.ctx, result);
      }
      if (result.reason === 'gone') throw notFound(postId);
      if (round >= DECISION_ROUNDS) throw conflict('This post kept changing while your request was made; try again.');
    }
  }

  private async load(postId: string): Promise<StoredPost> {
    const stored = await this.ctx.store.post(postId);
    if (!stored) throw notFound(postId);
    return stored;
  }

  /** The instant a mode's targets are due: null for a draft. */
  private dueAt(mode: SaveMode | 'keep', scheduledAt: string | null | undefined, stored: number | null, now: number): number | null {
    if (mode === 'now') return now;
    if (mode !== 'schedule') return null;
    if (scheduledAt) return this.futureInstant(scheduledAt, 'scheduledAt');
    if (stored === null) {
      throw new AppError({ code: 'validation', field: 'scheduledAt', message: 'scheduledAt: is required; this post has no time yet.' });
    }
    return this.futureInstant(new Date(stored).toISOString(), 'scheduledAt');
  }

  /** A time kept without queueing anything (a draft's): any instant, or null to clear it. */
  private parsedTime(scheduledAt: string | null | undefined, stored: number | null): number | null {
    if (scheduledAt === undefined) return stored;
    return scheduledAt === null ? null : Date.parse(scheduledAt);
  }

  private futureInstant(value: string, field: string): number {
    const at = Date.parse(value);
    if (Number.isNaN(at)) throw new AppError({ code: 'validation', field, message: `${field}: "${value}" is not a date and time.` });
    if (at < this.ctx.now() - PAST_GRACE_MS) {
      throw new AppError({ code: 'validation', field, message: `${field}: ${value} is in the past; pick a future time or publish now.` });
    }
    return at;
  }

  /** The accounts of existing targets, in order; a target whose account was removed cannot be queued again. */
  private async accountsOf(targets: readonly TargetRow[]): Promise<AccountRow[]> {
    const rows = await this.ctx.store.accounts(targets.map((target) => target.account_id ?? ''));
    return targets.map((target) => {
      const account = rows.find((row) => row.id === target.account_id);
      if (!account) {
        throw conflict(
          `The ${PLATFORM_LABELS[target.platform]} account "${target.account_name}" was removed; add it again, or choose another account.`,
        );
      }
      return account;
    });
  }

  /** Targets retried must still have a usable account. */
  private async refuseUnusableAccounts(targets: readonly TargetRow[]): Promise<void> {
    for (const account of await this.accountsOf(targets)) {
      if (account.status === 'needs_reconnect') throw new AppError({ code: 'conflict', field: 'targetId', message: reconnectAdvice(account) });
    }
  }

  /** The accounts a post's targets name, in order. An unknown or repeated account is bad input: nothing is stored. */
  private async accountsFor(targets: readonly { accountId: string }[]): Promise<AccountRow[]> {
    const rows = await this.ctx.store.accounts(targets.map((target) => target.accountId));
    const seen = new Set<string>();
    return targets.map((target, index) => {
      const field = `targets.${index}.accountId`;
      const account = rows.find((row) => row.id === target.accountId);
      if (!account) throw new AppError({ code: 'validation', field, message: `${field}: no account with id ${target.accountId}.` });
      if (seen.has(account.id))
        throw new AppError({ code: 'validation', field, message: `${field}: the account "${account.name}" is chosen twice.` });
      seen.add(account.id);
      return account;
    });
  }

  /** A request's media checked against the library; undefined when the request gives none. */
  private resolveMedia(entries: readonly PostMediaInput[] | undefined): ResolvedPostMedia | undefined {
    if (entries === undefined) return undefined;
    if (!this.ctx.postMedia) throw new AppError({ code: 'validation', field: 'media', message: 'media: this engine has no media library.' });
    return this.ctx.postMedia.resolve(entries);
  }

  private async checkRules(
    text: string,
    mediaUrls: readonly string[],
    targets: readonly TargetInput[],
    accounts: readonly AccountRow[],
    media?: readonly TargetMediaItem[],
  ): Promise<void> {
    targets.forEach((target, index) => {
      const account = accounts[index];
      if (!account) return;
      if (account.status === 'needs_reconnect') {
        throw new AppError({ code: 'rule_violation', field: `targets.${index}.accountId`, message: reconnectAdvice(account) });
      }
      const violations = checkTarget({
        platform: account.platform,
        text: target.text ?? text,
        mediaUrls,
        ...(media ? { media } : {}),
        options: target.options ?? {},
      });
      const first = violations[0];
      if (first) {
        const field =
          first.field === 'text' && target.text != null
            ? `targets.${index}.text`
            : first.field.startsWith('options')
              ? `targets.${index}.${first.field}`
              : first.field;
        throw new AppError({ code: 'rule_violation', field, message: first.message, details: violations });
      }
    });
    await this.checkPublicLinks(accounts, media ?? []);
  }

  /**
   * A file that reaches its platform only by a public link (an Instagram photo from this computer) needs the media
   * storage set up: refused now, naming the file, rather than failing when it is due.
   */
  private async checkPublicLinks(accounts: readonly AccountRow[], media: readonly TargetMediaItem[]): Promise<void> {
    const index = media.findIndex(({ facts }) => facts !== undefined && accounts.some((account) => needsPublicLink(account.platform, facts)));
    const item = media[index];
    if (item === undefined || !this.ctx.mediaStorageConfigured || (await this.ctx.mediaStorageConfigured())) return;
    throw new AppError({ code: 'rule_violation', field: `media.${index}`, message: noMediaStorageMessage(item.name) });
  }
}

/** A create's idempotency key and the digest of what it asks for (the same content in any form gives the same digest). */
function idempotentCreate(key: string, request: SaveRequest): IdempotentRequest {
  const targets = (request.targets ?? []).map((target) => ({
    accountId: target.accountId,
    text: target.text ?? null,
    options: target.options ?? {},
  }));
  const digest = requestDigest({
    text: request.text,
    mediaUrls: request.mediaUrls ?? [],
    // Only when given, so a key stored before posts had media entries keeps its digest.
    ...(request.media ? { media: request.media } : {}),
    targets,
    mode: request.mode,
    scheduledAt: request.scheduledAt ?? null,
    timeZone: request.timeZone ?? null,
  });
  return { key, kind: 'post', digest };
}

/** Only a post with nothing on its way to a platform, live or possibly live, can be put into the queue. */
function refuseQueueing({ post, targets }: StoredPost): void {
  if (post.status !== 'draft' && post.status !== 'scheduled' && post.status !== 'cancelled') {
    throw new AppError({ code: 'conflict', field: 'id', message: `This post is ${post.status}; only drafts and waiting posts go into the queue.` });
  }
  if (targets.some((target) => target.status === 'publishing' || target.status === 'published' || target.status === 'unknown')) {
    throw new AppError({ code: 'conflict', field: 'id', message: 'This post is being published or is partly live; it cannot go into the queue.' });
  }
}

/** What a decision hands the store: everything of a PostChange but the post's id and the time. */
type DecidedChange = Omit<PostChange, 'postId' | 'now'>;

/** The state an edit without a mode keeps: a cancelled post stays cancelled; a failed one goes back in the queue. */
function keptMode(post: PostRow): SaveMode | 'keep' {
  switch (post.status) {
    case 'draft':
      return 'draft';
    case 'cancelled':
      return 'keep';
    case 'publishing':
      return 'now';
    default:
      return 'schedule';
  }
}

/** Which kept targets a mode moves: never a live or possibly live one (unknown waits for the user's check). */
function movable(mode: SaveMode | 'keep', target: TargetRow): boolean {
  return target.status === 'pending' || target.status === 'failed' || (target.status === 'cancelled' && mode !== 'keep');
}

function statusFor(mode: SaveMode): PostRow['status'] {
  return mode === 'draft' ? 'draft' : mode === 'schedule' ? 'scheduled' : 'publishing';
}

function targetInputOf(target: TargetRow): TargetInput {
  return { accountId: target.account_id ?? '', text: target.text_override, options: parseJson<TargetOptions>(target.options, {}) };
}

function noAccounts(): AppError {
  return new AppError({ code: 'validation', field: 'targets', message: 'targets: choose at least one account.' });
}

function conflict(message: string): AppError {
  return new AppError({ code: 'conflict', message });
}

function notFound(postId: string): AppError {
  return new AppError({ code: 'not_found', field: 'id', message: `No post with id ${postId}.` });
}

function newTargetRow(
  postId: string,
  input: TargetInput,
  account: AccountRow,
  status: 'pending' | 'cancelled',
  dueAt: number | null,
  now: number,
): NewTargetRow & TargetRow {
  return {
    id: randomUUID(),
    post_id: postId,
    account_id: account.id,
    platform: account.platform,
    account_name: account.name,
    text_override: input.text ?? null,
    options: JSON.stringify(input.options ?? {}),
    status,
    platform_post_id: null,
    platform_post_url: null,
    error_message: null,
    attempt_count: 0,
    revision: 1,
    due_at: status === 'pending' ? dueAt : null,
    came_due_at: null,
    first_attempt_at: null,
    waiting_for: null,
    waiting_since: null,
    created_at: now,
    updated_at: now,
  };
}
