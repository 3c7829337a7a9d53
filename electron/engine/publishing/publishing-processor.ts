// The BullMQ processor. BullMQ runs a job at least once; this makes a publish happen exactly once:
// the ledger transaction comes before every platform call, and a run that finds its target already
// `publishing` (a crash, a stall) never posts again blindly — it asks the platform first.
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { PLATFORM_LABELS, type PostView, type TargetOptions, type TargetView } from '../../../shared/domain';
import { updateAccount } from '../db/repositories/accounts.repository';
import { endOpenAttempt, findLatestAttemptSync, insertAttempt, updateAttempt } from '../db/repositories/attempts.repository';
import { findTargetSync, transitionTarget, updateTarget } from '../db/repositories/targets.repository';
import type { AttemptOutcome, TargetRowUpdate } from '../db/tables';
import { AmbiguousError, PermanentError, PublishError, RateLimitedError, RetryableError } from '../publishers/errors';
import type { ExistingPost, PublishOptions, PublishResult, Publisher } from '../publishers/publisher';
import { openToken, sealToken, TokenUnreadableError } from '../secrets/token-store';
import type { PublishingContext } from './context';
import { parseJobId, type PublishJobData } from './job-id';
import { attemptLedger, handlesOfTarget } from './ledger';
import { announcePost, settlePost } from './post-events';
import { loadPublishRow, type PublishRow } from './publish-row';
import { accountView, parseJson, targetView } from './views';

export type ProcessOutcome = 'published' | 'found' | 'failed' | 'unknown' | 'missed' | 'skipped' | 'stale' | 'joined';

export class PublishingProcessor {
  /** Targets with a publish running in this process. A stalled job re-run while its first run still works waits for it. */
  private readonly running = new Map<string, Promise<ProcessOutcome>>();
  private readonly shutdown = new AbortController();

  constructor(private readonly ctx: PublishingContext) {}

  /** Decrypted tokens by ciphertext: a burst of posts for one account decrypts its token once. */
  private readonly tokens = new Map<string, string>();

  private openCached(stored: string): string {
    let plain = this.tokens.get(stored);
    if (plain === undefined) {
      plain = openToken(this.ctx.cipher, stored);
      if (this.tokens.size >= 256) this.tokens.clear();
      this.tokens.set(stored, plain);
    }
    return plain;
  }

  /** Aborts running platform calls (engine stop). */
  abort(): void {
    this.shutdown.abort();
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
    }
  };

  /** A bug or a broken store must not leave a target silently pending: on the last try it fails, visibly. */
  private async internalError(job: Job<PublishJobData>, error: unknown): Promise<void> {
    this.ctx.log.error(`Publish job ${job.id} hit an internal error.`, error);
    if (job.attemptsMade + 1 < (job.opts.attempts ?? 1)) return;
    const row = loadPublishRow(this.ctx.statements, job.data.targetId);
    if (!row || row.target.status !== 'pending') return;
    const message = `Publishing Engine hit an internal error before publishing (${error instanceof Error ? error.message : String(error)}). Nothing was posted; retry it, and see the log if it happens again.`;
    await this.setTarget(row, { status: 'failed', error_message: message, due_at: null });
    await this.finish(row, 'failed', null, message);
  }

  private async run(job: Job<PublishJobData>, token: string | undefined): Promise<ProcessOutcome> {
    const row = loadPublishRow(this.ctx.statements, job.data.targetId);
    if (!row) return 'stale';
    const revision = job.id ? parseJobId(job.id)?.revision : undefined;
    if (revision !== row.target.revision) return 'stale';

    if (row.target.status === 'publishing') {
      const settled = await this.settleInterrupted(row, job, token);
      if (settled !== 'absent') return settled;
      row.target.status = 'pending';
    }
    if (row.target.status !== 'pending') return 'skipped';
    if (await this.isMissed(row)) return 'missed';
    return this.attempt(row, job, token);
  }

  /** An overdue target that never started, later than the user's tolerance, is missed rather than posted at a wrong hour. */
  private async isMissed(row: PublishRow): Promise<boolean> {
    const { target } = row;
    if (target.attempt_count > 0 || target.due_at === null) return false;
    const { lateToleranceMinutes } = await this.ctx.userSettings();
    const lateBy = this.ctx.now() - target.due_at;
    if (lateBy <= lateToleranceMinutes * 60_000) return false;
    await markMissed(this.ctx, [row.target]);
    return true;
  }

  private async attempt(row: PublishRow, job: Job<PublishJobData>, token: string | undefined): Promise<ProcessOutcome> {
    const { target, post } = row;
    const now = this.ctx.now();
    const jobId = job.id ?? '';
    const { statements } = this.ctx;
    const claim = await this.ctx.writes.write(() => {
      const attempt = statements.claimTarget(target.id, jobId, now);
      if (attempt === undefined) return undefined;
      return { attempt, post: post.status === 'scheduled' ? settlePost(statements, post.id, now) : undefined };
    });
    if (claim === undefined) return 'skipped';
    const attemptId = claim.attempt;
    const earlierAttempts = target.attempt_count > 0;
    target.status = 'publishing';
    target.attempt_count += 1;
    target.first_attempt_at ??= now;
    target.updated_at = now;
    this.emitTarget(row);
    if (claim.post) announcePost(this.ctx, claim.post);

    let publisher: Publisher;
    let options: PublishOptions;
    let accessToken: string;
    try {
      ({ publisher, options, accessToken } = this.prepare(row, attemptId, earlierAttempts));
    } catch (error) {
      return this.fail(row, attemptId, error instanceof PublishError ? error : new PermanentError(String(error)));
    }
    const text = target.text_override ?? post.text;
    const mediaUrls = parseJson<string[]>(post.media_urls, []);
    try {
      const result = await publisher.publish(accessToken, text, mediaUrls, options);
      return this.published(row, attemptId, result, 'published');
    } catch (error) {
      // Stopped mid-call on quit: the outcome is settled by asking the platform at the next start, not now.
      if (this.shutdown.signal.aborted) throw new DelayedError('The engine stopped during this publish.');
      if (error instanceof RateLimitedError) return this.rateLimited(row, attemptId, error, job, token);
      if (error instanceof RetryableError) return this.retry(row, attemptId, error, job);
      if (error instanceof PermanentError) return this.fail(row, attemptId, error);
      // Ambiguous, or an error no publisher classified: the post may exist. Ask before anything else.
      const ambiguous =
        error instanceof AmbiguousError ? error : new AmbiguousError(error instanceof Error ? error.message : String(error), { cause: error });
      await this.endAttempt(attemptId, 'ambiguous', { error_message: ambiguous.message });
      let existing: ExistingPost;
      try {
        existing = await this.findExisting(publisher, accessToken, text, mediaUrls, options);
      } catch (lookupError) {
        return this.settleLater(row, lookupError as RetryableError | RateLimitedError, job, token);
      }
      return this.settle(row, attemptId, existing, job, ambiguous.message);
    }
  }

  /** A run found its target `publishing` and no run of this process owns it: the last attempt was cut off. */
  private async settleInterrupted(row: PublishRow, job: Job<PublishJobData>, token: string | undefined): Promise<ProcessOutcome | 'absent'> {
    const last = findLatestAttemptSync(this.ctx.sql, row.target.id);
    if (last) await this.endAttempt(last.id, 'interrupted', { error_message: 'The app stopped during this attempt.' }, true);
    let publisher: Publisher;
    let options: PublishOptions;
    let accessToken: string;
    try {
      ({ publisher, options, accessToken } = this.prepare(row, last?.id, true));
    } catch (error) {
      return this.markUnknown(
        row,
        `The app stopped while publishing, and the account cannot be checked: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const text = row.target.text_override ?? row.post.text;
    let existing: ExistingPost;
    try {
      existing = await this.findExisting(publisher, accessToken, text, parseJson<string[]>(row.post.media_urls, []), options);
    } catch (lookupError) {
      return this.settleLater(row, lookupError as RetryableError | RateLimitedError, job, token);
    }
    if (existing.state === 'absent') {
      const now = this.ctx.now();
      await this.ctx.writes.write(
        () => transitionTarget(this.ctx.sql, row.target.id, 'publishing', { status: 'pending', updated_at: now }),
        'relaxed',
      );
      return 'absent';
    }
    return this.settle(row, last?.id, existing, job, 'The app stopped while publishing.');
  }

  private async settle(
    row: PublishRow,
    attemptId: number | undefined,
    existing: ExistingPost,
    job: Job<PublishJobData>,
    cause: string,
  ): Promise<ProcessOutcome> {
    if (existing.state === 'found') return this.published(row, attemptId, existing.result, 'found');
    if (existing.state === 'absent') {
      // Certainly not created: an ordinary retry, spending an attempt.
      return this.retry(row, attemptId, new RetryableError(cause), job);
    }
    const label = PLATFORM_LABELS[row.target.platform];
    return this.markUnknown(
      row,
      `${label} did not confirm whether the post went live (${cause}; ${existing.reason}). Check the "${row.target.account_name}" account on ${label}, then mark it as published or publish it again.`,
    );
  }

  /** Asks the platform. Throws only when the platform is busy or down right now, so the question is asked again later. */
  private async findExisting(
    publisher: Publisher,
    accessToken: string,
    text: string,
    mediaUrls: string[],
    options: PublishOptions,
  ): Promise<ExistingPost> {
    if (!publisher.findExisting) return { state: 'unknown', reason: 'this platform offers no way to look the post up' };
    try {
      return await publisher.findExisting(accessToken, text, mediaUrls, options);
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
    row: PublishRow,
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
    await this.setTarget(row, { error_message: `Checking whether the post went live: ${error.message}` });
    if (error instanceof RateLimitedError) {
      await job.moveToDelayed(error.retryAt, token);
      throw new DelayedError();
    }
    throw error;
  }

  private prepare(
    row: PublishRow,
    attemptId: number | undefined,
    earlierAttempts: boolean,
  ): { publisher: Publisher; options: PublishOptions; accessToken: string } {
    const { target, account } = row;
    const label = PLATFORM_LABELS[target.platform];
    if (!account) throw new PermanentError(`The ${label} account "${target.account_name}" was removed. Add it again, then retry.`);
    if (account.status === 'needs_reconnect') {
      throw new PermanentError(`Reconnect the ${label} account "${account.name}": ${account.status_message ?? 'its token is no longer accepted.'}`, {
        authFailure: true,
      });
    }
    const publisher = this.ctx.publishers.get(target.platform);
    if (!publisher) throw new PermanentError(`Publishing to ${label} is not available in this version.`);
    let accessToken: string;
    let refreshToken: string | null;
    try {
      accessToken = this.openCached(account.access_token_enc);
      refreshToken = account.refresh_token_enc ? this.openCached(account.refresh_token_enc) : null;
    } catch (error) {
      if (error instanceof TokenUnreadableError) throw new PermanentError(error.message, { authFailure: true });
      throw error;
    }
    const earlier = earlierAttempts ? handlesOfTarget(this.ctx.sql, target.id) : {};
    const options: PublishOptions = {
      settings: parseJson<TargetOptions>(target.options, {}),
      account: {
        id: account.id,
        platform: account.platform,
        name: account.name,
        externalId: account.external_id,
        refreshToken,
        tokenExpiresAt: account.token_expires_at,
      },
      ledger: attemptId === undefined ? { handles: earlier, saveHandle: () => undefined } : attemptLedger(this.ctx.sql, attemptId, earlier),
      saveTokens: (pair) => {
        // Synchronous: a refreshed pair must not be lost if the process dies right after (old refresh tokens may be revoked).
        this.ctx.sqlite
          .prepare('update social_accounts set access_token_enc = ?, refresh_token_enc = ?, token_expires_at = ?, updated_at = ? where id = ?')
          .run(
            sealToken(this.ctx.cipher, pair.accessToken),
            pair.refreshToken === null ? null : sealToken(this.ctx.cipher, pair.refreshToken),
            pair.expiresAt,
            this.ctx.now(),
            account.id,
          );
      },
      signal: this.shutdown.signal,
    };
    if (target.first_attempt_at !== null) options.firstAttemptAt = target.first_attempt_at;
    return { publisher, options, accessToken };
  }

  private async published(
    row: PublishRow,
    attemptId: number | undefined,
    result: PublishResult,
    outcome: 'published' | 'found',
  ): Promise<ProcessOutcome> {
    const now = this.ctx.now();
    const { statements } = this.ctx;
    const changes = {
      status: 'published' as const,
      platform_post_id: result.platformPostId,
      platform_post_url: result.url,
      error_message: null,
      due_at: null,
      updated_at: now,
    };
    const view = await this.ctx.writes.write(() => {
      statements.markPublished(row.target.id, attemptId, outcome, result.platformPostId, result.url, now);
      return settlePost(statements, row.post.id, now);
    }, 'relaxed');
    Object.assign(row.target, changes);
    this.announce(row, view, 'published', result.url, null);
    return outcome;
  }

  private async retry(row: PublishRow, attemptId: number | undefined, error: PublishError, job: Job<PublishJobData>): Promise<never> {
    const attempts = job.opts.attempts ?? 1;
    const last = job.attemptsMade + 1 >= attempts;
    if (attemptId !== undefined) await this.endAttempt(attemptId, 'retryable', { error_message: error.message });
    if (last) {
      const message = `${error.message} (gave up after ${attempts} tries)`;
      await this.setTarget(row, { status: 'failed', error_message: message, due_at: null });
      await this.finish(row, 'failed', null, message);
      throw new UnrecoverableError(message);
    }
    await this.setTarget(row, { status: 'pending', error_message: `${error.message} Retrying.` });
    throw error;
  }

  private async rateLimited(
    row: PublishRow,
    attemptId: number,
    error: RateLimitedError,
    job: Job<PublishJobData>,
    token: string | undefined,
  ): Promise<never> {
    await this.endAttempt(attemptId, 'rate_limited', { error_message: error.message });
    const waitUntil = new Date(error.retryAt).toISOString();
    await this.setTarget(row, { status: 'pending', due_at: error.retryAt, error_message: `${error.message} Waiting until ${waitUntil}.` });
    // Waiting for a platform's limit is not a failed try: the job moves to delayed without spending an attempt.
    await job.moveToDelayed(error.retryAt, token);
    throw new DelayedError();
  }

  private async fail(row: PublishRow, attemptId: number, error: PublishError): Promise<never> {
    await this.endAttempt(attemptId, 'permanent', { error_message: error.message });
    await this.setTarget(row, { status: 'failed', error_message: error.message, due_at: null });
    if (error instanceof PermanentError && error.authFailure && row.account && row.account.status !== 'needs_reconnect') {
      const now = this.ctx.now();
      const accountId = row.account.id;
      await this.ctx.writes.write(() =>
        updateAccount(this.ctx.sql, accountId, { status: 'needs_reconnect', status_message: error.message, updated_at: now }),
      );
      this.ctx.events.emit('account:changed', {
        account: accountView({ ...row.account, status: 'needs_reconnect', status_message: error.message, updated_at: now }),
      });
    }
    await this.finish(row, 'failed', null, error.message);
    throw new UnrecoverableError(error.message);
  }

  private async markUnknown(row: PublishRow, message: string): Promise<ProcessOutcome> {
    await this.setTarget(row, { status: 'unknown', error_message: message, due_at: null });
    await this.finish(row, 'unknown', null, message);
    return 'unknown';
  }

  private async setTarget(row: PublishRow, changes: TargetRowUpdate): Promise<void> {
    const updated_at = this.ctx.now();
    await this.ctx.writes.write(() => updateTarget(this.ctx.sql, row.target.id, { ...changes, updated_at }), 'relaxed');
    Object.assign(row.target, changes, { updated_at });
    this.emitTarget(row);
  }

  private async endAttempt(attemptId: number, outcome: AttemptOutcome, changes: { error_message?: string }, onlyIfOpen = false): Promise<void> {
    const update = { outcome, ended_at: this.ctx.now(), ...changes };
    await this.ctx.writes.write(() => (onlyIfOpen ? endOpenAttempt : updateAttempt)(this.ctx.sql, attemptId, update), 'relaxed');
  }

  private emitTarget(row: PublishRow): void {
    this.ctx.events.emit('target:changed', { target: targetView(row.target) });
  }

  private async finish(row: PublishRow, status: 'published' | 'failed' | 'unknown', url: string | null, message: string | null): Promise<void> {
    const now = this.ctx.now();
    const view = await this.ctx.writes.write(() => settlePost(this.ctx.statements, row.post.id, now), 'relaxed');
    this.announce(row, view, status, url, message);
  }

  private announce(
    row: PublishRow,
    view: PostView | undefined,
    status: 'published' | 'failed' | 'unknown',
    url: string | null,
    message: string | null,
  ): void {
    this.emitTarget(row);
    if (view) announcePost(this.ctx, view);
    this.ctx.events.emit('publish:result', {
      postId: row.post.id,
      targetId: row.target.id,
      platform: row.target.platform,
      accountName: row.target.account_name,
      status,
      url,
      message,
    });
  }
}

/** Marks overdue targets missed: failed, with a message saying when they were due, and reported. */
export async function markMissed(ctx: PublishingContext, targets: readonly { id: string; post_id: string; due_at: number | null }[]): Promise<void> {
  if (targets.length === 0) return;
  const now = ctx.now();
  const { lateToleranceMinutes } = await ctx.userSettings();
  const { sql } = ctx;
  const { missed, posts } = await ctx.writes.write(() => {
    const missed: TargetView[] = [];
    for (const target of targets) {
      const due = target.due_at === null ? 'its time' : new Date(target.due_at).toISOString();
      const message = `Missed: it was due at ${due}, but the app was not running (or the computer was asleep) until more than ${lateToleranceMinutes} minutes later. Reschedule it or publish it now.`;
      if (!transitionTarget(sql, target.id, 'pending', { status: 'failed', error_message: message, due_at: null, updated_at: now })) continue;
      insertAttempt(sql, {
        target_id: target.id,
        job_id: '',
        started_at: now,
        ended_at: now,
        outcome: 'missed',
        handles: '{}',
        error_message: message,
      });
      const row = findTargetSync(sql, target.id);
      if (row) missed.push(targetView(row));
    }
    const posts = [...new Set(missed.map((target) => target.postId))].map((postId) => settlePost(ctx.statements, postId, now));
    return { missed, posts };
  });
  for (const target of missed) ctx.events.emit('target:changed', { target });
  for (const post of posts) if (post) announcePost(ctx, post);
  if (missed.length > 0) ctx.events.emit('targets:missed', { targets: missed });
}
