// A publish that needs the platform's id of the account (a Page, an Instagram account, a LinkedIn author) and has
// none. Signing in again would not supply it, so the advice is to fill it in, never to reconnect.
import { ACCOUNT_ID_RULES } from '../../../../shared/account-ids';
import type { Platform } from '../../../../shared/domain';
import { PermanentError } from '../errors';

export const MISSING_ACCOUNT_ID = 'missing_account_id';

export function missingAccountId(platform: Platform): PermanentError {
  const { label } = ACCOUNT_ID_RULES[platform];
  return new PermanentError(`The ${label} of this account is not known. Fill it in under Accounts, then retry the post.`, {
    platformCode: MISSING_ACCOUNT_ID,
  });
}
