// The one wording for "this account must be reconnected", wherever a post meets such an account.
import { PLATFORM_LABELS, type Platform } from '../../../shared/domain';

export function reconnectAdvice(account: { platform: Platform; name: string; status_message: string | null }): string {
  return `Reconnect the ${PLATFORM_LABELS[account.platform]} account "${account.name}": ${account.status_message ?? 'its token is no longer accepted.'}`;
}
