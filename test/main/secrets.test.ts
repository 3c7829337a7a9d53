import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/engine/logger';
import { SAFE_STORAGE_SCHEME, safeStorageCipher, type SafeStorageLike } from '../../electron/main/secrets';

/** Electron's safeStorage cannot load under Node; this stands in for it with a reversible transformation. */
function fakeSafeStorage(available: boolean, backend: ReturnType<SafeStorageLike['getSelectedStorageBackend']>): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (plain) => Buffer.from(`sealed:${plain}`, 'utf8').reverse(),
    decryptString: (sealed) =>
      Buffer.from(sealed)
        .reverse()
        .toString('utf8')
        .replace(/^sealed:/, ''),
  };
}

describe('safeStorageCipher', () => {
  it('encrypts through safeStorage with a labelled scheme', () => {
    const cipher = safeStorageCipher(fakeSafeStorage(true, 'gnome_libsecret'), 'linux', silentLogger);
    expect(cipher?.scheme).toBe(SAFE_STORAGE_SCHEME);
    const stored = cipher?.encrypt('token-αβγ-🔑') ?? '';
    expect(stored).not.toContain('token');
    expect(cipher?.decrypt(stored)).toBe('token-αβγ-🔑');
  });

  it("refuses Linux's basic_text backend (a fixed key) and an undecided one", () => {
    expect(safeStorageCipher(fakeSafeStorage(true, 'basic_text'), 'linux', silentLogger)).toBeUndefined();
    expect(safeStorageCipher(fakeSafeStorage(true, 'unknown'), 'linux', silentLogger)).toBeUndefined();
  });

  it('falls back when encryption is not available at all', () => {
    expect(safeStorageCipher(fakeSafeStorage(false, 'unknown'), 'darwin', silentLogger)).toBeUndefined();
  });

  it('does not ask for a Linux backend on other systems', () => {
    const storage = {
      ...fakeSafeStorage(true, 'unknown'),
      getSelectedStorageBackend: () => {
        throw new Error('Linux only');
      },
    };
    expect(safeStorageCipher(storage, 'win32', silentLogger)?.scheme).toBe(SAFE_STORAGE_SCHEME);
  });
});
