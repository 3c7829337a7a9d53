// Accounts: added by signing in (the connect broker calls `saveConnected`) or with a pasted token, and either way
// checked with the platform first — the profile read says whose token it is, so a made-up token is refused and never
// shows as connected. When the platform cannot be reached (offline) a pasted token is kept but marked unchecked until
// it is checked again. Tokens are sealed before they are stored and never returned.
import { randomUUID } from 'node:crypto';
import { ACCOUNT_ID_RULES, accountIdProblem } from '../../../shared/account-ids';
import type { ParsedInput } from '../../../shared/contract/channels';
import { PLATFORM_LABELS, type AccountView, type LoginKind, type Platform } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { AccountRemovalImpact } from '../../../shared/oauth';
import { deleteAccount, findAccount, insertAccount, listAccounts, updateAccount } from '../db/repositories/accounts.repository';
import { findIdempotencyKey, insertIdempotencyKey } from '../db/repositories/idempotency.repository';
import type { Db } from '../db/database';
import type { SyncSql } from '../db/sync-sql';
import type { AccountRow, AccountRowUpdate } from '../db/tables';
import type { WriteBatcher } from '../db/write-batcher';
import type { EngineEventBus } from '../events';
import { earlierResult, earlierResultGone, idempotencyRow, requestDigest, type IdempotentRequest } from '../idempotency';
import { PermanentError, PublishError, RateLimitedError, RetryableError } from '../publishers/errors';
import type { AccountProfile, PublisherRegistry } from '../publishers/publisher';
import type { PublishingService } from '../publishing/publishing-service';
import type { TokenCipher } from '../secrets/token-cipher';
import { openToken, sealToken } from '../secrets/token-store';
import { accountView } from './account-view';
import type { ConnectedAccount } from './oauth/provider';

/** What a sign-in hands over for storing. */
export interface ConnectedAccountsSave {
  platform: Platform;
  accounts: readonly ConnectedAccount[];
  /** The developer app that issued the grant. */
  clientId: string;
  /** Reconnecting this account: its row is updated, and must be the same account on the platform. */
  reconnectId: string | null;
}

/** What the account service works with: the accounts' rows, the credential store, the clock and the event bus. */
export interface AccountStore {
  db: Db;
  sql: SyncSql;
  writes: WriteBatcher;
  cipher: TokenCipher;
  events: EngineEventBus;
  now(): number;
}

export class AccountService {
  constructor(
    private readonly ctx: AccountStore,
    private readonly publishers: PublisherRegistry,
    /** Waiting posts let go of an account before it is removed. */
    private readonly publishing: PublishingService,
  ) {}

  async add(input: ParsedInput<'accounts:add'>): Promise<AccountView> {
    // A retry of an add that was stored answers with that account (before the platform is asked again, which would
    // find the account already connected); the digest leaves the tokens out.
    const idempotent: IdempotentRequest | undefined =
      input.idempotencyKey === undefined
        ? undefined
        : {
            key: input.idempotencyKey,
            kind: 'account',
            digest: requestDigest({
              platform: input.platform,
              name: input.name,
              externalId: input.externalId,
              expiresAt: input.expiresAt,
              loginKind: input.loginKind,
            }),
          };
    const stored = idempotent && earlierResult(findIdempotencyKey(this.ctx.sql, idempotent.key), idempotent);
    if (stored !== undefined) return this.earlierAccount(stored);
    // Sealed first: a locked credential store says so before anything is asked of the platform.
    const accessTokenEnc = sealToken(this.ctx.cipher, input.accessToken);
    const refreshTokenEnc = input.refreshToken ? sealToken(this.ctx.cipher, input.refreshToken) : null;
    const loginKind = input.platform === 'instagram' ? (input.loginKind ?? 'facebook') : null;
    const profile = await this.verify(input.platform, input.accessToken, input.externalId ?? null, loginKind);
    // The same request sent twice at once: the twin stored the account while the platform was asked. Its account is
    // the answer, not "already connected".
    const twin = idempotent && earlierResult(findIdempotencyKey(this.ctx.sql, idempotent.key), idempotent);
    if (twin !== undefined) return this.earlierAccount(twin);
    const externalId = profile?.externalId ?? input.externalId ?? null;
    const now = this.ctx.now();
    const existing = externalId === null ? undefined : this.findByExternalId(input.platform, externalId);
    if (existing) {
      throw new AppError({
        code: 'conflict',
        field: 'accessToken',
        message: `${profile?.name ?? externalId} is already connected as “${existing.name}”. Reconnect that account instead of adding it again.`,
      });
    }
    const row: AccountRow = {
      id: randomUUID(),
      platform: input.platform,
      name: input.name ?? profile?.name ?? `${PLATFORM_LABELS[input.platform]} account`,
      external_id: externalId,
      access_token_enc: accessTokenEnc,
      refresh_token_enc: refreshTokenEnc,
      token_expires_at: input.expiresAt ? Date.parse(input.expiresAt) : null,
      status: 'connected',
      status_message: null,
      created_at: now,
      updated_at: now,
      avatar_url: profile?.avatarUrl ?? null,
      oauth_client_id: null,
      login_kind: loginKind,
      scopes: null,
      refresh_expires_at: null,
      token_issued_at: now,
      verified_at: profile ? now : null,
      reminded_at: null,
      connection: 'token',
    };
    const earlier = await this.ctx.writes.write(() => {
      const raced = idempotent && earlierResult(findIdempotencyKey(this.ctx.sql, idempotent.key), idempotent);
      if (raced !== undefined) return raced;
      insertAccount(this.ctx.sql, row);
      if (idempotent) insertIdempotencyKey(this.ctx.sql, idempotencyRow(idempotent, row.id, now));
      return undefined;
    });
    return earlier === undefined ? this.changed(row) : this.earlierAccount(earlier);
  }

  /** The account an earlier request with the same idempotency key made. */
  private async earlierAccount(id: string): Promise<AccountView> {
    const account = await findAccount(this.ctx.db, id);
    if (!account) throw earlierResultGone('account');
    return accountView(account, this.ctx.now());
  }

  async list(): Promise<AccountView[]> {
    const now = this.ctx.now();
    return (await listAccounts(this.ctx.db)).map((row) => accountView(row, now));
  }

  /** A pasted token, a new name or a corrected platform id. A new token or id is checked with the platform first. */
  async update(input: ParsedInput<'accounts:update'>): Promise<AccountView> {
    const current = await this.find(input.id);
    const changes: AccountRowUpdate = { updated_at: this.ctx.now() };
    if (input.name !== undefined) changes.name = input.name;
    if (input.externalId !== undefined) {
      const problem = accountIdProblem(current.platform, input.externalId);
      if (problem) throw new AppError({ code: 'validation', field: 'externalId', message: `externalId: ${problem}` });
    }
    if (input.accessToken !== undefined || input.externalId !== undefined) {
      const token = input.accessToken ?? openToken(this.ctx.cipher, current.access_token_enc);
      const wanted = input.externalId ?? current.external_id;
      const profile = await this.verify(current.platform, token, wanted, current.login_kind);
      if (profile) this.sameAccount(current, profile.externalId ?? wanted, profile.name);
      changes.external_id = profile?.externalId ?? wanted;
      if (profile) changes.avatar_url = profile.avatarUrl;
      changes.verified_at = profile ? changes.updated_at : null;
    }
    if (input.accessToken !== undefined) {
      changes.access_token_enc = sealToken(this.ctx.cipher, input.accessToken);
      changes.token_issued_at = changes.updated_at;
      changes.connection = 'token';
      // A token the platform accepted is the reconnect.
      changes.status = 'connected';
      changes.status_message = null;
    }
    if (input.refreshToken !== undefined)
      changes.refresh_token_enc = input.refreshToken === null ? null : sealToken(this.ctx.cipher, input.refreshToken);
    if (input.expiresAt !== undefined) changes.token_expires_at = input.expiresAt === null ? null : Date.parse(input.expiresAt);
    await this.ctx.writes.write(() => updateAccount(this.ctx.sql, input.id, changes));
    return this.changed({ ...current, ...changes } as AccountRow);
  }

  /** Reads the profile again with the stored token: the account's "Check again". */
  async recheck(id: string): Promise<AccountView> {
    const current = await this.find(id);
    const profile = await this.verify(
      current.platform,
      openToken(this.ctx.cipher, current.access_token_enc),
      current.external_id,
      current.login_kind,
    );
    if (!profile) {
      throw new AppError({
        code: 'platform_unavailable',
        message: `${PLATFORM_LABELS[current.platform]} could not be reached to check the account. Try again later.`,
      });
    }
    this.sameAccount(current, profile.externalId, profile.name);
    const now = this.ctx.now();
    const changes: AccountRowUpdate = {
      external_id: profile.externalId ?? current.external_id,
      avatar_url: profile.avatarUrl,
      verified_at: now,
      status: 'connected',
      status_message: null,
      updated_at: now,
    };
    await this.ctx.writes.write(() => updateAccount(this.ctx.sql, id, changes));
    return this.changed({ ...current, ...changes } as AccountRow);
  }

  /** Stores what a sign-in gave: new accounts, or the reconnected one. */
  async saveConnected(save: ConnectedAccountsSave): Promise<AccountView[]> {
    const now = this.ctx.now();
    const reconnect = save.reconnectId === null ? undefined : await this.find(save.reconnectId);
    const rows: { row: AccountRow; changes: AccountRowUpdate | undefined }[] = [];
    for (const account of save.accounts) {
      const existing = reconnect ?? (account.externalId === null ? undefined : this.findByExternalId(save.platform, account.externalId));
      if (reconnect) this.sameAccount(reconnect, account.externalId, account.name);
      const grant = account.grant;
      const fields = {
        external_id: account.externalId ?? existing?.external_id ?? null,
        avatar_url: account.avatarUrl,
        access_token_enc: sealToken(this.ctx.cipher, grant.accessToken),
        refresh_token_enc: grant.refreshToken === null ? null : sealToken(this.ctx.cipher, grant.refreshToken),
        token_expires_at: grant.expiresAt,
        refresh_expires_at: grant.refreshExpiresAt,
        token_issued_at: now,
        scopes: grant.scopes?.join(' ') ?? null,
        oauth_client_id: save.clientId,
        login_kind: account.loginKind,
        connection: 'oauth' as const,
        status: 'connected' as const,
        status_message: null,
        verified_at: now,
        reminded_at: null,
        updated_at: now,
      };
      rows.push(
        existing
          ? { row: { ...existing, ...fields }, changes: fields }
          : { row: { id: randomUUID(), platform: save.platform, name: account.name, created_at: now, ...fields }, changes: undefined },
      );
    }
    await this.ctx.writes.write(() => {
      for (const { row, changes } of rows) {
        if (changes) updateAccount(this.ctx.sql, row.id, changes);
        else insertAccount(this.ctx.sql, row);
      }
    });
    return rows.map(({ row }) => this.changed(row));
  }

  /** The posts that would lose this platform if the account were removed. */
  async removalImpact(id: string): Promise<AccountRemovalImpact> {
    await this.find(id);
    const rows = await this.ctx.db
      .selectFrom('post_platforms')
      .innerJoin('posts', 'posts.id', 'post_platforms.post_id')
      .select(['posts.id as id', 'posts.text as text', 'posts.scheduled_at as scheduledAt', 'post_platforms.status as status'])
      .where('post_platforms.account_id', '=', id)
      .where('post_platforms.status', 'in', ['pending', 'publishing'])
      // A draft is not waiting: it keeps its choice until it is scheduled (and is told then that the account is gone).
      .where('posts.status', '!=', 'draft')
      .orderBy('posts.scheduled_at')
      .execute();
    return {
      accountId: id,
      posts: rows.map((row) => ({
        id: row.id,
        text: row.text,
        scheduledAt: row.scheduledAt === null ? null : new Date(row.scheduledAt).toISOString(),
        status: row.status,
      })),
    };
  }

  /**
   * Removes an account. Posts still waiting for it must be confirmed away: their target for this account is
   * cancelled (the other platforms go ahead) before the account goes. A publish running right now is waited for.
   */
  async remove(id: string, confirmed: boolean): Promise<void> {
    const account = await this.find(id);
    const impact = await this.removalImpact(id);
    if (impact.posts.some((post) => post.status === 'publishing')) {
      throw new AppError({
        code: 'conflict',
        field: 'id',
        message: `“${account.name}” is publishing a post right now. Remove it once that is done.`,
      });
    }
    if (impact.posts.length > 0 && !confirmed) {
      throw new AppError({
        code: 'conflict',
        field: 'confirmed',
        message: `${impact.posts.length} post(s) wait to publish to “${account.name}”. Confirm to remove the account: they will not be published to ${PLATFORM_LABELS[account.platform]}.`,
        details: impact,
      });
    }
    // The posts let go first (through the target store, like any cancel); then the account goes.
    await this.publishing.releaseAccount(id);
    await this.ctx.writes.write(() => deleteAccount(this.ctx.sql, id));
    this.ctx.events.emit('account:removed', { accountId: id });
  }

  async find(id: string): Promise<AccountRow> {
    const account = await findAccount(this.ctx.db, id);
    if (!account) throw new AppError({ code: 'not_found', field: 'id', message: `No account with id ${id}.` });
    return account;
  }

  /** Who the token belongs to; undefined when the platform cannot be reached now. A refusal names the field at fault. */
  private async verify(
    platform: Platform,
    token: string,
    externalId: string | null,
    loginKind: LoginKind | null,
  ): Promise<AccountProfile | undefined> {
    const publisher = this.publishers.get(platform);
    const label = PLATFORM_LABELS[platform];
    if (!publisher) throw new AppError({ code: 'validation', field: 'platform', message: `platform: ${label} is not available in this version.` });
    let profile: AccountProfile;
    try {
      profile = await publisher.readProfile(token, { externalId, loginKind });
    } catch (error) {
      if (error instanceof RetryableError || error instanceof RateLimitedError) return undefined;
      if (!(error instanceof PublishError)) throw error;
      const field = error instanceof PermanentError && error.authFailure ? 'accessToken' : externalId === null ? 'accessToken' : 'externalId';
      throw new AppError({ code: 'validation', field, message: `${field}: ${label} did not accept it: ${error.message}` });
    }
    if (externalId !== null && profile.externalId !== null && profile.externalId !== externalId) {
      throw new AppError({
        code: 'validation',
        field: 'externalId',
        message: `externalId: this token belongs to ${profile.name} (${ACCOUNT_ID_RULES[platform].label} ${profile.externalId}), not to ${externalId}.`,
      });
    }
    return profile;
  }

  /** A reconnect must sign in as the same account, or posts meant for one account would go to another. */
  private sameAccount(current: AccountRow, externalId: string | null, name: string): void {
    if (current.external_id === null || externalId === null || current.external_id === externalId) return;
    throw new AppError({
      code: 'conflict',
      field: 'accessToken',
      message: `That sign-in is ${name}, not “${current.name}”. Sign in as “${current.name}”, or add ${name} as a new account.`,
    });
  }

  /** One account per platform id, however it was connected (Instagram Login or through a Page are one account). */
  private findByExternalId(platform: Platform, externalId: string): AccountRow | undefined {
    const { sql } = this.ctx;
    return sql.first(sql.db.selectFrom('social_accounts').selectAll().where('platform', '=', platform).where('external_id', '=', externalId));
  }

  private changed(row: AccountRow): AccountView {
    const view = accountView(row, this.ctx.now());
    this.ctx.events.emit('account:changed', { account: view });
    return view;
  }
}
