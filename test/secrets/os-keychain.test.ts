// The real @napi-rs/keyring binding. Without a reachable Secret Service (no D-Bus session bus), the default Linux
// store must refuse — that refusal is what sends a headless engine to the key file — and the kernel keyring, pinned
// on purpose, shows the binding's read, write and remove working for real.
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { osKeychain } from '../../electron/engine/secrets/keychain';

const linux = process.platform === 'linux';
const service = `publishing-engine-test-${randomBytes(4).toString('hex')}`;

describe.runIf(linux)('the OS keychain on Linux', () => {
  it('refuses, rather than falling back to a store that forgets at reboot, when no Secret Service is reachable', async () => {
    // Point D-Bus at a bus that does not exist, so a desktop session running this test shows the refusal too.
    const previous = process.env.DBUS_SESSION_BUS_ADDRESS;
    process.env.DBUS_SESSION_BUS_ADDRESS = `unix:path=${join(tmpdir(), `no-bus-${randomBytes(4).toString('hex')}`)}`;
    try {
      const keychain = osKeychain({ service });
      expect(keychain.label).toMatch(/Secret Service/);
      await expect(keychain.read('data-key-probe')).rejects.toThrow(/DBus|D-Bus|Platform failure/i);
    } finally {
      if (previous === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
      else process.env.DBUS_SESSION_BUS_ADDRESS = previous;
    }
  });

  it('writes, reads back and removes an entry through the native binding', async (ctx) => {
    const keychain = osKeychain({ service, linuxStore: 'keyutils' });
    const value = randomBytes(32).toString('base64');
    try {
      await keychain.write('data-key-test', value);
    } catch (error) {
      // Containers usually forbid the kernel keyring (seccomp blocks keyctl): then this is reported as skipped.
      ctx.skip(`the kernel keyring is not available here (${String(error)})`);
    }
    expect(await keychain.read('data-key-test')).toBe(value);
    await keychain.remove('data-key-test');
    expect(await keychain.read('data-key-test')).toBeNull();
  });
});
