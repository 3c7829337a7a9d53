// Tokens at rest: a token this data directory's key cannot open is named as the credential store's problem (with the
// reason), never returned as garbage and never blamed on the account (reconnecting would not help).
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { aesGcmCipher, DATA_KEY_BYTES } from '../../electron/engine/secrets/aes-gcm-cipher';
import { DATA_KEY_SCHEME } from '../../electron/engine/secrets/credential-store';
import { CredentialStoreError, openToken, sealToken, UnreadableValueError } from '../../electron/engine/secrets/token-store';

function cipher() {
  return aesGcmCipher(DATA_KEY_SCHEME, randomBytes(DATA_KEY_BYTES));
}

function unreadable(open: () => string): CredentialStoreError {
  try {
    open();
  } catch (error) {
    // The store's kind of error (an engine problem), and this value's: the store itself may be fine.
    expect(error).toBeInstanceOf(CredentialStoreError);
    expect(error).toBeInstanceOf(UnreadableValueError);
    expect((error as CredentialStoreError).code).toBe('engine_unavailable');
    expect((error as Error).message).not.toMatch(/reconnect/i);
    return error as CredentialStoreError;
  }
  throw new Error('the token opened');
}

describe('token store', () => {
  it('opens what it sealed, and the sealed form names its scheme and hides the token', () => {
    const ours = cipher();
    const sealed = sealToken(ours, 'EAAB-page-token');
    expect(sealed.startsWith(`${DATA_KEY_SCHEME}$`)).toBe(true);
    expect(sealed).not.toContain('EAAB-page-token');
    expect(openToken(ours, sealed)).toBe('EAAB-page-token');
  });

  it('refuses a token sealed by the desktop app of an earlier version, saying how it moves over', () => {
    const error = unreadable(() => openToken(cipher(), 'electron-safe-storage$djEwAAAA'));
    expect(error.message).toBe(
      'The credential store is locked or missing: this token was saved by an earlier version of the desktop app; open the desktop app once and it moves the token into the shared store. Nothing was sent to the platform.',
    );
  });

  it('refuses a value with no scheme at all', () => {
    expect(unreadable(() => openToken(cipher(), 'plain-token')).message).toContain('written by another store ("unknown")');
  });

  it("refuses a token sealed under another data directory's key, without showing it", () => {
    const elsewhere = sealToken(cipher(), 'secret');
    const error = unreadable(() => openToken(cipher(), elsewhere));
    expect(error.message).toMatch(/^The credential store is locked or missing: a saved token does not open with this data directory's key \(.+\)\./);
    expect(error.message).not.toContain('secret');
  });

  it('refuses a damaged token', () => {
    const ours = cipher();
    const sealed = sealToken(ours, 'secret');
    expect(unreadable(() => openToken(ours, `${sealed.slice(0, -4)}AAAA`)).message).toContain("does not open with this data directory's key");
    expect(unreadable(() => openToken(ours, `${DATA_KEY_SCHEME}$only-one-part`)).message).toContain('the stored value is malformed');
  });
});
