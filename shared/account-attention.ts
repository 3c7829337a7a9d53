// Which accounts want the user: a problem of any kind, or a sign-in that the app cannot renew and that runs out
// within a week (LinkedIn's 60 days). The Accounts screen, the sidebar and the tray count the same way.
import type { AccountView } from './domain';

export const EXPIRY_WARNING_DAYS = 7;
const DAY_MS = 86_400_000;

export function needsAttention(account: Pick<AccountView, 'problem' | 'autoRenews' | 'tokenExpiresAt'>, now: number): boolean {
  if (account.problem !== null) return true;
  if (account.autoRenews || account.tokenExpiresAt === null) return false;
  return Date.parse(account.tokenExpiresAt) - now < EXPIRY_WARNING_DAYS * DAY_MS;
}
