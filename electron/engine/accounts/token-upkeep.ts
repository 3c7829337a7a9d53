// Work on accounts' sign-ins that no publish triggers: Instagram's 60-day tokens are renewed once they are a day
// old, long before they lapse; rotating refresh tokens about to lapse are used once to get new ones; and sign-ins
// that cannot be renewed (LinkedIn's 60 days) are announced from a week ahead, once a day, so the user reconnects
// before a post fails. Runs at start and then hourly.
import type { SyncSql } from '../db/sync-sql';
import type { AccountRow } from '../db/tables';
import type { WriteBatcher } from '../db/write-batcher';
import type { EngineEventBus } from '../events';
import type { Logger } from '../logger';
import { PermanentError } from '../publishers/errors';
import { accountView } from './account-view';
import { INSTAGRAM_MIN_TOKEN_AGE_MS, type TokenKeeper } from './token-keeper';

const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;
/** Remind this long before a sign-in that cannot be renewed runs out. */
export const EXPIRY_REMINDER_MS = 7 * DAY_MS;
/** Renew Instagram tokens (60 days) once less than this is left, so an app that is rarely open still keeps them. */
const INSTAGRAM_RENEW_WITHIN_MS = 50 * DAY_MS;

export interface TokenUpkeepOptions {
  sql: SyncSql;
  writes: WriteBatcher;
  keeper: TokenKeeper;
  events: EngineEventBus;
  log: Logger;
  now: () => number;
  intervalMs?: number;
}

export class TokenUpkeep {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly options: TokenUpkeepOptions) {}

  start(): void {
    const run = () => {
      this.running ??= this.runOnce()
        .catch((error: unknown) => this.options.log.warn('Checking the accounts’ sign-ins failed.', error))
        .finally(() => {
          this.running = undefined;
        });
    };
    run();
    this.timer = setInterval(run, this.options.intervalMs ?? HOUR_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  async runOnce(): Promise<void> {
    const { sql, now } = this.options;
    const rows = sql.all(sql.db.selectFrom('social_accounts').selectAll().where('status', '=', 'connected'));
    for (const row of rows) {
      if (this.renewsAhead(row)) await this.renew(row);
    }
    const current = sql.all(sql.db.selectFrom('social_accounts').selectAll().where('status', '=', 'connected'));
    const due = current.filter(
      (row) =>
        row.refresh_token_enc === null &&
        !isInstagramLogin(row) &&
        row.token_expires_at !== null &&
        row.token_expires_at - now() <= EXPIRY_REMINDER_MS &&
        (row.reminded_at === null || now() - row.reminded_at >= DAY_MS),
    );
    if (due.length === 0) return;
    const at = now();
    await this.options.writes.write(() => {
      for (const row of due) sql.run(sql.db.updateTable('social_accounts').set({ reminded_at: at }).where('id', '=', row.id));
    }, 'relaxed');
    this.options.events.emit('accounts:expiring', { accounts: due.map((row) => accountView({ ...row, reminded_at: at }, at)) });
  }

  private renewsAhead(row: AccountRow): boolean {
    const now = this.options.now();
    if (isInstagramLogin(row)) {
      const issued = row.token_issued_at ?? row.updated_at;
      return (
        row.token_expires_at !== null &&
        row.token_expires_at > now &&
        row.token_expires_at - now <= INSTAGRAM_RENEW_WITHIN_MS &&
        now - issued >= INSTAGRAM_MIN_TOKEN_AGE_MS
      );
    }
    return row.refresh_token_enc !== null && row.refresh_expires_at !== null && row.refresh_expires_at - now <= EXPIRY_REMINDER_MS;
  }

  private async renew(row: AccountRow): Promise<void> {
    try {
      await this.options.keeper.renewAhead(row.id);
    } catch (error) {
      if (!(error instanceof PermanentError && error.authFailure)) {
        this.options.log.info(`Renewing the sign-in of account ${row.id} ahead of time did not work; it is tried again later.`, error);
        return;
      }
      const { sql, now, events } = this.options;
      const changes = { status: 'needs_reconnect' as const, status_message: error.message, updated_at: now() };
      await this.options.writes.write(() => sql.run(sql.db.updateTable('social_accounts').set(changes).where('id', '=', row.id)));
      events.emit('account:changed', { account: accountView({ ...row, ...changes }, now()) });
    }
  }
}

function isInstagramLogin(row: AccountRow): boolean {
  return row.platform === 'instagram' && row.login_kind === 'instagram';
}
