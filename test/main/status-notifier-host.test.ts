// Whether a Linux desktop shows tray icons, asked of the StatusNotifier watcher over D-Bus with gdbus or dbus-send.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { hasStatusNotifierHost, parseDbusSendBoolean, parseGdbusBoolean, type RunCommand } from '../../electron/main/status-notifier-host';

const missing = (command: string): Error => Object.assign(new Error(`spawn ${command} ENOENT`), { code: 'ENOENT' });

describe('hasStatusNotifierHost', () => {
  it("reads gdbus's and dbus-send's answers", () => {
    expect(parseGdbusBoolean('(<true>,)\n')).toBe(true);
    expect(parseGdbusBoolean('(<false>,)\n')).toBe(false);
    expect(parseDbusSendBoolean('   variant       boolean true\n')).toBe(true);
    expect(parseDbusSendBoolean('   variant       boolean false\n')).toBe(false);
  });

  it('falls back to dbus-send only when gdbus is not installed, and says no when neither is', async () => {
    const asked: string[] = [];
    const onlyDbusSend: RunCommand = async (command) => {
      asked.push(command);
      if (command === 'gdbus') throw missing(command);
      return '   variant       boolean true\n';
    };
    await expect(hasStatusNotifierHost(onlyDbusSend)).resolves.toBe(true);
    expect(asked).toEqual(['gdbus', 'dbus-send']);
    await expect(hasStatusNotifierHost(async (command) => Promise.reject(missing(command)))).resolves.toBe(false);
  });

  it('says no, without trying further, when the bus answers with an error (no watcher)', async () => {
    const asked: string[] = [];
    const noWatcher: RunCommand = async (command) => {
      asked.push(command);
      throw Object.assign(new Error('GDBus.Error:org.freedesktop.DBus.Error.ServiceUnknown'), { code: 1 });
    };
    await expect(hasStatusNotifierHost(noWatcher)).resolves.toBe(false);
    expect(asked).toEqual(['gdbus']);
  });

  describe('against a real session bus with no StatusNotifier watcher (plain GNOME)', () => {
    let bus: ChildProcess | undefined;
    afterAll(() => {
      bus?.kill();
    });

    it('says no', async () => {
      bus = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], { stdio: ['ignore', 'pipe', 'ignore'] });
      const address = await new Promise<string>((resolve, reject) => {
        bus?.stdout?.setEncoding('utf8').once('data', (line: string) => resolve(line.trim()));
        bus?.once('error', reject);
      });
      const previous = process.env.DBUS_SESSION_BUS_ADDRESS;
      process.env.DBUS_SESSION_BUS_ADDRESS = address;
      try {
        await expect(hasStatusNotifierHost()).resolves.toBe(false);
      } finally {
        if (previous === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
        else process.env.DBUS_SESSION_BUS_ADDRESS = previous;
      }
    });
  });
});
