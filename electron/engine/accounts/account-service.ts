// Accounts added by hand with a token. Tokens are sealed before they are stored and never returned.
import { randomUUID } from 'node:crypto';
import type { ParsedInput } from '../../../shared/contract/channels';
import type { AccountView } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { deleteAccount, findAccount, insertAccount, listAccounts, updateAccount } from '../db/repositories/accounts.repository';
import { findIdempotencyKey, insertIdempotencyKey } from '../db/repositories/idempotency.repository';
import { countOpenTargetsOfAccount } from '../db/repositories/targets.repository';
import { earlierResult, earlierResultGone, idempotencyRow, requestDigest } from '../idempotency';
import type { AccountRow, AccountRowUpdate } from '../db/tables';
import type { EngineEventBus } from '../events';
import { sealToken } from '../secrets/token-store';
import type { TokenCipher } from '../secrets/token-cipher';
import type { Db } from '../db/database';
import type { SyncSql } from '../db/sync-sql';
import type { WriteBatcher } from '../db/write-batcher';
import { accountView } from '../publishing/views';

export class AccountService {
  constructor(
    private readonly db: Db,
    private readonly sql: SyncSql,
    private readonly writes: WriteBatcher,
    private readonly cipher: TokenCipher,
    private readonly events: EngineEventBus,
    private readonly now: () => number,
  ) {}

  async add(input: ParsedInput<'accounts:add'>): Promise<AccountView> {
    // A retry of an add that was stored answers with that account; the digest leaves the tokens out.
    const idempotent =
      input.idempotencyKey === undefined
        ? undefined
        : {
            key: input.idempotencyKey,
            kind: 'account' as const,
            digest: requestDigest({ platform: input.platform, name: input.name, externalId: input.externalId, expiresAt: input.expiresAt }),
          };
    const now = this.now();
    const row: AccountRow = {
      id: randomUUID(),
      platform: input.platform,
      name: input.name,
      external_id: input.externalId ?? null,
      access_token_enc: sealToken(this.cipher, input.accessToken),
      refresh_token_enc: input.refreshToken ? sealToken(this.cipher, input.refreshToken) : null,
      token_expires_at: input.expiresAt ? Date.parse(input.expiresAt) : null,
      status: 'connected',
      status_message: null,
      created_at: now,
      updated_at: now,
    };
    const earlier = await this.writes.write(() => {
      const stored = idempotent && earlierResult(findIdempotencyKey(this.sql, idempotent.key), idempotent);
      if (stored !== undefined) return stored;
      insertAccount(this.sql, row);
      if (idempotent) insertIdempotencyKey(this.sql, idempotencyRow(idempotent, row.id, now));
      return undefined;
    });
    if (earlier === undefined) return this.changed(row);
    const account = await findAccount(this.db, earlier);
    if (!account) throw earlierResultGone('account');
    return accountView(account);
  }

  async list(): Promise<AccountView[]> {
    return (await listAccounts(this.db)).map(accountView);
  }

  async update(input: ParsedInput<'accounts:update'>): Promise<AccountView> {
    const current = await this.find(input.id);
    const changes: AccountRowUpdate = { updated_at: this.now() };
    if (input.name !== undefined) changes.name = input.name;
    if (input.externalId !== undefined) changes.external_id = input.externalId;
    if (input.accessToken !== undefined) {
      changes.access_token_enc = sealToken(this.cipher, input.accessToken);
      // A new token is the reconnect.
      changes.status = 'connected';
      changes.status_message = null;
    }
    if (input.refreshToken !== undefined) changes.refresh_token_enc = input.refreshToken === null ? null : sealToken(this.cipher, input.refreshToken);
    if (input.expiresAt !== undefined) changes.token_expires_at = input.expiresAt === null ? null : Date.parse(input.expiresAt);
    await this.writes.write(() => updateAccount(this.sql, input.id, changes));
    return this.changed({ ...current, ...changes } as AccountRow);
  }

  async remove(id: string): Promise<void> {
    const account = await this.find(id);
    const open = await countOpenTargetsOfAccount(this.db, id);
    if (open > 0) {
      throw new AppError({
        code: 'conflict',
        field: 'id',
        message: `"${account.name}" has ${open} post(s) waiting to publish; cancel them or pick another account for them first.`,
      });
    }
    await this.writes.write(() => deleteAccount(this.sql, id));
    this.events.emit('account:removed', { accountId: id });
  }

  private async find(id: string): Promise<AccountRow> {
    const account = await findAccount(this.db, id);
    if (!account) throw new AppError({ code: 'not_found', field: 'id', message: `No account with id ${id}.` });
    return account;
  }

  private changed(row: AccountRow): AccountView {
    const view = accountView(row);
    this.events.emit('account:changed', { account: view });
    return view;
  }
}
