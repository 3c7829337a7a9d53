// Everything one publish call hands to the platform's own code.
import type { TargetOptions } from '../../../../shared/domain';
import type { AttemptLedger, PublishAccount } from '../publisher';

export interface PublishContext {
  /** The token to send; already refreshed when it was about to expire or was refused with 401. */
  accessToken: string;
  text: string;
  mediaUrls: readonly string[];
  settings: TargetOptions;
  account: PublishAccount | undefined;
  /** The caller's ledger, or one in memory when none was given: save handles here before the create call. */
  ledger: AttemptLedger;
  signal: AbortSignal | undefined;
  /** Epoch ms of the target's first attempt (defaults to the start of this call): look for existing posts from then. */
  firstAttemptAt: number;
}
