// Accounts as the screens show them: grouped by platform, with a word on when the token runs out.
import { EXPIRY_WARNING_DAYS, needsAttention } from '../../../shared/account-attention';
import { PLATFORMS, type AccountProblem, type AccountView, type Platform } from '../../../shared/domain';

export interface PlatformGroup<T> {
  platform: Platform;
  accounts: T[];
}

/** Accounts per platform in the app's platform order, names sorted; platforms without accounts are left out. */
export function groupByPlatform<T extends Pick<AccountView, 'platform' | 'name'>>(accounts: readonly T[]): PlatformGroup<T>[] {
  return PLATFORMS.flatMap((platform) => {
    const members = accounts.filter((account) => account.platform === platform).sort((a, b) => a.name.localeCompare(b.name));
    return members.length === 0 ? [] : [{ platform, accounts: members }];
  });
}

export type TokenExpiry = { state: 'none' } | { state: 'expired' } | { state: 'soon' | 'ok'; days: number };

const DAY_MS = 86_400_000;

export function tokenExpiry(expiresAt: string | null, now: Date): TokenExpiry {
  if (expiresAt === null) return { state: 'none' };
  const left = Date.parse(expiresAt) - now.getTime();
  if (Number.isNaN(left)) return { state: 'none' };
  if (left <= 0) return { state: 'expired' };
  const days = Math.floor(left / DAY_MS);
  return { state: days < EXPIRY_WARNING_DAYS ? 'soon' : 'ok', days };
}

/** An account that cannot publish now, in the words the composer shows next to the platform. */
export interface AccountProblemNote {
  accountId: string;
  kind: AccountProblem;
  message: string;
}

export function accountProblems(accounts: readonly AccountView[]): AccountProblemNote[] {
  return accounts.flatMap((account) =>
    account.problem ? [{ accountId: account.id, kind: account.problem.kind, message: `${account.name}: ${account.problem.message}` }] : [],
  );
}

/** The short word for an account's state, for badges. */
export function accountState(account: Pick<AccountView, 'problem'>): { label: string; tone: 'success' | 'warning' | 'danger' } {
  switch (account.problem?.kind) {
    case 'needs_reconnect':
      return { label: 'Needs reconnect', tone: 'danger' };
    case 'expired':
      return { label: 'Sign-in expired', tone: 'danger' };
    case 'missing_id':
      return { label: 'Id missing', tone: 'warning' };
    case 'unverified':
      return { label: 'Not checked', tone: 'warning' };
    default:
      return { label: 'Connected', tone: 'success' };
  }
}

/** Accounts that want the user: a problem, or a sign-in that runs out within the warning window. */
export function accountsNeedingAttention(accounts: readonly AccountView[], now: Date): AccountView[] {
  return accounts.filter((account) => needsAttention(account, now.getTime()));
}
