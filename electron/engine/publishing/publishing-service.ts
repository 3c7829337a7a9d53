// Creates, edits, schedules, publishes now, cancels and retries posts. Every change is written to SQLite first;
// the queue follows (see queue-jobs.ts).
import { randomUUID } from 'node:crypto';
import type { ParsedInput } from '../../../shared/contract/channels';
import type { PostView, TargetOptions } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { checkTarget } from '../../../shared/platform-rules';
import { matchesSearch, searchWords } from '../../../shared/post-filter';
import { findAccounts } from '../db/repositories/accounts.repository';
import { deletePost as deletePostRow, findPost, insertPost, listPosts, updatePost as updatePostRow } from '../db/repositories/posts.repository';
import { deleteTargets, insertTargets, listTargetsOfPost, listTargetsOfPosts, updateTarget } from '../db/repositories/targets.repository';
import type { AccountRow, NewTargetRow, PostRow, TargetRow } from '../db/tables';
import type { PublishingContext } from './context';
import { refreshPost } from './post-events';
import { addTargetJobs, removeTargetJobs } from './queue-jobs';
import { parseJson, postView, targetView } from './views';

/** A scheduled time this far in the past still counts as "now" (the user clicked at 09:00:00.4). */
const PAST_GRACE_MS = 60_000;
/** posts:list answers at most this many posts unless asked for a limit. */
const DEFAULT_LIST_LIMIT = 5000;

type TargetInput = ParsedInput<'posts:create'>['targets'][number];

export class PublishingService {
  constructor(private readonly ctx: PublishingContext) {}

  async createPost(input: ParsedInput<'posts:create'>): Promise<PostView> {
    const now = this.ctx.now();
    const accounts = await this.accountsFor(input.targets);
    const scheduledAt = input.mode === 'schedule' ? this.futureInstant(input.scheduledAt ?? '', 'scheduledAt') : null;
    if (input.mode !== 'draft') this.checkRules(input.text, input.mediaUrls, input.targets, accounts);

    const postId = randomUUID();
    const status = input.mode === 'draft' ? 'draft' : input.mode === 'schedule' ? 'scheduled' : 'publishing';
    const dueAt = input.mode === 'draft' ? null : (scheduledAt ?? now);
    const post: PostRow = {
      id: postId,
      text: input.text,
      media_urls: JSON.stringify(input.mediaUrls),
      scheduled_at: input.mode === 'draft' && input.scheduledAt ? Date.parse(input.scheduledAt) : scheduledAt,
      time_zone: input.timeZone ?? 'UTC',
      status,
      created_at: now,
      updated_at: now,
    };
    const targets = input.targets.map((target, index) => newTargetRow(postId, target, accountAt(accounts, index), dueAt, now));
    await this.ctx.writes.write(() => {
      insertPost(this.ctx.sql, post);
      insertTargets(this.ctx.sql, targets);
    });
    await addTargetJobs(this.ctx, targets);
    return this.emitPost(post, targets);
  }

  async updatePost(input: ParsedInput<'posts:update'>): Promise<PostView> {
    const { post, targets } = await this.load(input.id);
    this.refuseWhileInFlight(post, targets, 'edit');
    if (post.status === 'published') throw conflict('This post is already published; it cannot be edited.');

    const now = this.ctx.now();
    const text = input.text ?? post.text;
    const mediaUrls = input.mediaUrls ?? parseJson<string[]>(post.media_urls, []);
    const targetInputs: TargetInput[] =
      input.targets ??
      targets.map((target) => ({
        accountId: target.account_id ?? '',
        text: target.text_override,
        options: parseJson<TargetOptions>(target.options, {}),
      }));
    const queued = post.status === 'scheduled' || post.status === 'publishing' || post.status === 'failed';
    const scheduledAt =
      input.scheduledAt !== undefined
        ? queued
          ? this.futureInstant(input.scheduledAt, 'scheduledAt')
          : Date.parse(input.scheduledAt)
        : post.scheduled_at;
    const accounts = await this.accountsFor(targetInputs);
    if (queued) this.checkRules(text, mediaUrls, targetInputs, accounts);

    // Targets are rebuilt when the accounts change; otherwise kept, with a new revision if their time moved.
    const timeMoved = scheduledAt !== post.scheduled_at;
    const dueAt = queued ? (scheduledAt ?? now) : null;
    const keep = input.targets === undefined;
    const removed = keep ? [] : targets;
    const moved = keep && timeMoved ? targets : [];
    const fresh = keep ? [] : targetInputs.map((target, index) => newTargetRow(post.id, target, accountAt(accounts, index), dueAt, now));
    const status = post.status === 'failed' ? 'scheduled' : post.status;

    await this.ctx.writes.write(() => {
      updatePostRow(this.ctx.sql, post.id, {
        text,
        media_urls: JSON.stringify(mediaUrls),
        scheduled_at: scheduledAt,
        time_zone: input.timeZone ?? post.time_zone,
        status,
        updated_at: now,
      });
      deleteTargets(
        this.ctx.sql,
        removed.map((target) => target.id),
      );
      insertTargets(this.ctx.sql, fresh);
      for (const target of moved) {
        if (target.status !== 'pending') continue;
        updateTarget(this.ctx.sql, target.id, { revision: target.revision + 1, due_at: dueAt, updated_at: now });
      }
    });
    await removeTargetJobs(this.ctx, [...removed, ...moved.filter((t) => t.status === 'pending')]);
    const after = await listTargetsOfPost(this.ctx.db, post.id);
    if (queued)
      await addTargetJobs(
        this.ctx,
        after.filter((target) => target.status === 'pending'),
      );
    return this.emitPost({ ...post, text, scheduled_at: scheduledAt, status, updated_at: now }, after);
  }

  async deletePost(postId: string): Promise<void> {
    const { post, targets } = await this.load(postId);
    this.refuseWhileInFlight(post, targets, 'delete');
    await this.ctx.writes.write(() => {
      deletePostRow(this.ctx.sql, postId);
    });
    await removeTargetJobs(this.ctx, targets);
    this.ctx.events.emit('post:deleted', { postId });
  }

  async getPost(postId: string): Promise<PostView> {
    const { post, targets } = await this.load(postId);
    return postView(post, targets);
  }

  async listPosts(input: ParsedInput<'posts:list'>): Promise<PostView[]> {
    const words = searchWords(input.search);
    const limit = input.limit ?? DEFAULT_LIST_LIMIT;
    const query: Parameters<typeof listPosts>[1] = {
      order: input.order,
      // Words are matched here, on the views (as the UI matches them), so the cap applies after them.
      limit: words.length > 0 ? null : limit,
    };
    if (input.from) query.from = Date.parse(input.from);
    if (input.to) query.to = Date.parse(input.to);
    if (input.status) query.statuses = input.status;
    if (input.accountIds) query.accountIds = input.accountIds;
    if (input.platforms) query.platforms = input.platforms;
    const posts = await listPosts(this.ctx.db, query);
    const targets = await listTargetsOfPosts(
      this.ctx.db,
      posts.map((post) => post.id),
    );
    const byPost = new Map<string, TargetRow[]>();
    for (const target of targets) {
      const list = byPost.get(target.post_id) ?? [];
      list.push(target);
      byPost.set(target.post_id, list);
    }
    const views = posts.map((post) => postView(post, byPost.get(post.id) ?? []));
    return words.length > 0 ? views.filter((view) => matchesSearch(view, words)).slice(0, limit) : views;
  }

  /** Queues a draft or cancelled post at its time (or a new one). */
  async schedulePost(postId: string, at?: { scheduledAt?: string; timeZone?: string }): Promise<PostView> {
    const { post, targets } = await this.load(postId);
    if (post.status === 'scheduled' && !at?.scheduledAt) return postView(post, targets);
    if (!['draft', 'cancelled', 'scheduled'].includes(post.status)) {
      throw conflict(`This post is ${post.status}; only drafts and cancelled posts can be scheduled.`);
    }
    const scheduledAtText = at?.scheduledAt ?? (post.scheduled_at === null ? undefined : new Date(post.scheduled_at).toISOString());
    if (!scheduledAtText)
      throw new AppError({ code: 'validation', field: 'scheduledAt', message: 'scheduledAt: is required; this post has no time yet.' });
    const scheduledAt = this.futureInstant(scheduledAtText, 'scheduledAt');
    return this.queueTargets(post, targets, 'scheduled', scheduledAt, at?.timeZone);
  }

  async publishNow(postId: string): Promise<PostView> {
    const { post, targets } = await this.load(postId);
    if (post.status === 'published') throw conflict('This post is already published.');
    if (targets.some((target) => target.status === 'publishing')) throw conflict('This post is publishing right now.');
    return this.queueTargets(post, targets, 'publishing', this.ctx.now());
  }

  async reschedulePost(postId: string, scheduledAt: string, timeZone?: string): Promise<PostView> {
    const { post, targets } = await this.load(postId);
    if (post.status !== 'scheduled' && post.status !== 'draft' && post.status !== 'cancelled') {
      throw conflict(`This post is ${post.status}; only scheduled posts, drafts and cancelled posts can be moved.`);
    }
    const at = this.futureInstant(scheduledAt, 'scheduledAt');
    if (post.status === 'draft') {
      const now = this.ctx.now();
      await this.ctx.writes.write(() =>
        updatePostRow(this.ctx.sql, postId, { scheduled_at: at, time_zone: timeZone ?? post.time_zone, updated_at: now }),
      );
      return this.emitPost({ ...post, scheduled_at: at, time_zone: timeZone ?? post.time_zone, updated_at: now }, targets);
    }
    return this.queueTargets(post, targets, 'scheduled', at, timeZone);
  }

  /** Cancel: the rows first, then the jobs; a job that still runs re-reads its row and skips. */
  async cancelScheduledPost(postId: string): Promise<PostView> {
    const { post, targets } = await this.load(postId);
    const cancellable = targets.filter((target) => target.status === 'pending');
    if (post.status === 'draft' || cancellable.length === 0) {
      throw conflict(
        post.status === 'cancelled' ? 'This post is already cancelled.' : `This post is ${post.status}; there is nothing waiting to cancel.`,
      );
    }
    const now = this.ctx.now();
    await this.ctx.writes.write(() => {
      for (const target of cancellable) {
        updateTarget(this.ctx.sql, target.id, { status: 'cancelled', due_at: null, updated_at: now });
      }
      if (cancellable.length === targets.length) updatePostRow(this.ctx.sql, postId, { status: 'cancelled', updated_at: now });
    });
    await removeTargetJobs(this.ctx, cancellable);
    return this.refreshed(postId);
  }

  async retryFailed(postId: string, targetId?: string): Promise<PostView> {
    const { post, targets } = await this.load(postId);
    // An unknown target may be live: it is retried only when the user names it, never with "retry all".
    const retryable = targets.filter((target) =>
      targetId ? target.id === targetId && (target.status === 'failed' || target.status === 'unknown') : target.status === 'failed',
    );
    if (targetId && !targets.some((target) => target.id === targetId)) {
      throw new AppError({ code: 'not_found', field: 'targetId', message: `targetId: this post has no target ${targetId}.` });
    }
    if (retryable.length === 0) throw conflict('Nothing to retry: no target of this post has failed.');
    const accounts = await findAccounts(
      this.ctx.db,
      retryable.map((target) => target.account_id ?? ''),
    );
    for (const target of retryable) {
      const account = accounts.find((candidate) => candidate.id === target.account_id);
      if (!account) throw conflict(`The ${target.platform} account "${target.account_name}" was removed; add it again to retry.`);
      if (account.status === 'needs_reconnect') {
        throw new AppError({
          code: 'conflict',
          field: 'targetId',
          message: `Reconnect the ${target.platform} account "${account.name}" first: ${account.status_message ?? 'its token is no longer accepted.'}`,
        });
      }
    }
    const now = this.ctx.now();
    const queued = retryable.map((target) => ({ ...target, revision: target.revision + 1, due_at: now }));
    await this.ctx.writes.write(() => {
      for (const target of queued) {
        updateTarget(this.ctx.sql, target.id, { status: 'pending', revision: target.revision, due_at: now, error_message: null, updated_at: now });
      }
      updatePostRow(this.ctx.sql, postId, { status: 'publishing', updated_at: now });
    });
    await removeTargetJobs(this.ctx, retryable);
    await addTargetJobs(this.ctx, queued);
    return this.refreshed(postId, post.id);
  }

  /** The user checked the platform after an outcome we could not confirm. */
  async resolveUnknown(input: ParsedInput<'publishing:resolveUnknown'>): Promise<PostView> {
    const target = await this.ctx.db.selectFrom('post_platforms').selectAll().where('id', '=', input.targetId).executeTakeFirst();
    if (!target) throw new AppError({ code: 'not_found', field: 'targetId', message: `targetId: no target ${input.targetId}.` });
    if (target.status !== 'unknown') throw conflict(`This target is ${target.status}, not waiting for your check.`);
    if (input.outcome === 'retry') {
      const now = this.ctx.now();
      await this.ctx.writes.write(() => updateTarget(this.ctx.sql, target.id, { status: 'failed', updated_at: now }));
      return this.retryFailed(target.post_id, target.id);
    }
    const now = this.ctx.now();
    await this.ctx.writes.write(() =>
      updateTarget(
        this.ctx.sql,
        target.id,
        input.outcome === 'published'
          ? { status: 'published', platform_post_url: input.platformPostUrl ?? target.platform_post_url, error_message: null, updated_at: now }
          : { status: 'failed', error_message: 'You marked this as not published.', updated_at: now },
      ),
    );
    this.ctx.events.emit('target:changed', { target: targetView({ ...target, status: input.outcome === 'published' ? 'published' : 'failed' }) });
    return this.refreshed(target.post_id);
  }

  private async queueTargets(
    post: PostRow,
    targets: TargetRow[],
    status: 'scheduled' | 'publishing',
    dueAt: number,
    timeZone?: string,
  ): Promise<PostView> {
    const queueable = targets.filter(
      (target) => ['pending', 'cancelled'].includes(target.status) || (status === 'publishing' && target.status === 'failed'),
    );
    if (queueable.length === 0) throw conflict(`This post is ${post.status}; nothing is left to publish.`);
    const accounts = await findAccounts(
      this.ctx.db,
      queueable.map((target) => target.account_id ?? ''),
    );
    const inputs = queueable.map((target) => ({
      accountId: target.account_id ?? '',
      text: target.text_override,
      options: parseJson<TargetOptions>(target.options, {}),
    }));
    this.checkRules(
      post.text,
      parseJson<string[]>(post.media_urls, []),
      inputs,
      inputs.map((input) => accounts.find((a) => a.id === input.accountId)),
    );
    const now = this.ctx.now();
    const queued = queueable.map((target) => ({ ...target, revision: target.revision + 1, due_at: dueAt }));
    const scheduledAt = status === 'scheduled' ? dueAt : post.scheduled_at;
    await this.ctx.writes.write(() => {
      for (const target of queued) {
        updateTarget(this.ctx.sql, target.id, { status: 'pending', revision: target.revision, due_at: dueAt, error_message: null, updated_at: now });
      }
      updatePostRow(this.ctx.sql, post.id, { status, scheduled_at: scheduledAt, time_zone: timeZone ?? post.time_zone, updated_at: now });
    });
    await removeTargetJobs(this.ctx, queueable);
    await addTargetJobs(this.ctx, queued);
    return this.refreshed(post.id);
  }

  private async load(postId: string): Promise<{ post: PostRow; targets: TargetRow[] }> {
    const post = await findPost(this.ctx.db, postId);
    if (!post) throw new AppError({ code: 'not_found', field: 'id', message: `No post with id ${postId}.` });
    return { post, targets: await listTargetsOfPost(this.ctx.db, postId) };
  }

  private async refreshed(postId: string, fallbackId = postId): Promise<PostView> {
    const view = await refreshPost(this.ctx, postId);
    if (!view) throw new AppError({ code: 'not_found', field: 'id', message: `No post with id ${fallbackId}.` });
    return view;
  }

  private emitPost(post: PostRow, targets: readonly TargetRow[]): PostView {
    const view = postView(post, targets);
    this.ctx.events.emit('post:changed', { post: view });
    return view;
  }

  private refuseWhileInFlight(post: PostRow, targets: readonly TargetRow[], action: 'edit' | 'delete'): void {
    if (targets.some((target) => target.status === 'publishing')) {
      throw conflict(`This post is being published right now; ${action} it when it has finished.`);
    }
    if (action === 'edit' && targets.some((target) => target.status === 'published')) {
      throw conflict(`Part of this post is already live; it cannot be edited (${post.id}).`);
    }
  }

  private async accountsFor(targets: readonly { accountId: string }[]): Promise<(AccountRow | undefined)[]> {
    const rows = await findAccounts(
      this.ctx.db,
      targets.map((target) => target.accountId),
    );
    const seen = new Set<string>();
    return targets.map((target, index) => {
      const account = rows.find((row) => row.id === target.accountId);
      if (!account) {
        throw new AppError({
          code: 'not_found',
          field: `targets.${index}.accountId`,
          message: `targets.${index}.accountId: no account with id ${target.accountId}.`,
        });
      }
      if (seen.has(account.id)) {
        throw new AppError({
          code: 'validation',
          field: `targets.${index}.accountId`,
          message: `targets.${index}.accountId: the account "${account.name}" is chosen twice.`,
        });
      }
      seen.add(account.id);
      return account;
    });
  }

  private checkRules(
    text: string,
    mediaUrls: readonly string[],
    targets: readonly TargetInput[],
    accounts: readonly (AccountRow | undefined)[],
  ): void {
    targets.forEach((target, index) => {
      const account = accounts[index];
      if (!account) throw conflict(`The account of target ${index + 1} was removed; choose another account.`);
      if (account.status === 'needs_reconnect') {
        throw new AppError({
          code: 'rule_violation',
          field: `targets.${index}.accountId`,
          message: `Reconnect the ${account.platform} account "${account.name}" before publishing to it: ${account.status_message ?? 'its token is no longer accepted.'}`,
        });
      }
      const violations = checkTarget({ platform: account.platform, text: target.text ?? text, mediaUrls, options: target.options ?? {} });
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
  }

  private futureInstant(value: string, field: string): number {
    const at = Date.parse(value);
    if (Number.isNaN(at)) throw new AppError({ code: 'validation', field, message: `${field}: "${value}" is not a date and time.` });
    if (at < this.ctx.now() - PAST_GRACE_MS) {
      throw new AppError({ code: 'validation', field, message: `${field}: ${value} is in the past; pick a future time or publish now.` });
    }
    return at;
  }
}

function conflict(message: string): AppError {
  return new AppError({ code: 'conflict', message });
}

function accountAt(accounts: readonly (AccountRow | undefined)[], index: number): AccountRow {
  const account = accounts[index];
  if (!account)
    throw new AppError({ code: 'not_found', field: `targets.${index}.accountId`, message: `targets.${index}.accountId: no such account.` });
  return account;
}

function newTargetRow(postId: string, input: TargetInput, account: AccountRow, dueAt: number | null, now: number): NewTargetRow & TargetRow {
  return {
    id: randomUUID(),
    post_id: postId,
    account_id: account.id,
    platform: account.platform,
    account_name: account.name,
    text_override: input.text ?? null,
    options: JSON.stringify(input.options ?? {}),
    status: 'pending',
    platform_post_id: null,
    platform_post_url: null,
    error_message: null,
    attempt_count: 0,
    revision: 1,
    due_at: dueAt,
    first_attempt_at: null,
    created_at: now,
    updated_at: now,
  };
}
