// An account row as every client sees it: never a token, and with the one problem that keeps it from publishing,
// named by its cause so the advice fits (a missing id is filled in; a refused sign-in is reconnected).
import { ACCOUNT_ID_RULES } from '../../../shared/account-ids';
import { PLATFORM_LABELS, type AccountView } from '../../../shared/domain';
import type { AccountRow } from '../db/tables';

const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

export function accountView(row: AccountRow, now: number = Date.now()): AccountView {
  return {
    id: row.id,
    platform: row.platform,
    name: row.name,
    externalId: row.external_id,
    status: row.status,
    tokenExpiresAt: isoOrNull(row.token_expires_at),
    statusMessage: row.status_message,
    createdAt: iso(row.created_at),
    avatarUrl: row.avatar_url,
    connection: row.connection,
    loginKind: row.login_kind,
    verifiedAt: isoOrNull(row.verified_at),
    autoRenews: row.refresh_token_enc !== null || (row.platform === 'instagram' && row.login_kind === 'instagram'),
    problem: accountProblem(row, now),
  };
}

export function accountProblem(row: AccountRow, now: number): AccountView['problem'] {
  const label = PLATFORM_LABELS[row.platform];
  if (row.status === 'needs_reconnect') {
    return { kind: 'needs_reconnect', message: row.status_message ?? `${label} no longer accepts this account’s sign-in. Reconnect it.` };
  }
  const rule = ACCOUNT_ID_RULES[row.platform];
  if (rule.required && !row.external_id) {
    return { kind: 'missing_id', message: `The ${rule.label} is not known yet. Fill it in under Accounts before publishing to this account.` };
  }
  // An expired token with a refresh token is renewed at the next use; without one (LinkedIn, or an Instagram token
  // that lapsed before it was renewed) only signing in again helps.
  if (row.token_expires_at !== null && row.token_expires_at <= now && row.refresh_token_enc === null) {
    return { kind: 'expired', message: `The sign-in expired on ${iso(row.token_expires_at).slice(0, 10)}. Reconnect the account.` };
  }
  if (row.verified_at === null) {
    return { kind: 'unverified', message: `${label} could not be reached to check this token when it was saved. Check it again under Accounts.` };
  }
  return null;
}
