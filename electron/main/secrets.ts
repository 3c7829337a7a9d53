// Earlier versions of the desktop app sealed tokens with Electron's safeStorage, which only Electron can open. The
// engine now keeps one credential store for every host; this gives it a reader for those old values so they move
// over once, at the first start of the app. It uses safeStorage's asynchronous API (the synchronous calls are
// deprecated in Electron 45 and removed in 46).
import type { SafeStorage } from 'electron';
import type { Logger } from '../engine/logger';
import type { LegacyTokenReader } from '../engine/secrets/legacy-tokens';
import { LEGACY_SAFE_STORAGE_SCHEME } from '../engine/secrets/token-store';

export type SafeStorageLike = Pick<SafeStorage, 'isAsyncEncryptionAvailable' | 'decryptStringAsync'>;

/** Call after app 'ready'. Empty when safeStorage cannot decrypt here: those values then wait, and say so. */
export async function safeStorageReaders(safeStorage: SafeStorageLike, log: Logger): Promise<LegacyTokenReader[]> {
  let available: boolean;
  try {
    available = await safeStorage.isAsyncEncryptionAvailable();
  } catch (error) {
    log.warn('safeStorage could not be asked whether it can decrypt; tokens it sealed stay where they are.', error);
    return [];
  }
  if (!available) return [];
  return [
    {
      scheme: LEGACY_SAFE_STORAGE_SCHEME,
      decrypt: async (stored) => (await safeStorage.decryptStringAsync(Buffer.from(stored, 'base64'))).result,
    },
  ];
}
