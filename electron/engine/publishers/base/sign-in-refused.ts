// The one sentence every platform uses when it no longer accepts an account's sign-in, so the advice reads the same
// whichever platform refused.
import { PermanentError, type PublishErrorDetails } from '../errors';

export interface SignInRefusal extends PublishErrorDetails {
  /** The platform's name in the message, e.g. "Facebook". */
  label: string;
  /** The account to name; without one the message says "this account". */
  account?: { name: string } | undefined;
  /** What the platform answered, shown in brackets. */
  reason?: string;
}

/** The reconnect message itself, so code that would wrap a sign-in failure in it can tell it is already there. */
export class SignInRefusedError extends PermanentError {}

/** A PermanentError (authFailure) telling the user to reconnect the account. */
export function signInRefused({ label, account, reason, ...details }: SignInRefusal): SignInRefusedError {
  const who = account ? `the account "${account.name}"` : 'this account';
  const because = reason === undefined ? '' : ` (${reason.replace(/\.$/, '')})`;
  return new SignInRefusedError(
    `${label} no longer accepts the sign-in of ${who}${because}. Reconnect the account under Accounts, then retry the post.`,
    {
      ...details,
      authFailure: true,
    },
  );
}
