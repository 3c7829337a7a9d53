// Tokens are encrypted at rest. The desktop app supplies Electron's safeStorage; headless mode uses a key file.
export interface TokenCipher {
  /** A label stored with each ciphertext, so a change of cipher is detected instead of producing garbage. */
  readonly scheme: string;
  encrypt(plain: string): string;
  decrypt(stored: string): string;
}
