// Values at rest carry their cipher's scheme (`<scheme>$<ciphertext>`), so a value written under another cipher is
// recognised, not mangled. A value that cannot be opened is the credential store's problem, never the account's:
// reconnecting would not help, and marking accounts `needs_reconnect` for it would hide the real cause.
import { AppError } from '../../../shared/errors';
import type { TokenCipher } from './token-cipher';

/**
 * The engine cannot read or write its own secrets: the keychain is locked, the key is missing, or a value is damaged.
 * An engine error (every client sees it as such), never an account's.
 */
export class CredentialStoreError extends AppError {
  constructor(reason: string) {
    super({ code: 'engine_unavailable', message: `The credential store is locked or missing: ${reason}. Nothing was sent to the platform.` });
    this.name = 'CredentialStoreError';
  }
}

/** One saved value that does not open (another store's scheme, another key, damaged) while the store itself works. */
export class UnreadableValueError extends CredentialStoreError {
  constructor(reason: string) {
    super(reason);
    this.name = 'UnreadableValueError';
  }
}

export function sealToken(cipher: TokenCipher, plain: string): string {
  return `${cipher.scheme}$${cipher.encrypt(plain)}`;
}

/** The scheme a stored value was written with ('' when it has none). */
export function schemeOf(stored: string): string {
  const separator = stored.indexOf('$');
  return separator === -1 ? '' : stored.slice(0, separator);
}

export function openToken(cipher: TokenCipher, stored: string): string {
  const scheme = schemeOf(stored);
  if (scheme !== cipher.scheme) throw new UnreadableValueError(unknownSchemeReason(scheme));
  try {
    return cipher.decrypt(stored.slice(scheme.length + 1));
  } catch (error) {
    // A locked store says so itself; anything else is this value's fault.
    if (error instanceof CredentialStoreError) throw error;
    throw new UnreadableValueError(
      `a saved token does not open with this data directory's key (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

function unknownSchemeReason(scheme: string): string {
  if (scheme === LEGACY_SAFE_STORAGE_SCHEME)
    return 'this token was saved by an earlier version of the desktop app; open the desktop app once and it moves the token into the shared store';
  return `a saved token was written by another store ("${scheme || 'unknown'}")`;
}

/** Schemes of earlier versions, moved into the shared store once at start. */
export const LEGACY_KEY_FILE_SCHEME = 'keyfile-aes256gcm';
export const LEGACY_SAFE_STORAGE_SCHEME = 'electron-safe-storage';
