import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/engine/logger';
import { LEGACY_SAFE_STORAGE_SCHEME } from '../../electron/engine/secrets/token-store';
import { safeStorageReaders, type SafeStorageLike } from '../../electron/main/secrets';

/** Electron's safeStorage cannot load under Node; this stands in for its asynchronous API with a reversible transformation. */
function fakeSafeStorage(available: boolean | Error): SafeStorageLike & { seal(plain: string): string } {
  return {
    isAsyncEncryptionAvailable: async () => {
      if (available instanceof Error) throw available;
      return available;
    },
    decryptStringAsync: async (sealed) => ({
      result: Buffer.from(sealed)
        .reverse()
        .toString('utf8')
        .replace(/^sealed:/, ''),
      shouldReEncrypt: false,
    }),
    seal: (plain) => Buffer.from(`sealed:${plain}`, 'utf8').reverse().toString('base64'),
  };
}

describe('safeStorageReaders', () => {
  it('opens values the earlier desktop app sealed, through the asynchronous API', async () => {
    const storage = fakeSafeStorage(true);
    const [reader] = await safeStorageReaders(storage, silentLogger);
    expect(reader?.scheme).toBe(LEGACY_SAFE_STORAGE_SCHEME);
    expect(await reader?.decrypt(storage.seal('token-αβγ-🔑'))).toBe('token-αβγ-🔑');
  });

  it('offers no reader when safeStorage cannot decrypt here, or cannot even be asked', async () => {
    expect(await safeStorageReaders(fakeSafeStorage(false), silentLogger)).toEqual([]);
    expect(await safeStorageReaders(fakeSafeStorage(new Error('no keyring')), silentLogger)).toEqual([]);
  });
});
