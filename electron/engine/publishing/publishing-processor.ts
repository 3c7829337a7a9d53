// The BullMQ processor. BullMQ runs a job at least once; this makes a publish happen exactly once: the claim
// (pending → publishing, with an attempt row) is on disk before every platform call, and a run that finds its target
// already `publishing` (a crash, a stall) never posts again blindly — it asks the platform first.
// Two paths, a new attempt and settling an interrupted one, share one strategy: withPublisher prepares the call,
// askPlatform settles an outcome the platform did not confirm.
import { TZDate } from '@date-fns/tz';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { format } from 'date-fns';
import { PLATFORM_LABELS, type Platform, type TargetOptions } from '../../../shared/domain';
import type { AccountRow, PostRow, TargetRow } from '../db/tables';
import { sleep } from '../publishers/base/sleep';
import { AmbiguousError, PermanentError, PublishError, RateLimitedError, RetryableError, UnreachableError } from '../publishers/errors';
import type { AttemptLedger, ExistingPost, PublishOptions, PublishResult, Publisher } from '../publishers/publisher';
import { accountView } from '../accounts/account-view';
import { CredentialStoreError, openToken } from '../secrets/token-store';
import type { PublishingContext } from './context';
import { parseJobId, type PublishJobData } from './job-id';
import { isMissed, markMissed, missedDeadline } from './missed';
import { announcePost, announceTarget } from './post-events';
import { progressEmitter } from './progress-events';
import { reconnectAdvice } from './reconnect-advice';
import type { Settled, TargetState } from './store/target-store';
import { parseJson } from './views';
import { AccountTurns } from './account-turns';

export type ProcessOutcome = 'published' | 'found' | 'failed' | 'unknown' | 'missed' | 'skipped' | 'stale' | 'joined';

/**
 * A job may start this much before the due time (the due timer's lead, timer granularity); it then waits for the due
 * instant before it claims its target. Earlier, however it got promoted (a hijacked queue, a clock step), it is put
 * back as delayed: nothing publishes before its time.
 */
export const EARLY_TOLERANCE_MS = 1000;

/**
 * How long a job waiting for the network sleeps when no deadline ends its wait (a target that already reached its
 * platform once, or one waiting to ask whether its post went live). The engine wakes it as soon as the platform
 * answers again; this only bounds a wait nobody woke.
 */
const WAIT_LIMIT_MS = 24 * 60 * 60_000;

/** The target a publish is about, with its post and account as stored. */
interface TargetInContext {
  target: TargetRow;
  post: PostRow;
  account: AccountRow | undefined;
}

/** Everything one platform call needs. */
interface PublishSession {
  publisher: Publisher;
  accessToken: string;
  text: string;
  mediaUrls: string[];
  options: PublishOptions;
}

export class PublishingProcessor {
  /** Targets with a publish running in this process. A stalled job re-run while its first run still works waits for it. */
  private readonly running = new Map<string, Promise<ProcessOutcome>>();
  /**
   * Each run's own abort signal, by target: every platform request listens to its run's signal. One signal shared by
   * every run collected a listener per request in flight (32 at once in a burst: a MaxListenersExceededWarning).
   */
  private readonly aborts = new Map<string, AbortController>();
  private stopping = false;
  /** Decrypted tokens by ciphertext: a burst of posts for one account decrypts its token once. */
  private readonly tokens = new Map<string, string>();
  /** One platform call at a time per account, in the order the worker fetched the jobs (due order). */
  private readonly turns = new AccountTurns();

  constructor(private readonly ctx: PublishingContext) {}

  /** Aborts running platform calls (engine stop). */
  abort(): void {
    this.stopping = true;
    for (const controller of this.aborts.values()) controller.abort();
  }

  get runningTargets(): ReadonlySet<string> {
    return new Set(this.running.keys());
  }

  readonly process = async (job: Job<PublishJobData>, token?: string): Promise<ProcessOutcome> => {
    const targetId = job.data.targetId;
    const earlier = this.running.get(targetId);
    if (earlier) {
      // The lock expired while this process was frozen and BullMQ handed the job out again: the first run is still
      // talking to the platform. Its result is the result.
      await earlier.catch(() => undefined);
      return 'joined';
    }
    const controller = new AbortController();
    if (this.stopping) controller.abort();
    this.aborts.set(targetId, controller);
    const run = this.run(job, token);
    this.running.set(targetId, run);
    try {
      return await run;
    } catch (error) {
      if (!(error instanceof PublishError || error instanceof DelayedError || error instanceof UnrecoverableError))
        await this.internalError(job, error);
      throw error;
    } finally {
      this.running.delete(targetId);
      this.aborts.delete(targetId);
    }
  };

  private async run(job: Job<PublishJobData>, token: string | undefined): Promise<ProcessOutcome> {
    const target = await this.ctx.store.targetState(job.data.targetId);
    if (!target) return 'stale';
    const revision = job.id ? parseJobId(job.id)?.revision : undefined;
    if (revision !== target.revision) return 'stale';

    if (target.status === 'publishing') {
      const row = await this.ctx.store.publishRow(target.id);
      if (!row) return 'stale';
      const settled = await this.settleInterrupted(row, job, token);
      if (settled !== 'absent') return settled;
    } else if (target.status !== 'pending') {
      return 'skipped';
    } else if (await this.missed(target)) {
      return 'missed';
    }
    return this.newAttempt(target, revision, job, token);
  }

  /** A new attempt: claim the target, call the platform, settle what it answered. */
  private async newAttempt(target: TargetState, revision: number, job: Job<PublishJobData>, token: string | undefined): Promise<ProcessOutcome> {
    try {
      await this.untilDue(target);
    } catch (error) {
      // Nothing was claimed: the job is taken up again at the next start.
      if (this.stopping) throw new DelayedError('The engine stopped before this publish.');
      throw error;
    }
    const claim = await this.ctx.store.claim(target, {
      revision,
      jobId: job.id ?? '',
      now: this.ctx.now(),
      earlyToleranceMs: EARLY_TOLERANCE_MS,
    });
    if (!claim.ok) return claim.reason === 'early' ? this.putBack(job, token, claim.dueAt) : 'skipped';
    const { attemptId } = claim;
    announceTarget(this.ctx, claim.target);
    if (claim.settledPost) announcePost(this.ctx, claim.settledPost);

    return this.withPublisher(
      { target: claim.target, post: claim.post, account: claim.account },
      attemptId,
      claim.target.attempt_count > 1,
      async (session) => {
        let result: PublishResult;
        try {
          result = await this.turns.take(claim.target.account_id ?? claim.target.id, () =>
            session.publisher.publish(session.accessToken, session.text, session.mediaUrls, session.options),
          );
        } catch (error) {
          // Stopped mid-call on quit: the outcome is settled by asking the platform at the next start, not now.
          if (this.stopping) throw new DelayedError('The engine stopped during this publish.');
          if (error instanceof RateLimitedError) return this.rateLimited(claim, attemptId, error, job, token);
          if (error instanceof UnreachableError) return this.holdBack(claim, attemptId, error, job, token);
          if (error instanceof RetryableError) return this.retry(claim, attemptId, error, job);
          if (error instanceof PermanentError) return this.fail(claim, attemptId, error);
          // Ambiguous, or an error no publisher classified: the post may exist. Ask before anything else.
          const ambiguous =
            error instanceof AmbiguousError ? error : new AmbiguousError(error instanceof Error ? error.message : String(error), { cause: error });
          await this.ctx.store.endAttempt(attemptId, { outcome: 'ambiguous', message: ambiguous.message, now: this.ctx.now() });
          // Certainly not created after all: an ordinary retry, spending an attempt.
          return this.askPlatform(claim, session, job, token, {
            attemptId,
            cause: ambiguous.message,
            absent: () => this.retry(claim, attemptId, new RetryableError(ambiguous.message), job),
          });
        }
        return this.published(claim, attemptId, result, 'published');
      },
      (error) => this.fail(claim, attemptId, error),
    );
  }

  /**
   * A run found its target `publishing` and no run of this process owns it: the last attempt was cut off, or it waited
   * for its platform to answer whether the post went live.
   */
  private async settleInterrupted(row: TargetInContext, job: Job<PublishJobData>, token: string | undefined): Promise<ProcessOutcome | 'absent'> {
    const cause = row.target.waiting_since === null ? 'The app stopped while publishing.' : 'The connection broke after the post was sent.';
    const last = await this.ctx.store.latestAttempt(row.target.id);
    if (last) {
      await this.ctx.store.endAttempt(last.id, {
        outcome: 'interrupted',
        message: 'The app stopped during this attempt.',
        now: this.ctx.now(),
        onlyIfOpen: true,
      });
    }
    return this.withPublisher(
      row,
      last?.id,
      true,
      (session) =>
        this.askPlatform(row, session, job, token, {
          attemptId: last?.id,
          cause,
          // Certainly not created: back to pending, and this run makes a new attempt.
          absent: async () => {
            const released = await this.ctx.store.release(row.target, { message: cause, now: this.ctx.now() });
            if (!released.ok) return 'skipped' as const;
            announceTarget(this.ctx, released.target);
            return 'absent' as const;
          },
        }),
      (error) => this.markUnknown(row, `The app stopped while publishing, and the account cannot be checked: ${error.message}`),
    );
  }

  /** Prepares the platform call and hands it to `use`; a target that cannot be published at all goes to `unusable`. */
  private async withPublisher<T>(
    row: TargetInContext,
    attemptId: number | undefined,
    earlierAttempts: boolean,
    use: (session: PublishSession) => Promise<T>,
    unusable: (error: PublishError) => Promise<T>,
  ): Promise<T> {
    let session: PublishSession;
    try {
      session = await this.session(row, attemptId, earlierAttempts);
    } catch (error) {
      return unusable(error instanceof PublishError ? error : new PermanentError(String(error)));
    }
    return use(session);
  }

  /**
   * The platform did not confirm an outcome: ask it (saved handle, or recent posts). Found is published; certainly
   * absent goes to `absent`; if the platform cannot tell, the user checks.
   */
  private async askPlatform<T>(
    row: TargetInContext,
    session: PublishSession,
    job: Job<PublishJobData>,
    token: string | undefined,
    settle: { attemptId: number | undefined; cause: string; absent: () => Promise<T> },
  ): Promise<ProcessOutcome | T> {
    let existing: ExistingPost;
    try {
      existing = await this.lookUp(session);
    } catch (lookupError) {
      if (lookupError instanceof UnreachableError) return this.waitToAsk(row, settle.cause, lookupError, job, token);
      return this.settleLater(row, lookupError as RetryableError | RateLimitedError, job, token);
    }
    if (existing.state === 'found') return this.published(row, settle.attemptId, existing.result, 'found');
    if (existing.state === 'absent') return settle.absent();
    const label = PLATFORM_LABELS[row.target.platform];
    return this.markUnknown(
      row,
      `${label} did not confirm whether the post went live (${settle.cause}; ${existing.reason}). Check the "${row.target.account_name}" account on ${label}, then mark it as published or publish it again.`,
    );
  }

  /** Throws only when the platform is busy or down right now, so the question is asked again later. */
  private async lookUp(session: PublishSession): Promise<ExistingPost> {
    const { publisher } = session;
    if (!publisher.findExisting) return { state: 'unknown', reason: 'this platform offers no way to look the post up' };
    try {
      return await publisher.findExisting(session.accessToken, session.text, session.mediaUrls, session.options);
    } catch (error) {
      if (error instanceof RetryableError || error instanceof RateLimitedError) throw error;
      return { state: 'unknown', reason: `looking it up failed: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  /**
   * The platform could not be asked right now. The target stays `publishing` (never re-posted) and the job runs
   * again later to ask once more; on its last try the target becomes unknown for the user.
   */
  private async settleLater(
    row: TargetInContext,
    error: RetryableError | RateLimitedError,
    job: Job<PublishJobData>,
    token: string | undefined,
  ): Promise<ProcessOutcome> {
    const attempts = job.opts.attempts ?? 1;
    if (error instanceof RetryableError && job.attemptsMade + 1 >= attempts) {
      return this.markUnknown(
        row,
        `${PLATFORM_LABELS[row.target.platform]} could not be asked whether the post went live (${error.message}). Check the "${row.target.account_name}" account, then mark it as published or publish it again.`,
      );
    }
    const noted = await this.ctx.store.note(row.target, { message: `Checking whether the post went live: ${error.message}`, now: this.ctx.now() });
    if (noted.ok) announceTarget(this.ctx, noted.target);
    if (error instanceof RateLimitedError) {
      await job.moveToDelayed(error.retryAt, token);
      throw new DelayedError();
    }
    throw error;
  }

  /** A job that started before its target is due goes back to wait, without spending an attempt. */
  private async putBack(job: Job<PublishJobData>, token: string | undefined, dueAt: number): Promise<never> {
    this.ctx.log.warn(
      `Publish job ${job.id} started ${dueAt - this.ctx.now()} ms before its post is due; put back until ${new Date(dueAt).toISOString()}.`,
    );
    await job.moveToDelayed(dueAt, token);
    throw new DelayedError();
  }

  /**
   * The due timer promotes a job a little before its due instant (DUE_LEAD_MS), so the worker is awake for it; the
   * claim waits for the instant itself, by the wall clock (a clock set back meanwhile is waited out, up to the early
   * tolerance in all). Until then the target stays pending: a cancel or an edit is honoured and nothing shows as
   * publishing that is not. A stop during the wait aborts it.
   */
  private async untilDue(target: Pick<TargetRow, 'id' | 'due_at'>): Promise<void> {
    // Too early to wait for: the claim refuses it and the job is put back.
    if (target.due_at === null || target.due_at - this.ctx.now() > EARLY_TOLERANCE_MS) return;
    const signal = this.signalOf(target.id);
    const waitUntil = performance.now() + EARLY_TOLERANCE_MS;
    let left = target.due_at - this.ctx.now();
    while (left > 0 && performance.now() < waitUntil) {
      await sleep(Math.min(left, waitUntil - performance.now()), signal);
      left = target.due_at - this.ctx.now();
    }
  }

  private async missed(target: TargetState): Promise<boolean> {
    if (!isMissed(target, this.ctx.now(), await this.ctx.lateToleranceMs())) return false;
    await markMissed(this.ctx, [target]);
    return true;
  }

  private async session(row: TargetInContext, attemptId: number | undefined, earlierAttempts: boolean): Promise<PublishSession> {
    const { target, post, account } = row;
    const label = PLATFORM_LABELS[target.platform];
    if (!account) throw new PermanentError(`The ${label} account "${target.account_name}" was removed. Add it again, then retry.`);
    if (account.status === 'needs_reconnect') throw new PermanentError(reconnectAdvice(account), { authFailure: true });
    const publisher = this.ctx.publishers.get(target.platform);
    if (!publisher) throw new PermanentError(`Publishing to ${label} is not available in this version.`);
    let accessToken: string;
    try {
      accessToken = this.openCached(account.access_token_enc);
    } catch (error) {
      // The engine's own store failed: the account is fine, so this is never a reconnect.
      if (error instanceof CredentialStoreError) throw new PermanentError(error.message);
      throw error;
    }
    const earlier = earlierAttempts ? await this.ctx.store.handles(target.id) : {};
    const options: PublishOptions = {
      settings: parseJson<TargetOptions>(target.options, {}),
      account: {
        id: account.id,
        platform: account.platform,
        name: account.name,
        externalId: account.external_id,
        tokenExpiresAt: account.token_expires_at,
        loginKind: account.login_kind,
      },
      ledger: this.ledger(attemptId, earlier),
      tokens: this.ctx.tokens(account.id),
      signal: this.signalOf(target.id),
      onProgress: progressEmitter(this.ctx.events, target),
      ...(this.ctx.publicLinks ? { publicLinks: this.ctx.publicLinks(target.id) } : {}),
    };
    const media = this.ctx.postMedia?.forPublish(post.id);
    if (media) options.media = media;
    if (target.first_attempt_at !== null) options.firstAttemptAt = target.first_attempt_at;
    return { publisher, accessToken, text: target.text_override ?? post.text, mediaUrls: parseJson<string[]>(post.media_urls, []), options };
  }

  /** The abort signal of the run publishing `targetId` (an aborted one when no run owns it: nothing should be sent). */
  private signalOf(targetId: string): AbortSignal {
    return this.aborts.get(targetId)?.signal ?? AbortSignal.abort(new Error('No publish of this target is running.'));
  }

  /** The ledger as a publisher sees it: a handle is on disk before the call it precedes. */
  private ledger(attemptId: number | undefined, earlier: Record<string, string>): AttemptLedger {
    const handles: Record<string, string> = { ...earlier };
    return {
      handles,
      saveHandle: (name, value) => {
        if (attemptId !== undefined) this.ctx.store.saveHandle(attemptId, name, value);
        handles[name] = value;
      },
    };
  }

  private openCached(stored: string): string {
    let plain = this.tokens.get(stored);
    if (plain === undefined) {
      plain = openToken(this.ctx.cipher, stored);
      if (this.tokens.size >= 256) this.tokens.clear();
      this.tokens.set(stored, plain);
    }
    return plain;
  }

  // Outcomes: each is one store transition, then what clients are told is built from what it stored.

  private async published(
    row: TargetInContext,
    attemptId: number | undefined,
    result: PublishResult,
    outcome: 'published' | 'found',
  ): Promise<ProcessOutcome> {
    const moved = await this.ctx.store.markPublished(row.target, {
      platformPostId: result.platformPostId,
      url: result.url,
      attempt: attemptId === undefined ? undefined : { id: attemptId, outcome },
      now: this.ctx.now(),
    });
    if (!moved.ok) {
      // Nothing moves a target away from `publishing` but its own run; say loudly what went live.
      this.ctx.log.error(
        `Target ${row.target.id} was published as ${result.url}, but it was no longer publishing (now ${moved.target?.status ?? 'deleted'}).`,
      );
      return 'stale';
    }
    this.finished(moved, 'published', result.url, null);
    this.ctx.connectivity.answered(row.target.platform);
    return outcome;
  }

  private async retry(row: TargetInContext, attemptId: number | undefined, error: PublishError, job: Job<PublishJobData>): Promise<never> {
    const attempts = job.opts.attempts ?? 1;
    const attempt = attemptId === undefined ? undefined : { id: attemptId, outcome: 'retryable' as const, message: error.message };
    const now = this.ctx.now();
    if (job.attemptsMade + 1 >= attempts) {
      const message = `${error.message} (gave up after ${attempts} tries)`;
      const moved = await this.ctx.store.markFailed(row.target, { message, attempt, now });
      if (moved.ok) this.finished(moved, 'failed', null, message);
      throw new UnrecoverableError(message);
    }
    // BullMQ's exponential backoff: the n-th retry waits backoffMs × 2^(n−1).
    const retryAt = now + this.ctx.queueSettings.backoffMs * 2 ** job.attemptsMade;
    const next = `Trying again at ${clockTime(retryAt, row.post.time_zone)} (try ${job.attemptsMade + 2} of ${attempts}).`;
    const moved = await this.ctx.store.release(row.target, { message: `${error.message} ${next}`, attempt, now });
    if (moved.ok) this.changed(moved);
    throw error;
  }

  /**
   * Nothing reached the platform: the target goes back in line and waits for the network (or for its platform), and
   * the try is not counted. Its job sleeps until the target would be missed; the engine wakes it as soon as the
   * platform answers again.
   */
  private async holdBack(
    row: TargetInContext,
    attemptId: number,
    error: UnreachableError,
    job: Job<PublishJobData>,
    token: string | undefined,
  ): Promise<never> {
    const { platform } = row.target;
    const reason = await this.ctx.connectivity.unreachable(platform, error);
    const moved = await this.ctx.store.holdBack(row.target, {
      reason,
      message: error.message,
      attempt: { id: attemptId, outcome: 'unreachable', message: error.message },
      now: this.ctx.now(),
    });
    if (moved.ok) this.changed(moved);
    const waiting = moved.ok ? moved.target : row.target;
    return this.sleepUntilReachable(job, token, platform, missedDeadline(waiting, await this.ctx.lateToleranceMs()));
  }

  /** The post may be live, but its platform cannot be asked yet: the target stays `publishing` and waits to ask. */
  private async waitToAsk(
    row: TargetInContext,
    cause: string,
    error: UnreachableError,
    job: Job<PublishJobData>,
    token: string | undefined,
  ): Promise<never> {
    const { platform } = row.target;
    const reason = await this.ctx.connectivity.unreachable(platform, error);
    const label = PLATFORM_LABELS[platform];
    const message = `${cause.replace(/\.$/, '')}; whether the post went live is asked as soon as ${label} can be reached (${error.message})`;
    const waited = await this.ctx.store.wait(row.target, { reason, message, now: this.ctx.now() });
    if (waited.ok) announceTarget(this.ctx, waited.target);
    return this.sleepUntilReachable(job, token, platform, undefined);
  }

  /** Puts the job to sleep without spending a try; the engine promotes it when the platform answers again. */
  private async sleepUntilReachable(
    job: Job<PublishJobData>,
    token: string | undefined,
    platform: Platform,
    deadline: number | undefined,
  ): Promise<never> {
    await job.moveToDelayed(deadline ?? this.ctx.now() + WAIT_LIMIT_MS, token);
    // The platform may have answered again while this try was put away (the engine's wake-up found no sleeping job).
    if (this.ctx.connectivity.isReachable(platform)) await job.promote().catch(() => undefined);
    throw new DelayedError();
  }

  private async rateLimited(
    row: TargetInContext,
    attemptId: number,
    error: RateLimitedError,
    job: Job<PublishJobData>,
    token: string | undefined,
  ): Promise<never> {
    const moved = await this.ctx.store.release(row.target, {
      message: `${error.message} Waiting until ${new Date(error.retryAt).toISOString()}.`,
      dueAt: error.retryAt,
      attempt: { id: attemptId, outcome: 'rate_limited', message: error.message },
      now: this.ctx.now(),
    });
    if (moved.ok) this.changed(moved);
    // Waiting for a platform's limit is not a failed try: the job moves to delayed without spending an attempt.
    await job.moveToDelayed(error.retryAt, token);
    this.ctx.dueChanged();
    throw new DelayedError();
  }

  private async fail(row: TargetInContext, attemptId: number | undefined, error: PublishError): Promise<never> {
    const { account } = row;
    const reconnect = error instanceof PermanentError && error.authFailure && account && account.status !== 'needs_reconnect';
    const moved = await this.ctx.store.markFailed(row.target, {
      message: error.message,
      attempt: attemptId === undefined ? undefined : { id: attemptId, outcome: 'permanent', message: error.message },
      reconnect: reconnect ? { accountId: account.id } : undefined,
      now: this.ctx.now(),
    });
    if (moved.ok) {
      if (moved.account) this.ctx.events.emit('account:changed', { account: accountView(moved.account) });
      this.finished(moved, 'failed', null, error.message);
    }
    throw new UnrecoverableError(error.message);
  }

  private async markUnknown(row: TargetInContext, message: string): Promise<ProcessOutcome> {
    const moved = await this.ctx.store.markUnknown(row.target, { message, now: this.ctx.now() });
    if (!moved.ok) return 'skipped';
    this.finished(moved, 'unknown', null, message);
    return 'unknown';
  }

  /** A bug or a broken store must not leave a target silently pending: on the last try it fails, visibly. */
  private async internalError(job: Job<PublishJobData>, error: unknown): Promise<void> {
    this.ctx.log.error(`Publish job ${job.id} hit an internal error.`, error);
    if (job.attemptsMade + 1 < (job.opts.attempts ?? 1)) return;
    const message = `Publishing Engine hit an internal error before publishing (${error instanceof Error ? error.message : String(error)}). Nothing was posted; retry it, and see the log if it happens again.`;
    const target = await this.ctx.store.targetState(job.data.targetId);
    if (!target) return;
    const moved = await this.ctx.store.giveUp(target, { message, missed: false, now: this.ctx.now() });
    if (moved.ok) this.finished(moved, 'failed', null, message);
  }

  private changed(moved: Settled): void {
    announceTarget(this.ctx, moved.target);
    if (moved.postChanged) announcePost(this.ctx, moved);
  }

  private finished(moved: Settled, status: 'published' | 'failed' | 'unknown', url: string | null, message: string | null): void {
    announceTarget(this.ctx, moved.target);
    announcePost(this.ctx, moved);
    this.ctx.events.emit('publish:result', {
      postId: moved.post.id,
      targetId: moved.target.id,
      platform: moved.target.platform,
      accountName: moved.target.account_name,
      status,
      url,
      message,
    });
  }
}

/** "09:05:30 UTC+01:00": a time in the post's own zone, with its offset so it reads right anywhere. */
function clockTime(epochMs: number, timeZone: string): string {
  return format(new TZDate(epochMs, timeZone), "HH:mm:ss 'UTC'xxx");
}
