// The OS keychain (macOS Keychain, Windows Credential Manager, the Secret Service on Linux) through
// @napi-rs/keyring, an N-API module, so one build serves Node (CLI, `serve`, `web`) and Electron alike.
import { PRODUCT_NAME } from '../paths';

export interface Keychain {
  /** Where values live, for messages: "the macOS Keychain". */
  readonly label: string;
  /** The value of an entry, or null when there is none. Rejects when the keychain cannot be reached or is locked. */
  read(account: string): Promise<string | null>;
  write(account: string, value: string): Promise<void>;
  remove(account: string): Promise<void>;
}

export interface OsKeychainOptions {
  platform?: NodeJS.Platform;
  /**
   * Linux only. Default 'secret-service'. The library's own fallback, the kernel keyring ('keyutils'), forgets
   * everything at reboot, which would lose the data key and every token with it; tests pin it on purpose.
   */
  linuxStore?: 'secret-service' | 'keyutils';
  /** The keychain service name; default the product name. */
  service?: string;
}

type KeyringModule = typeof import('@napi-rs/keyring');

export function osKeychain(options: OsKeychainOptions = {}): Keychain {
  const platform = options.platform ?? process.platform;
  const service = options.service ?? PRODUCT_NAME;
  const linuxStore = options.linuxStore ?? 'secret-service';
  let module: Promise<KeyringModule> | undefined;
  const entry = async (account: string) => {
    module ??= import('@napi-rs/keyring');
    const { AsyncEntry } = await module;
    // The constructor throws when the pinned store is unreachable (no D-Bus session, no Secret Service).
    return new AsyncEntry(service, account, platform === 'linux' ? { linux: { store: linuxStore } } : undefined);
  };
  return {
    label: keychainLabel(platform, linuxStore),
    async read(account) {
      return (await entry(account)).getPassword();
    },
    async write(account, value) {
      await (await entry(account)).setPassword(value);
    },
    async remove(account) {
      await (await entry(account)).deleteCredential();
    },
  };
}

function keychainLabel(platform: NodeJS.Platform, linuxStore: string): string {
  if (platform === 'darwin') return 'the macOS Keychain';
  if (platform === 'win32') return 'the Windows Credential Manager';
  return linuxStore === 'keyutils' ? 'the kernel keyring' : 'the Secret Service keyring (GNOME Keyring, KWallet)';
}
