// Tokens at rest carry the cipher's scheme, so a token written under another cipher is recognised, not mangled.
import type { TokenCipher } from './token-cipher';

export class TokenUnreadableError extends Error {
  constructor(reason: string) {
    super(`The saved token cannot be read on this machine (${reason}). Reconnect the account.`);
    this.name = 'TokenUnreadableError';
  }
}

export function sealToken(cipher: TokenCipher, plain: string): string {
  return `${cipher.scheme}$${cipher.encrypt(plain)}`;
}

export function openToken(cipher: TokenCipher, stored: string): string {
  const separator = stored.indexOf('$');
  const scheme = separator === -1 ? '' : stored.slice(0, separator);
  if (scheme !== cipher.scheme) throw new TokenUnreadableError(`it was encrypted with "${scheme || 'unknown'}", this app uses "${cipher.scheme}"`);
  try {
    return cipher.decrypt(stored.slice(separator + 1));
  } catch (error) {
    throw new TokenUnreadableError(error instanceof Error ? error.message : String(error));
  }
}
