// A target's failure in plain words plus what the user can do next. The engine's message says what happened;
// this decides which buttons to offer.
import type { AccountStatus, TargetStatus } from '../../../shared/domain';

/** fix-account: open the account under Accounts to fill in what is missing (not a reconnect). */
export type AdviceAction = 'reconnect' | 'fix-account' | 'edit' | 'retry' | 'resolve';

export type AdviceKind =
  | 'auth'
  | 'account-id'
  | 'credentials'
  | 'developer-app'
  | 'too-long'
  | 'media'
  | 'duplicate'
  | 'rate-limit'
  | 'missed'
  | 'unknown-outcome'
  | 'generic';

export interface Advice {
  kind: AdviceKind;
  /** One line: what went wrong. */
  headline: string;
  /** What to do about it. */
  suggestion: string;
  actions: AdviceAction[];
}

export interface AdviceInput {
  status: TargetStatus;
  errorMessage: string | null;
  /** The account's state, when the account still exists. */
  accountStatus?: AccountStatus | null;
}

const PATTERNS: { kind: Exclude<AdviceKind, 'unknown-outcome' | 'generic'>; test: RegExp }[] = [
  // Before 'auth': these messages mention tokens and sign-ins, but signing in again would not fix them.
  { kind: 'credentials', test: /credential store is locked or missing/i },
  { kind: 'account-id', test: /is not known\. Fill it in under Accounts|Page id|account id .*missing/i },
  { kind: 'developer-app', test: /developer app/i },
  {
    kind: 'auth',
    test: /token|expired|reconnect|log ?in again|unauthori[sz]ed|not authori[sz]ed|permission|access (was )?(revoked|denied)|\b401\b/i,
  },
  { kind: 'missed', test: /missed|late tolerance|too late|app was (closed|off)|while the (computer|app)/i },
  { kind: 'duplicate', test: /duplicate|already (posted|published)|same content/i },
  { kind: 'too-long', test: /too long|shorten|exceeds?|over the limit|characters? (limit|max)|allows \d+ (weighted )?characters/i },
  { kind: 'rate-limit', test: /rate.?limit|too many|\b429\b|slow down|try again (later|in)/i },
  { kind: 'media', test: /media|image|video|photo|upload|jpe?g|file|format|aspect|resolution|duration/i },
];

export function classifyError(message: string | null): Exclude<AdviceKind, 'unknown-outcome'> {
  if (!message) return 'generic';
  return PATTERNS.find((pattern) => pattern.test.test(message))?.kind ?? 'generic';
}

/** Advice for a target that needs the user; null when it does not (pending, publishing, published, cancelled). */
export function adviseTarget(input: AdviceInput): Advice | null {
  if (input.status === 'unknown') {
    return {
      kind: 'unknown-outcome',
      headline: 'The app could not confirm whether this went live.',
      suggestion:
        'The platform stopped answering after the post was sent. Open the account on the platform and look for it, ' +
        'then tell the app what you found so it is never posted twice.',
      actions: ['resolve'],
    };
  }
  if (input.status !== 'failed') return null;

  const kind = input.accountStatus === 'needs_reconnect' ? 'auth' : classifyError(input.errorMessage);
  const headline = input.errorMessage?.trim() || 'The platform did not publish this post.';
  switch (kind) {
    case 'auth':
      return {
        kind,
        headline,
        suggestion: 'The platform no longer accepts this account’s sign-in. Reconnect the account (sign in again), then retry.',
        actions: input.accountStatus === undefined || input.accountStatus === null ? ['retry'] : ['reconnect', 'retry'],
      };
    case 'account-id':
      return {
        kind,
        headline,
        suggestion: 'The platform needs to know which page or account to post to. Fill in its id under Accounts, then retry.',
        actions: input.accountStatus === undefined || input.accountStatus === null ? ['retry'] : ['fix-account', 'retry'],
      };
    case 'credentials':
      return {
        kind,
        headline,
        suggestion:
          'This is the app’s own store of sign-ins, not the account: unlock the computer’s keychain (or restore the key file), then retry. No need to reconnect.',
        actions: ['retry'],
      };
    case 'developer-app':
      return {
        kind,
        headline,
        suggestion: 'Check the platform’s developer app under Settings → Developer apps, then retry.',
        actions: ['retry'],
      };
    case 'too-long':
      return { kind, headline, suggestion: 'Shorten the text for this platform, then retry.', actions: ['edit', 'retry'] };
    case 'media':
      return {
        kind,
        headline,
        suggestion: 'Check that each media link opens in a browser and suits this platform (type, size, length), then retry.',
        actions: ['edit', 'retry'],
      };
    case 'duplicate':
      return {
        kind,
        headline,
        suggestion: 'The platform refuses the same text twice. Check whether the earlier post is already live, or change the wording and retry.',
        actions: ['edit', 'retry'],
      };
    case 'rate-limit':
      return { kind, headline, suggestion: 'The platform asked to slow down. Wait a few minutes, then retry.', actions: ['retry'] };
    case 'missed':
      return {
        kind,
        headline,
        suggestion: 'It was not sent because its time passed while the app could not publish. Retry to publish it now, or edit it for a new time.',
        actions: ['retry', 'edit'],
      };
    default:
      return { kind, headline, suggestion: 'Retry to try again. If it keeps failing, check the account on the platform.', actions: ['retry'] };
  }
}
