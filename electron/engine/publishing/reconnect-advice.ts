// The one wording for "this account must be reconnected", wherever a post meets such an account.
import { PLATFORM_LABELS, type Platform } from '../../../shared/domain';

export function reconnectAdvice(account: { platform: Platform; name: string; status_message: string | null }): string {
  const label = PLATFORM_LABELS[account.platform];
  const why = account.status_message ?? 'its token is no longer accepted.';
  // A publisher's sign-in refusal already ends with how to reconnect; saying it twice reads as two problems.
  if (/\breconnect\b/i.test(why)) return `The ${label} account "${account.name}" needs reconnecting. ${why}`;
  return `Reconnect the ${label} account "${account.name}": ${why}`;
}
