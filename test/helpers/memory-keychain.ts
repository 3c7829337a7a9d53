// Stands in for the OS keychain (which this machine lacks: no D-Bus session, no Secret Service): entries in a map,
// and a switch that makes it unreachable the way a locked or absent keychain is.
import type { Keychain } from '../../electron/engine/secrets/keychain';

export class MemoryKeychain implements Keychain {
  readonly label = 'the test keychain';
  readonly entries = new Map<string, string>();
  reachable = true;

  async read(account: string): Promise<string | null> {
    this.check();
    return this.entries.get(account) ?? null;
  }

  async write(account: string, value: string): Promise<void> {
    this.check();
    this.entries.set(account, value);
  }

  async remove(account: string): Promise<void> {
    this.check();
    this.entries.delete(account);
  }

  private check(): void {
    if (!this.reachable) throw new Error('Platform failure: the keychain is locked');
  }
}
