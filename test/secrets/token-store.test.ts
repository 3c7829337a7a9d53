// Tokens at rest: a token this machine cannot read is named as such (with the reason), never returned as garbage.
import { afterEach, describe, expect, it } from 'vitest';
import { keyFileCipher } from '../../electron/engine/secrets/key-file-cipher';
import { openToken, sealToken, TokenUnreadableError } from '../../electron/engine/secrets/token-store';
import { makeDataDir, removeDataDir } from '../helpers/test-engine';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDataDir(dir);
});

function cipher() {
  const dir = makeDataDir();
  dirs.push(dir);
  return keyFileCipher(dir);
}

function unreadable(open: () => string): TokenUnreadableError {
  try {
    open();
  } catch (error) {
    expect(error).toBeInstanceOf(TokenUnreadableError);
    return error as TokenUnreadableError;
  }
  throw new Error('the token opened');
}

describe('token store', () => {
  it('opens what it sealed, and the sealed form names its scheme and hides the token', () => {
    const ours = cipher();
    const sealed = sealToken(ours, 'EAAB-page-token');
    expect(sealed).toMatch(/^keyfile-aes256gcm\$/);
    expect(sealed).not.toContain('EAAB-page-token');
    expect(openToken(ours, sealed)).toBe('EAAB-page-token');
  });

  it('refuses a token sealed by another cipher, naming both schemes', () => {
    const error = unreadable(() => openToken(cipher(), 'electron-safe-storage$djEwAAAA'));
    expect(error.message).toBe(
      'The saved token cannot be read on this machine (it was encrypted with "electron-safe-storage", this app uses "keyfile-aes256gcm"). Reconnect the account.',
    );
  });

  it('refuses a value with no scheme at all', () => {
    expect(unreadable(() => openToken(cipher(), 'plain-token')).message).toContain('encrypted with "unknown"');
  });

  it("refuses a token sealed under another data directory's key", () => {
    const elsewhere = sealToken(cipher(), 'secret');
    const error = unreadable(() => openToken(cipher(), elsewhere));
    expect(error.message).toMatch(/^The saved token cannot be read on this machine \(.+\)\. Reconnect the account\.$/);
    expect(error.message).not.toContain('secret');
  });

  it('refuses a damaged token', () => {
    const ours = cipher();
    const sealed = sealToken(ours, 'secret');
    expect(unreadable(() => openToken(ours, `${sealed.slice(0, -4)}AAAA`)).message).toContain('cannot be read on this machine');
    expect(unreadable(() => openToken(ours, 'keyfile-aes256gcm$only-one-part')).message).toContain('The stored token is malformed.');
  });
});
