// Tokens and client secrets are encrypted at rest with one cipher per data directory, whichever process hosts the
// engine (the app, `serve`, `web`), so every host reads what another wrote.
export interface TokenCipher {
  /** A label stored with each ciphertext, so a ciphertext from another cipher is recognised instead of mangled. */
  readonly scheme: string;
  encrypt(plain: string): string;
  decrypt(stored: string): string;
}
