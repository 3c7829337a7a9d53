// Keeps accounts' access tokens fresh, for every platform through one path: the platform's refresh in its sign-in
// flow (oauth/providers). Refreshes of one account run one at a time, and a refresh that finds the token already
// renewed by the one before it uses that token instead of spending the refresh token again: X's refresh tokens are
// single-use, and two racing refreshes would end the whole grant. The new pair is written durably before anyone
// uses it. A refused grant means signing in again; a platform that cannot answer means trying later, never that.
import { PLATFORM_LABELS } from '../../../shared/domain';
import type { SyncSql } from '../db/sync-sql';
import type { AccountRow } from '../db/tables';
import type { WriteBatcher } from '../db/write-batcher';
import type { EngineEventBus } from '../events';
import type { Logger } from '../logger';
import { signInRefused } from '../publishers/base/sign-in-refused';
import { PermanentError, RetryableError } from '../publishers/errors';
import type { TokenSource } from '../publishers/publisher';
import type { TokenCipher } from '../secrets/token-cipher';
import { CredentialStoreError, openToken, sealToken } from '../secrets/token-store';
import { accountView } from './account-view';
import { OAuthRefusal, OAuthUnavailable } from './oauth/oauth-errors';
import type { OAuthApps } from './oauth/oauth-apps';
import type { OAuthProvider, ProviderContext } from './oauth/provider';
import { providerFor } from './oauth/providers';
import type { TokenGrant } from './oauth/token-grant';

/** A token expiring within this window is renewed before it is used. */
export const REFRESH_MARGIN_MS = 5 * 60_000;
/** Instagram renews a long-lived token only once it is a day old. */
export const INSTAGRAM_MIN_TOKEN_AGE_MS = 24 * 60 * 60_000;

export interface TokenKeeperOptions {
  sql: SyncSql;
  writes: WriteBatcher;
  cipher: TokenCipher;
  apps: OAuthApps;
  /** The context a provider's refresh runs in. */
  providerContext(provider: OAuthProvider): ProviderContext;
  events: EngineEventBus;
  log: Logger;
  now: () => number;
}

type Reason = 'expiring' | 'refused' | 'upkeep';

export class TokenKeeper {
  /** The last refresh queued per account: the next waits for it. */
  private readonly tails = new Map<string, Promise<unknown>>();
  /** Opened tokens by stored value: every publish asks for a fresh token, and a burst need not decrypt one 1,000 times. */
  private readonly opened = new Map<string, string>();

  constructor(private readonly options: TokenKeeperOptions) {}

  /** What a publish of this account gets. */
  source(accountId: string): TokenSource {
    return {
      fresh: (current) => asPublishError(this.fresh(accountId, current)),
      renew: (rejected) => asPublishError(this.refresh(accountId, 'refused', (_row, token) => token === rejected)),
    };
  }

  /** The stored token (renewed since `current` was read, perhaps), or a renewed one when it expires within the margin. */
  async fresh(accountId: string, current: string): Promise<string> {
    const row = this.readToken(accountId);
    if (!row) return current;
    if (!this.expiring(row)) return this.open(row.access_token_enc);
    // A token other than `current` was stored by the renewal before this one: that is the fresh one.
    return this.refresh(accountId, 'expiring', (latest, token) => token === current && this.expiring(latest));
  }

  /** Renews ahead of time (Instagram's 60-day tokens, refresh tokens about to lapse); used by the upkeep. */
  renewAhead(accountId: string): Promise<string> {
    return this.refresh(accountId, 'upkeep', () => true);
  }

  private expiring(row: Pick<AccountRow, 'token_expires_at'>): boolean {
    return row.token_expires_at !== null && row.token_expires_at - this.options.now() <= REFRESH_MARGIN_MS;
  }

  private refresh(accountId: string, reason: Reason, stillNeeded: (row: AccountRow, token: string) => boolean): Promise<string> {
    const previous = this.tails.get(accountId) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.refreshNow(accountId, reason, stillNeeded));
    const tail = run.catch(() => undefined);
    this.tails.set(accountId, tail);
    void tail.then(() => {
      if (this.tails.get(accountId) === tail) this.tails.delete(accountId);
    });
    return run;
  }

  private async refreshNow(accountId: string, reason: Reason, stillNeeded: (row: AccountRow, token: string) => boolean): Promise<string> {
    const { cipher, now } = this.options;
    const row = this.read(accountId);
    if (!row) throw new PermanentError('The account was removed while its sign-in was being renewed.');
    const access = openToken(cipher, row.access_token_enc);
    // Whoever held the turn before may have renewed it already: use theirs.
    if (!stillNeeded(row, access)) return access;

    const label = PLATFORM_LABELS[row.platform];
    const provider = providerFor(row.platform, row.login_kind);
    const refreshToken = row.refresh_token_enc === null ? null : openToken(cipher, row.refresh_token_enc);
    const expired = row.token_expires_at !== null && row.token_expires_at <= now();
    const renewable = provider.refresh !== undefined && (refreshToken !== null || this.renewsItself(row));
    if (!renewable) {
      // Still valid: keep using it until the platform says otherwise (LinkedIn's 60 days run out with a reminder).
      if (reason !== 'refused' && !expired) return access;
      throw signInRefused({ label, account: row, ...(expired ? { reason: 'the sign-in expired and the platform gives no way to renew it' } : {}) });
    }

    let grant: TokenGrant;
    try {
      const client = this.options.apps.forGrant(provider.appPlatform, row.oauth_client_id);
      grant = await (provider.refresh as NonNullable<OAuthProvider['refresh']>)(this.options.providerContext(provider), client, {
        accessToken: access,
        refreshToken,
      });
    } catch (error) {
      throw this.refreshFailure(row, error);
    }
    await this.save(row, grant, refreshToken);
    return grant.accessToken;
  }

  /** Instagram Login tokens renew themselves (no refresh token) while valid and at least a day old. */
  private renewsItself(row: AccountRow): boolean {
    const { now } = this.options;
    const issued = row.token_issued_at ?? row.updated_at;
    return (
      row.platform === 'instagram' &&
      row.login_kind === 'instagram' &&
      (row.token_expires_at === null || row.token_expires_at > now()) &&
      now() - issued >= INSTAGRAM_MIN_TOKEN_AGE_MS
    );
  }

  private refreshFailure(row: AccountRow, error: unknown): Error {
    const label = PLATFORM_LABELS[row.platform];
    if (error instanceof OAuthUnavailable || error instanceof RetryableError) {
      return new RetryableError(`${error.message} The account stays connected; renewing its sign-in will be tried again.`, { cause: error });
    }
    if (error instanceof OAuthRefusal && error.kind === 'invalid_client') {
      return new PermanentError(
        `${error.message} The ${label} developer app’s credentials were refused, so the sign-in of “${row.name}” cannot be renewed. ` +
          'Check the app under Settings → Developer apps, then retry.',
        { ...(error.code ? { platformCode: error.code } : {}), cause: error },
      );
    }
    if (error instanceof OAuthRefusal) {
      return signInRefused({ label, account: row, reason: error.message, ...(error.code ? { platformCode: error.code } : {}), cause: error });
    }
    return error instanceof Error ? error : new Error(String(error));
  }

  /** Written durably before the new token is returned to anyone: a crash must not lose a rotated refresh token. */
  private async save(row: AccountRow, grant: TokenGrant, previousRefreshToken: string | null): Promise<void> {
    const { sql, cipher, now, events } = this.options;
    const at = now();
    const refreshToken = grant.refreshToken ?? previousRefreshToken;
    const changes = {
      access_token_enc: sealToken(cipher, grant.accessToken),
      // Platforms that do not rotate (Google, LinkedIn) send no new refresh token: the old one stays valid.
      refresh_token_enc: refreshToken === null ? null : sealToken(cipher, refreshToken),
      token_expires_at: grant.expiresAt,
      refresh_expires_at: grant.refreshToken !== null ? grant.refreshExpiresAt : row.refresh_expires_at,
      token_issued_at: at,
      ...(grant.scopes ? { scopes: grant.scopes.join(' ') } : {}),
      updated_at: at,
    };
    await this.options.writes.write(() => sql.run(sql.db.updateTable('social_accounts').set(changes).where('id', '=', row.id)), 'durable');
    this.options.log.info(`Renewed the sign-in of ${PLATFORM_LABELS[row.platform]} account ${row.id}.`);
    events.emit('account:changed', { account: accountView({ ...row, ...changes }, at) });
  }

  private open(stored: string): string {
    let plain = this.opened.get(stored);
    if (plain === undefined) {
      plain = openToken(this.options.cipher, stored);
      if (this.opened.size >= 256) this.opened.clear();
      this.opened.set(stored, plain);
    }
    return plain;
  }

  private read(accountId: string): AccountRow | undefined {
    return this.options.sql.statement('select * from social_accounts where id = ?').get(accountId) as AccountRow | undefined;
  }

  /**
   * Read on every publish: a prepared statement, and only the two columns it needs (the whole row, twenty columns,
   * cost seven times as much to read).
   */
  private readToken(accountId: string): Pick<AccountRow, 'access_token_enc' | 'token_expires_at'> | undefined {
    return this.options.sql.statement('select access_token_enc, token_expires_at from social_accounts where id = ?').get(accountId) as
      Pick<AccountRow, 'access_token_enc' | 'token_expires_at'> | undefined;
  }
}

/** A publish must learn of a locked credential store as a plain failure: nothing was sent, and it is no one's sign-in. */
async function asPublishError(renewal: Promise<string>): Promise<string> {
  try {
    return await renewal;
  } catch (error) {
    if (error instanceof CredentialStoreError) throw new PermanentError(error.message);
    throw error;
  }
}
