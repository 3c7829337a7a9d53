// Tokens at rest through Electron's safeStorage (Keychain, DPAPI, libsecret/kwallet). On Linux without a keyring
// safeStorage falls back to 'basic_text', a hard-coded key that protects nothing: then the app passes no cipher
// and the engine uses its owner-only key file, as in headless mode.
import type { SafeStorage } from 'electron';
import type { Logger } from '../engine/logger';
import type { TokenCipher } from '../engine/secrets/token-cipher';

export const SAFE_STORAGE_SCHEME = 'electron-safe-storage';

export type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptString' | 'decryptString'>;

/** Call after app 'ready' (the Linux backend is chosen then). Undefined means: use the engine's default cipher. */
export function safeStorageCipher(safeStorage: SafeStorageLike, platform: NodeJS.Platform, log: Logger): TokenCipher | undefined {
  if (!safeStorage.isEncryptionAvailable()) {
    log.warn('safeStorage is not available; tokens are encrypted with the key file in the data directory instead.');
    return undefined;
  }
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend();
    if (backend === 'basic_text' || backend === 'unknown') {
      log.warn(`safeStorage uses the "${backend}" backend (no keyring); tokens are encrypted with the key file in the data directory instead.`);
      return undefined;
    }
    log.info(`Tokens are encrypted with safeStorage (${backend}).`);
  } else {
    log.info('Tokens are encrypted with safeStorage.');
  }
  return {
    scheme: SAFE_STORAGE_SCHEME,
    encrypt: (plain) => safeStorage.encryptString(plain).toString('base64'),
    decrypt: (stored) => safeStorage.decryptString(Buffer.from(stored, 'base64')),
  };
}
