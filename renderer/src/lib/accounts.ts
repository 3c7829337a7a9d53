// Accounts as the screens show them: grouped by platform, with a word on when the token runs out.
import { PLATFORMS, type AccountView, type Platform } from '../../../shared/domain';

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
/** Warn this long ahead, so the user can reconnect before a scheduled post fails. */
const EXPIRY_WARNING_DAYS = 7;

export function tokenExpiry(expiresAt: string | null, now: Date): TokenExpiry {
  if (expiresAt === null) return { state: 'none' };
  const left = Date.parse(expiresAt) - now.getTime();
  if (Number.isNaN(left)) return { state: 'none' };
  if (left <= 0) return { state: 'expired' };
  const days = Math.floor(left / DAY_MS);
  return { state: days < EXPIRY_WARNING_DAYS ? 'soon' : 'ok', days };
}

export function needsReconnectCount(accounts: readonly Pick<AccountView, 'status'>[]): number {
  return accounts.filter((account) => account.status === 'needs_reconnect').length;
}
