// The TargetStore on SQLite. Every transition is one `UPDATE post_platforms … WHERE id = ? AND status IN (…)` built
// from the transitions table, run inside the write batcher's transaction (group commit), and a conflict when it
// matched nothing. The publish hot path runs on statements prepared once: building and compiling each with Kysely
// cost more than running it, and publish throughput is a goal (npm run bench).
import type BetterSqlite3 from 'better-sqlite3';
import type { Platform, PostCount, WaitReason } from '../../../../shared/domain';
import type { Db } from '../../db/database';
import { findAccounts } from '../../db/repositories/accounts.repository';
import { findIdempotencyKey, insertIdempotencyKey } from '../../db/repositories/idempotency.repository';
import { findLatestAttempt, listHandles } from '../../db/repositories/attempts.repository';
import { findNextScheduledPost, findPost, listPosts, updatePost, type PostQuery } from '../../db/repositories/posts.repository';
import { replacePostMedia } from '../../db/repositories/post-media.repository';
import { isSlotTaken } from '../../db/repositories/slots.repository';
import {
  countPostsAndTargets,
  countWaiting,
  findTargets,
  listQueuedTargets,
  listTargetsOfPost,
  listTargetsOfPosts,
  listWaitingPlatforms,
  listWaitingTargets,
  type WaitingPlatform,
} from '../../db/repositories/targets.repository';
import type { SyncSql } from '../../db/sync-sql';
import type {
  AccountRow,
  AttemptOutcome,
  AttemptRow,
  IdempotencyKeyRow,
  NewPostRow,
  NewTargetRow,
  PostMediaRow,
  PostRow,
  TargetRow,
} from '../../db/tables';
import type { Durability, WriteBatcher } from '../../db/write-batcher';
import { aggregatePostStatus } from '../post-status';
import { parseJson } from '../views';
import type {
  AttemptEnd,
  ClaimRequest,
  ClaimResult,
  Moved,
  PostChange,
  PostChangeResult,
  PostsChangeResult,
  PublishRow,
  Settled,
  SlotPlacement,
  SlotPlacementResult,
  StoredPost,
  TargetRef,
  TargetState,
  TargetStore,
} from './target-store';
import { allows, DELETABLE_STATUSES, EDITABLE_STATUSES, TRANSITIONS, type Transition } from './transitions';

type Params = Record<string, string | number | null>;

/** `UPDATE post_platforms` for one transition: the status it moves to, its wait, and the guard it moves from. */
function transitionSql(transition: Transition, set: string, extraGuard = ''): string {
  const { from, to, waiting } = TRANSITIONS[transition];
  const status = to === 'same' ? '' : `status = '${to}', `;
  const wait = {
    set: 'waiting_for = @waitingFor, waiting_since = coalesce(waiting_since, @now), ',
    keep: '',
    clear: 'waiting_for = null, waiting_since = null, ',
  }[waiting];
  const guard = `status in (${from.map((name) => `'${name}'`).join(', ')})`;
  return `update post_platforms set ${status}${wait}${set}, ${ROW_STAMP} where id = @id and ${guard}${extraGuard}`;
}

/**
 * A row's updated_at rises with every change, even two in one millisecond, so it orders the copies a client holds: an
 * action's answer that arrives after the event of a later change is known to be the older one.
 */
const ROW_STAMP = 'updated_at = max(@now, updated_at + 1)';

function nextStamp(row: { updated_at: number }, now: number): number {
  return Math.max(now, row.updated_at + 1);
}

const TRANSITION_SET: Record<Transition, string> = {
  // A claim and a give-up keep the due time they took up (came_due_at): settling clears due_at, a retry moves it.
  claim: 'attempt_count = attempt_count + 1, came_due_at = due_at, first_attempt_at = coalesce(first_attempt_at, @now), error_message = null',
  markPublished: 'platform_post_id = @postId, platform_post_url = @url, error_message = null, due_at = null',
  markFailed: 'error_message = @message, due_at = null',
  markUnknown: 'error_message = @message, due_at = null',
  release: 'error_message = @message, due_at = coalesce(@dueAt, due_at)',
  // The try never left this machine, so it is not counted: a target that only ever waited is still one that never
  // started, and the late tolerance (the missed rule) applies to it as to one the app was closed for.
  holdBack: 'attempt_count = max(attempt_count - 1, 0), error_message = @message',
  note: 'error_message = @message',
  wait: 'error_message = coalesce(@message, error_message)',
  giveUp: 'error_message = @message, came_due_at = coalesce(due_at, came_due_at), due_at = null',
  cancel: 'due_at = null',
  requeue: 'revision = revision + 1, due_at = @dueAt, error_message = null',
  reschedule: 'revision = revision + 1, due_at = @dueAt, error_message = null',
  rearm: 'revision = revision + 1, due_at = coalesce(@dueAt, due_at)',
  resolvePublished: 'platform_post_url = coalesce(@url, platform_post_url), error_message = null, due_at = null',
  resolveFailed: 'error_message = @message, due_at = null',
};

/** Guards beyond the status: the job's revision, and for a claim its due time. */
const EXTRA_GUARD: Partial<Record<Transition, string>> = {
  claim: ' and revision = @revision and due_at is not null and due_at <= @latestDue',
  rearm: ' and revision = @revision',
};

/** Thrown inside a transaction to roll it back when a post it changes is gone. */
class PostGone extends Error {
  constructor(readonly postId: string) {
    super(`Post ${postId} is gone.`);
  }
}

/** A change rolled back by a guard, as the store answers it. */
function changeRefusal(error: unknown): { ok: false; reason: 'gone'; postId: string } | { ok: false; reason: 'moved'; targetId: string } {
  if (error instanceof MovedConflict) return { ok: false, reason: 'moved', targetId: error.targetId };
  if (error instanceof PostGone) return { ok: false, reason: 'gone', postId: error.postId };
  throw error;
}

/** Thrown inside a transaction to roll it back when a guarded step of a post change matched nothing. */
class MovedConflict extends Error {
  constructor(readonly targetId: string) {
    super(`Target ${targetId} moved.`);
  }
}

export class SqliteTargetStore implements TargetStore {
  private readonly transitions: Record<Transition, BetterSqlite3.Statement<[Params]>>;
  private readonly findTargetRow: BetterSqlite3.Statement<[string], TargetRow>;
  private readonly findTargetState: BetterSqlite3.Statement<[string], TargetState>;
  private readonly findPostRow: BetterSqlite3.Statement<[string], PostRow>;
  private readonly findAccountRow: BetterSqlite3.Statement<[string], AccountRow>;
  private readonly targetsOfPost: BetterSqlite3.Statement<[string], TargetRow>;
  private readonly insertAttempt: BetterSqlite3.Statement<[string, string, number]>;
  private readonly insertMissedAttempt: BetterSqlite3.Statement<[string, number, number, string]>;
  private readonly endAttemptRow: BetterSqlite3.Statement<[Params]>;
  private readonly endOpenAttemptRow: BetterSqlite3.Statement<[Params]>;
  private readonly setPostStatus: BetterSqlite3.Statement<[string, number, string]>;
  private readonly deleteEditableTarget: BetterSqlite3.Statement<[string]>;
  private readonly deletePostRow: BetterSqlite3.Statement<[string]>;
  private readonly accountNeedsReconnect: BetterSqlite3.Statement<[string, number, string]>;
  private readonly handle: BetterSqlite3.Statement<[string, string, number]>;
  private readonly inserts = new Map<string, BetterSqlite3.Statement>();
  private readonly nextDue: BetterSqlite3.Statement<[number], { due_at: number | null }>;
  private readonly dueInWindow: BetterSqlite3.Statement<[number, number, number], Pick<TargetRow, 'id' | 'revision' | 'due_at'>>;

  constructor(
    private readonly db: Db,
    private readonly sql: SyncSql,
    private readonly writes: WriteBatcher,
  ) {
    const sqlite = sql.sqlite;
    this.transitions = Object.fromEntries(
      (Object.keys(TRANSITIONS) as Transition[]).map((name) => [
        name,
        sqlite.prepare<[Params]>(transitionSql(name, TRANSITION_SET[name], EXTRA_GUARD[name] ?? '')),
      ]),
    ) as Record<Transition, BetterSqlite3.Statement<[Params]>>;
    this.findTargetRow = sqlite.prepare('select * from post_platforms where id = ?');
    // The worker's look before a claim: a few columns cost a third of the whole row.
    this.findTargetState = sqlite.prepare(
      'select id, post_id, platform, status, revision, attempt_count, due_at, waiting_for, waiting_since from post_platforms where id = ?',
    );
    this.findPostRow = sqlite.prepare('select * from posts where id = ?');
    this.findAccountRow = sqlite.prepare('select * from social_accounts where id = ?');
    this.targetsOfPost = sqlite.prepare('select * from post_platforms where post_id = ? order by rowid');
    this.insertAttempt = sqlite.prepare("insert into publish_attempts (target_id, job_id, started_at, handles) values (?, ?, ?, '{}')");
    this.insertMissedAttempt = sqlite.prepare(
      "insert into publish_attempts (target_id, job_id, started_at, ended_at, outcome, handles, error_message) values (?, '', ?, ?, 'missed', '{}', ?)",
    );
    const endAttempt =
      'update publish_attempts set outcome = @outcome, ended_at = @now, error_message = coalesce(@message, error_message), ' +
      'platform_post_id = coalesce(@postId, platform_post_id) where id = @id';
    this.endAttemptRow = sqlite.prepare(endAttempt);
    this.endOpenAttemptRow = sqlite.prepare(`${endAttempt} and outcome is null`);
    this.setPostStatus = sqlite.prepare('update posts set status = ?, updated_at = ? where id = ?');
    this.deleteEditableTarget = sqlite.prepare(
      `delete from post_platforms where id = ? and status in (${EDITABLE_STATUSES.map((name) => `'${name}'`).join(', ')})`,
    );
    this.deletePostRow = sqlite.prepare('delete from posts where id = ?');
    this.accountNeedsReconnect = sqlite.prepare(
      "update social_accounts set status = 'needs_reconnect', status_message = ?, updated_at = ? where id = ?",
    );
    this.handle = sqlite.prepare('update publish_attempts set handles = json_set(handles, ?, ?) where id = ?');
    // Both read the (status, due_at) index: a seek, however many targets wait.
    this.nextDue = sqlite.prepare("select min(due_at) as due_at from post_platforms where status = 'pending' and due_at > ?");
    this.dueInWindow = sqlite.prepare(
      "select id, revision, due_at from post_platforms where status = 'pending' and due_at > ? and due_at <= ? order by due_at, rowid limit ?",
    );
  }

  // Reads.

  publishRow(targetId: string): Promise<PublishRow | undefined> {
    return Promise.resolve(this.readPublishRow(targetId));
  }

  async post(postId: string): Promise<StoredPost | undefined> {
    const post = await findPost(this.db, postId);
    if (!post) return undefined;
    return { post, targets: await listTargetsOfPost(this.db, postId) };
  }

  async posts(query: PostQuery): Promise<StoredPost[]> {
    const posts = await listPosts(this.db, query);
    const targets = await listTargetsOfPosts(
      this.db,
      posts.map((post) => post.id),
    );
    const byPost = new Map<string, TargetRow[]>();
    for (const target of targets) {
      const list = byPost.get(target.post_id);
      if (list) list.push(target);
      else byPost.set(target.post_id, [target]);
    }
    return posts.map((post) => ({ post, targets: byPost.get(post.id) ?? [] }));
  }

  targetState(targetId: string): Promise<TargetState | undefined> {
    return Promise.resolve(this.findTargetState.get(targetId));
  }

  target(targetId: string): Promise<TargetRow | undefined> {
    return Promise.resolve(this.findTargetRow.get(targetId));
  }

  targets(targetIds: readonly string[]): Promise<TargetRow[]> {
    return findTargets(this.db, targetIds);
  }

  queuedTargets(): Promise<TargetRow[]> {
    return listQueuedTargets(this.db);
  }

  nextScheduledPost(now: number): Promise<PostRow | undefined> {
    return findNextScheduledPost(this.db, now);
  }

  postCounts(): Promise<Record<'upcoming' | 'publishing' | 'needsAttention', PostCount>> {
    return countPostsAndTargets(this.db);
  }

  nextDueAt(after: number): Promise<number | undefined> {
    return Promise.resolve(this.nextDue.get(after)?.due_at ?? undefined);
  }

  dueBetween(after: number, upTo: number, limit: number): Promise<Pick<TargetRow, 'id' | 'revision' | 'due_at'>[]> {
    return Promise.resolve(this.dueInWindow.all(after, upTo, limit));
  }

  waitingTargets(platform: Platform): Promise<TargetRow[]> {
    return listWaitingTargets(this.db, platform);
  }

  waitingPlatforms(): Promise<WaitingPlatform[]> {
    return listWaitingPlatforms(this.db);
  }

  waitingCounts(): Promise<Record<WaitReason, PostCount>> {
    return countWaiting(this.db);
  }

  accounts(accountIds: readonly string[]): Promise<AccountRow[]> {
    return findAccounts(this.db, accountIds);
  }

  latestAttempt(targetId: string): Promise<AttemptRow | undefined> {
    return findLatestAttempt(this.db, targetId);
  }

  idempotencyKey(key: string): Promise<IdempotencyKeyRow | undefined> {
    return Promise.resolve(findIdempotencyKey(this.sql, key));
  }

  async handles(targetId: string): Promise<Record<string, string>> {
    const rows = await listHandles(this.db, targetId);
    return Object.assign({}, ...rows.map((handles) => parseJson<Record<string, string>>(handles, {})));
  }

  // The worker's transitions.

  async claim(ref: TargetRef, request: ClaimRequest): Promise<ClaimResult> {
    const { now } = request;
    // Durable: the claim must be on disk before the platform is called, or a power cut could mean posting twice.
    return this.writes.write((): ClaimResult => {
      const params = { id: ref.id, now, revision: request.revision, latestDue: now + request.earlyToleranceMs };
      if (this.transitions.claim.run(params).changes !== 1) {
        const found = this.findTargetRow.get(ref.id);
        if (found?.status === 'pending' && found.revision === request.revision && found.due_at !== null) {
          return { ok: false, reason: 'early', dueAt: found.due_at };
        }
        return { ok: false, reason: 'moved', target: found };
      }
      const attemptId = Number(this.insertAttempt.run(ref.id, request.jobId, now).lastInsertRowid);
      const row = this.readPublishRow(ref.id);
      if (!row) throw new Error(`Target ${ref.id} vanished inside its own claim.`);
      const { target, post, account } = row;
      // A target on its way to the platform decides its post's status alone: only then are the others read.
      if (aggregatePostStatus(post.status, [target.status]) === post.status) {
        return { ok: true, attemptId, target, post, account, settledPost: undefined };
      }
      // The post as just read in this transaction: only its targets are read again.
      const settled = this.settledTarget(ref, this.settled(post, this.targetsOfPost.all(post.id), now));
      return { ok: true, attemptId, target, post: settled.post, account, settledPost: settled };
    });
  }

  markPublished(
    ref: TargetRef,
    change: { platformPostId: string; url: string; attempt?: AttemptEnd | undefined; now: number },
  ): Promise<Moved<Settled>> {
    const { now } = change;
    return this.move(
      ref,
      now,
      'relaxed',
      () => this.transitions.markPublished.run({ id: ref.id, now, postId: change.platformPostId, url: change.url }),
      () => this.closeAttempt(change.attempt, now, change.platformPostId),
    );
  }

  async markFailed(
    ref: TargetRef,
    change: { message: string; attempt?: AttemptEnd | undefined; reconnect?: { accountId: string } | undefined; now: number },
  ): Promise<Moved<Settled & { account?: AccountRow | undefined }>> {
    const { now, message, reconnect } = change;
    let account: AccountRow | undefined;
    const moved = await this.move(
      ref,
      now,
      'relaxed',
      () => this.transitions.markFailed.run({ id: ref.id, now, message }),
      () => {
        this.closeAttempt(change.attempt, now, null);
        if (!reconnect) return;
        this.accountNeedsReconnect.run(message, now, reconnect.accountId);
        account = this.findAccountRow.get(reconnect.accountId);
      },
    );
    return moved.ok ? { ...moved, account } : moved;
  }

  markUnknown(ref: TargetRef, change: { message: string; now: number }): Promise<Moved<Settled>> {
    const { now, message } = change;
    return this.move(ref, now, 'relaxed', () => this.transitions.markUnknown.run({ id: ref.id, now, message }));
  }

  release(
    ref: TargetRef,
    change: { message: string; dueAt?: number | undefined; attempt?: AttemptEnd | undefined; now: number },
  ): Promise<Moved<Settled>> {
    const { now, message } = change;
    return this.move(
      ref,
      now,
      'relaxed',
      () => this.transitions.release.run({ id: ref.id, now, message, dueAt: change.dueAt ?? null }),
      () => this.closeAttempt(change.attempt, now, null),
    );
  }

  holdBack(ref: TargetRef, change: { reason: WaitReason; message: string; attempt?: AttemptEnd | undefined; now: number }): Promise<Moved<Settled>> {
    const { now, message } = change;
    return this.move(
      ref,
      now,
      'relaxed',
      () => this.transitions.holdBack.run({ id: ref.id, now, message, waitingFor: change.reason }),
      () => this.closeAttempt(change.attempt, now, null),
    );
  }

  wait(ref: TargetRef, change: { reason: WaitReason; message?: string | undefined; now: number }): Promise<Moved<{ target: TargetRow }>> {
    return this.writes.write(() => {
      const params = { id: ref.id, now: change.now, waitingFor: change.reason, message: change.message ?? null };
      const moved = this.transitions.wait.run(params).changes === 1;
      const target = this.findTargetRow.get(ref.id);
      return moved && target ? { ok: true as const, target } : { ok: false as const, target };
    }, 'relaxed');
  }

  note(ref: TargetRef, change: { message: string; now: number }): Promise<Moved<{ target: TargetRow }>> {
    return this.writes.write(() => {
      const moved = this.transitions.note.run({ id: ref.id, now: change.now, message: change.message }).changes === 1;
      const target = this.findTargetRow.get(ref.id);
      return moved && target ? { ok: true as const, target } : { ok: false as const, target };
    }, 'relaxed');
  }

  giveUp(ref: TargetRef, change: { message: string; missed: boolean; now: number }): Promise<Moved<Settled>> {
    const { now, message } = change;
    return this.move(
      ref,
      now,
      'durable',
      () => this.transitions.giveUp.run({ id: ref.id, now, message }),
      () => {
        if (change.missed) this.insertMissedAttempt.run(ref.id, now, now, message);
      },
    );
  }

  rearm(ref: TargetRef, change: { revision: number; dueAt?: number | undefined; now: number }): Promise<Moved<{ target: TargetRow }>> {
    return this.writes.write(() => {
      const params = { id: ref.id, now: change.now, revision: change.revision, dueAt: change.dueAt ?? null };
      const moved = this.transitions.rearm.run(params).changes === 1;
      const target = this.findTargetRow.get(ref.id);
      return moved && target ? { ok: true as const, target } : { ok: false as const, target };
    });
  }

  // The user's changes.

  async createPost(
    post: NewPostRow,
    targets: NewTargetRow[],
    key?: IdempotencyKeyRow,
    media?: Omit<PostMediaRow, 'post_id'>[],
  ): Promise<({ created: true } & StoredPost) | { created: false; earlier: IdempotencyKeyRow }> {
    return this.writes.write(() => {
      const earlier = key && findIdempotencyKey(this.sql, key.key);
      if (earlier) return { created: false as const, earlier };
      const stored = {
        created: true as const,
        post: this.insert<PostRow>('posts', post),
        targets: targets.map((target) => this.insert<TargetRow>('post_platforms', target)),
      };
      if (media) replacePostMedia(this.sql, post.id, media);
      if (key) insertIdempotencyKey(this.sql, key);
      return stored;
    });
  }

  async changePost(change: PostChange): Promise<PostChangeResult> {
    try {
      return await this.writes.write((): PostChangeResult => ({ ok: true, ...this.applyChange(change) }));
    } catch (error) {
      return changeRefusal(error);
    }
  }

  async changePosts(changes: readonly PostChange[]): Promise<PostsChangeResult> {
    try {
      return await this.writes.write((): PostsChangeResult => ({ ok: true, posts: changes.map((change) => this.applyChange(change)) }));
    } catch (error) {
      return changeRefusal(error);
    }
  }

  async placeInSlots(placement: SlotPlacement): Promise<SlotPlacementResult> {
    try {
      return await this.writes.write((): SlotPlacementResult => {
        const earlier = placement.key && findIdempotencyKey(this.sql, placement.key.key);
        if (earlier) return { ok: false, reason: 'earlier', earlier };
        // The slots were picked outside this transaction: one taken since (another "Add to queue") is picked again.
        const taken = placement.slots.find((slot) => isSlotTaken(this.sql, slot.accountId, slot.at, placement.change?.postId));
        if (taken) return { ok: false, reason: 'slot_taken', accountId: taken.accountId };
        const posts = placement.change ? [this.applyChange(placement.change)] : [];
        for (const created of placement.creates) {
          posts.push({
            post: this.insert<PostRow>('posts', created.post),
            targets: created.targets.map((target) => this.insert<TargetRow>('post_platforms', target)),
          });
          if (created.media) replacePostMedia(this.sql, created.post.id, created.media);
        }
        if (placement.key) insertIdempotencyKey(this.sql, placement.key);
        return { ok: true, posts };
      });
    } catch (error) {
      return changeRefusal(error);
    }
  }

  /** One post's change inside the caller's transaction; throws MovedConflict or PostGone to roll it all back. */
  private applyChange(change: PostChange): StoredPost {
    const { postId, now } = change;
    const post = this.findPostRow.get(postId);
    if (!post) throw new PostGone(postId);
    const targets = this.targetsOfPost.all(postId);
    // Every guard is checked against rows read inside this transaction before anything is written.
    if (change.editing) {
      const busy = targets.find((target) => !EDITABLE_STATUSES.includes(target.status));
      if (busy) throw new MovedConflict(busy.id);
    }
    for (const move of change.moves ?? []) {
      const target = targets.find((candidate) => candidate.id === move.targetId);
      if (!target || !allows(move.transition, target.status)) throw new MovedConflict(move.targetId);
    }
    if (change.replaceTargets) {
      for (const target of targets) {
        if (this.deleteEditableTarget.run(target.id).changes !== 1) throw new MovedConflict(target.id);
      }
      for (const target of change.replaceTargets) this.insert<TargetRow>('post_platforms', target);
    }
    for (const move of change.moves ?? []) {
      const params: Params = { id: move.targetId, now, dueAt: null, url: null, message: null };
      if (move.transition === 'requeue' || move.transition === 'reschedule') params.dueAt = move.dueAt;
      if (move.transition === 'resolvePublished') params.url = move.url;
      if (move.transition === 'resolveFailed') params.message = move.message;
      if (this.transitions[move.transition].run(params).changes !== 1) throw new MovedConflict(move.targetId);
    }
    if (change.post) updatePost(this.sql, postId, { ...change.post, updated_at: nextStamp(post, now) });
    if (change.media) replacePostMedia(this.sql, postId, change.media);
    const settled = this.settlePost(postId, now);
    return { post: settled.post, targets: settled.targets };
  }

  deletePost(postId: string): Promise<{ ok: true; targets: TargetRow[] } | { ok: false; reason: 'gone' | 'publishing' }> {
    return this.writes.write(() => {
      if (!this.findPostRow.get(postId)) return { ok: false as const, reason: 'gone' as const };
      const targets = this.targetsOfPost.all(postId);
      if (targets.some((target) => !DELETABLE_STATUSES.includes(target.status))) return { ok: false as const, reason: 'publishing' as const };
      this.deletePostRow.run(postId);
      return { ok: true as const, targets };
    });
  }

  // The ledger and the account's tokens.

  endAttempt(attemptId: number, end: { outcome: AttemptOutcome; message: string; now: number; onlyIfOpen?: boolean }): Promise<void> {
    return this.writes.write(() => {
      const params = { id: attemptId, outcome: end.outcome, now: end.now, message: end.message, postId: null };
      (end.onlyIfOpen ? this.endOpenAttemptRow : this.endAttemptRow).run(params);
    }, 'relaxed');
  }

  saveHandle(attemptId: number, name: string, value: string): void {
    // Autocommit, at once: the handle must be on disk before the call it precedes.
    this.handle.run(`$."${name.replaceAll('"', '')}"`, value, attemptId);
  }

  // The one strategy under the worker's transitions.

  private move(
    ref: TargetRef,
    now: number,
    durability: Durability,
    transition: () => BetterSqlite3.RunResult,
    alongside?: () => void,
  ): Promise<Moved<Settled>> {
    return this.writes.write((): Moved<Settled> => {
      if (transition().changes !== 1) return { ok: false, target: this.findTargetRow.get(ref.id) };
      alongside?.();
      return this.settle(ref, now);
    }, durability);
  }

  private closeAttempt(attempt: AttemptEnd | undefined, now: number, platformPostId: string | null): void {
    if (!attempt) return;
    this.endAttemptRow.run({ id: attempt.id, outcome: attempt.outcome, now, message: attempt.message ?? null, postId: platformPostId });
  }

  /** A post's status follows its targets; settled in the same transaction as the change that moved `ref`. */
  private settle(ref: TargetRef, now: number): { ok: true } & Settled {
    return this.settledTarget(ref, this.settlePost(ref.post_id, now));
  }

  private settledTarget(ref: TargetRef, settled: StoredPost & { postChanged: boolean }): { ok: true } & Settled {
    const target = settled.targets.find((candidate) => candidate.id === ref.id);
    if (!target) throw new Error(`Target ${ref.id} vanished inside its own transition.`);
    return { ok: true, target, ...settled };
  }

  private settlePost(postId: string, now: number): StoredPost & { postChanged: boolean } {
    const post = this.findPostRow.get(postId);
    if (!post) throw new Error(`Post ${postId} vanished inside a transaction on it.`);
    return this.settled(post, this.targetsOfPost.all(postId), now);
  }

  private settled(post: PostRow, targets: TargetRow[], now: number): StoredPost & { postChanged: boolean } {
    const status = aggregatePostStatus(
      post.status,
      targets.map((target) => target.status),
    );
    if (status === post.status) return { post, targets, postChanged: false };
    const updatedAt = nextStamp(post, now);
    this.setPostStatus.run(status, updatedAt, post.id);
    return { post: { ...post, status, updated_at: updatedAt }, targets, postChanged: true };
  }

  /** One row inserted and answered as stored; statements are prepared once per table and set of columns. */
  private insert<R>(table: 'posts' | 'post_platforms', row: NewPostRow | NewTargetRow): R {
    const columns = Object.keys(row);
    const key = `${table}(${columns.join(',')})`;
    let statement = this.inserts.get(key);
    if (!statement) {
      statement = this.sql.sqlite.prepare(
        `insert into ${table} (${columns.join(', ')}) values (${columns.map((column) => `@${column}`).join(', ')}) returning *`,
      );
      this.inserts.set(key, statement);
    }
    return statement.get(row) as R;
  }

  private readPublishRow(targetId: string): PublishRow | undefined {
    const target = this.findTargetRow.get(targetId);
    if (!target) return undefined;
    const post = this.findPostRow.get(target.post_id);
    if (!post) return undefined;
    const account = target.account_id ? this.findAccountRow.get(target.account_id) : undefined;
    return { target, post, account };
  }
}
