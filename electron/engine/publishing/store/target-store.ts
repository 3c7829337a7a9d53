// The one door to a target's state. Every change to a target (and to the post whose status follows it) goes through
// this interface: each transition is one guarded step that reports a conflict when the target is no longer where the
// caller saw it, and every answer is the row as stored. The processor, the service, reconcile and the API see only
// this interface, so a PostgreSQL store (Kysely's Postgres dialect, for a shared team engine) can sit beside the
// SQLite one (sqlite-target-store.ts) without touching them.
import type { Platform, PostCount, WaitReason } from '../../../../shared/domain';
import type { PostQuery } from '../../db/repositories/posts.repository';
import type { WaitingPlatform } from '../../db/repositories/targets.repository';
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

/** Everything one publish needs: the target, its post and its account (undefined once the account was removed). */
export interface PublishRow {
  target: TargetRow;
  post: PostRow;
  account: AccountRow | undefined;
}

/** A target as the worker addresses it: a target never changes post. */
export type TargetRef = Pick<TargetRow, 'id' | 'post_id'>;

/** What the worker decides on before it claims a target. */
export type TargetState = Pick<
  TargetRow,
  'id' | 'post_id' | 'platform' | 'status' | 'revision' | 'attempt_count' | 'due_at' | 'waiting_for' | 'waiting_since'
>;

export interface StoredPost {
  post: PostRow;
  targets: TargetRow[];
}

/** A target after a transition, with its post as settled in the same transaction. */
export interface Settled extends StoredPost {
  target: TargetRow;
  /** Whether the post's own status changed in this transaction. */
  postChanged: boolean;
}

/** Nothing was changed: the target was not where the caller expected it. `target` is how it is stored now. */
export interface Conflict {
  ok: false;
  target: TargetRow | undefined;
}

export type Moved<T> = ({ ok: true } & T) | Conflict;

/** Closes the attempt a transition ends, in the same transaction. */
export interface AttemptEnd {
  id: number;
  outcome: AttemptOutcome;
  message?: string | null;
}

export interface ClaimRequest {
  /** The revision the job was made for: a target rescheduled since is not claimed by its old job. */
  revision: number;
  jobId: string;
  now: number;
  /** A target due after `now + earlyToleranceMs` is refused: no job, however it got promoted, publishes early. */
  earlyToleranceMs: number;
}

/** A claimed target, read in the claim's own transaction: what is published is what was stored when it was claimed. */
export interface Claimed {
  attemptId: number;
  target: TargetRow;
  post: PostRow;
  account: AccountRow | undefined;
  /** The post with all its targets, when the claim changed the post's status (scheduled → publishing). */
  settledPost: StoredPost | undefined;
}

export type ClaimResult = ({ ok: true } & Claimed) | { ok: false; reason: 'early'; dueAt: number } | (Conflict & { reason: 'moved' });

/** A user's change to one post: its fields, its targets and their moves, in one transaction, all or nothing. */
export interface PostChange {
  postId: string;
  now: number;
  /** New values for the post's own fields. */
  post?: Partial<Pick<PostRow, 'text' | 'media_urls' | 'scheduled_at' | 'time_zone' | 'status'>>;
  /** Content is changing: every target must be editable (EDITABLE_STATUSES) when this commits. */
  editing?: boolean;
  /** Replaces the post's media entries (post_media), in this order. */
  media?: Omit<PostMediaRow, 'post_id'>[];
  /** Replaces every target: the old ones (each still editable) are deleted and these inserted. */
  replaceTargets?: NewTargetRow[];
  /** Guarded moves of existing targets. */
  moves?: TargetMove[];
}

export type TargetMove =
  | { targetId: string; transition: 'cancel' }
  | { targetId: string; transition: 'requeue' | 'reschedule'; dueAt: number | null }
  | { targetId: string; transition: 'resolvePublished'; url: string | null }
  | { targetId: string; transition: 'resolveFailed'; message: string };

export type PostChangeResult =
  ({ ok: true } & StoredPost) | { ok: false; reason: 'gone'; postId: string } | { ok: false; reason: 'moved'; targetId: string };

export type PostsChangeResult = { ok: true; posts: StoredPost[] } | Exclude<PostChangeResult, { ok: true }>;

/** Posts put into posting slots by one "Add to queue": an existing post moved into the first, new ones for the rest. */
export interface SlotPlacement {
  /** Each account's slot the placement fills; every one must still be free (ignoring `change`'s own post). */
  slots: { accountId: string; at: number }[];
  change?: PostChange;
  creates: { post: NewPostRow; targets: NewTargetRow[]; media?: Omit<PostMediaRow, 'post_id'>[] | undefined }[];
  key?: IdempotencyKeyRow | undefined;
}

export type SlotPlacementResult =
  | { ok: true; posts: StoredPost[] }
  | { ok: false; reason: 'earlier'; earlier: IdempotencyKeyRow }
  | { ok: false; reason: 'slot_taken'; accountId: string }
  | Exclude<PostChangeResult, { ok: true }>;

export interface TargetStore {
  // Reads.
  publishRow(targetId: string): Promise<PublishRow | undefined>;
  post(postId: string): Promise<StoredPost | undefined>;
  posts(query: PostQuery): Promise<StoredPost[]>;
  target(targetId: string): Promise<TargetRow | undefined>;
  targetState(targetId: string): Promise<TargetState | undefined>;
  targets(targetIds: readonly string[]): Promise<TargetRow[]>;
  /** Targets that should have a job: pending or publishing, with a due time. */
  queuedTargets(): Promise<TargetRow[]>;
  nextScheduledPost(now: number): Promise<PostRow | undefined>;
  /** The earliest due time of a pending target later than `after` (the due timer's next wake-up). */
  nextDueAt(after: number): Promise<number | undefined>;
  /** Pending targets due in (`after`, `upTo`], earliest first, at most `limit`. */
  dueBetween(after: number, upTo: number, limit: number): Promise<Pick<TargetRow, 'id' | 'revision' | 'due_at'>[]>;
  /** Posts and targets waiting for their time, publishing, or needing the user. */
  postCounts(): Promise<Record<'upcoming' | 'publishing' | 'needsAttention', PostCount>>;
  /** Targets of a platform that wait for the network or for it, due first. */
  waitingTargets(platform: Platform): Promise<TargetRow[]>;
  /** The platforms something waits for, with the earliest wait's start. */
  waitingPlatforms(): Promise<WaitingPlatform[]>;
  waitingCounts(): Promise<Record<WaitReason, PostCount>>;
  accounts(accountIds: readonly string[]): Promise<AccountRow[]>;
  latestAttempt(targetId: string): Promise<AttemptRow | undefined>;
  idempotencyKey(key: string): Promise<IdempotencyKeyRow | undefined>;
  /** Platform handles saved by all attempts of a target, later ones winning. */
  handles(targetId: string): Promise<Record<string, string>>;

  // The worker's transitions, one target each.
  /** pending → publishing, with a new attempt row; the row it returns is read in the same transaction. */
  claim(target: TargetRef, request: ClaimRequest): Promise<ClaimResult>;
  markPublished(
    target: TargetRef,
    change: { platformPostId: string; url: string; attempt?: AttemptEnd | undefined; now: number },
  ): Promise<Moved<Settled>>;
  /** `reconnect` also marks the account needs_reconnect (an auth failure), in the same transaction. */
  markFailed(
    target: TargetRef,
    change: { message: string; attempt?: AttemptEnd | undefined; reconnect?: { accountId: string } | undefined; now: number },
  ): Promise<Moved<Settled & { account?: AccountRow | undefined }>>;
  markUnknown(target: TargetRef, change: { message: string; now: number }): Promise<Moved<Settled>>;
  /** publishing → pending; `dueAt` when it must wait (a rate limit). */
  release(
    target: TargetRef,
    change: { message: string; dueAt?: number | undefined; attempt?: AttemptEnd | undefined; now: number },
  ): Promise<Moved<Settled>>;
  /** publishing → pending after a try that reached nothing: it waits (`reason`), and the try is not counted. */
  holdBack(
    target: TargetRef,
    change: { reason: WaitReason; message: string; attempt?: AttemptEnd | undefined; now: number },
  ): Promise<Moved<Settled>>;
  note(target: TargetRef, change: { message: string; now: number }): Promise<Moved<{ target: TargetRow }>>;
  /** Starts a pending or publishing target's wait, or changes its reason; `message` replaces what it says when given. */
  wait(target: TargetRef, change: { reason: WaitReason; message?: string | undefined; now: number }): Promise<Moved<{ target: TargetRow }>>;
  /** pending → failed, never attempted again; `missed` records a ledger row saying so. */
  giveUp(target: TargetRef, change: { message: string; missed: boolean; now: number }): Promise<Moved<Settled>>;
  /** A new revision (a new job id) for a pending or publishing target still at `revision`; `dueAt` when it moves too. */
  rearm(target: TargetRef, change: { revision: number; dueAt?: number | undefined; now: number }): Promise<Moved<{ target: TargetRow }>>;

  // The user's changes.
  /**
   * Stores a new post with its targets and, given one, the idempotency key of the request in the same transaction;
   * when an earlier request already stored that key, nothing is written and its row is answered. `media`: the
   * post's media entries (post_media), in order.
   */
  createPost(
    post: NewPostRow,
    targets: NewTargetRow[],
    key?: IdempotencyKeyRow,
    media?: Omit<PostMediaRow, 'post_id'>[],
  ): Promise<({ created: true } & StoredPost) | { created: false; earlier: IdempotencyKeyRow }>;
  changePost(change: PostChange): Promise<PostChangeResult>;
  /** Several posts' changes in one transaction, all or nothing (reordering the queue trades their times). */
  changePosts(changes: readonly PostChange[]): Promise<PostsChangeResult>;
  /** "Add to queue": checks in its transaction that each slot is still free, then changes and creates the posts. */
  placeInSlots(placement: SlotPlacement): Promise<SlotPlacementResult>;
  /** Deletes a post unless a target is publishing; answers the targets it had (their jobs go too). */
  deletePost(postId: string): Promise<{ ok: true; targets: TargetRow[] } | { ok: false; reason: 'gone' | 'publishing' }>;

  // The ledger. Synchronous: written before it returns, so a handle saved just before a create call survives a crash
  // during the call. A store that cannot write synchronously needs the publisher contract's ledger
  // (AttemptLedger.saveHandle) to become async first. (Renewed tokens are the accounts' own: engine/accounts.)
  endAttempt(attemptId: number, end: { outcome: AttemptOutcome; message: string; now: number; onlyIfOpen?: boolean }): Promise<void>;
  saveHandle(attemptId: number, name: string, value: string): void;
}
