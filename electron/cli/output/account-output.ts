// How accounts read in a terminal. An AccountView never holds a token, so nothing secret can be printed.
import type { AccountView } from '../../../shared/domain';
import { PLATFORM_LABELS } from '../../../shared/domain';
import { localTime } from './local-time';
import { formatTable } from './table';

export function accountTable(accounts: readonly AccountView[]): string {
  if (accounts.length === 0) return 'No accounts.\n';
  return formatTable(
    ['ID', 'PLATFORM', 'NAME', 'STATUS', 'TOKEN EXPIRES', 'NOTE'],
    accounts.map((account) => [
      account.id,
      PLATFORM_LABELS[account.platform],
      account.name,
      account.status,
      localTime(account.tokenExpiresAt),
      account.statusMessage ?? '',
    ]),
  );
}
