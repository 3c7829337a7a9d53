import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App, Settings as LoginItemSettings } from 'electron';
import {
  applyStartAtLogin,
  autostartEntry,
  autostartFile,
  desktopExecArgument,
  launchPath,
  loginItemSettings,
  startsHidden,
} from '../../electron/main/login-item';

describe('login item settings', () => {
  it('registers the app with --hidden on Windows and plainly on macOS', () => {
    expect(loginItemSettings(true, 'win32', 'C:\\Program Files\\Publishing Engine\\Publishing Engine.exe')).toEqual({
      openAtLogin: true,
      path: 'C:\\Program Files\\Publishing Engine\\Publishing Engine.exe',
      args: ['--hidden'],
    });
    expect(loginItemSettings(false, 'darwin', '/Applications/Publishing Engine.app/Contents/MacOS/Publishing Engine')).toEqual({
      openAtLogin: false,
    });
  });

  it('starts hidden when launched at login', () => {
    expect(startsHidden(['/usr/bin/publishing-engine', '--hidden'], false)).toBe(true);
    expect(startsHidden(['/usr/bin/publishing-engine'], true)).toBe(true);
    expect(startsHidden(['/usr/bin/publishing-engine'], false)).toBe(false);
  });

  it('starts the AppImage file rather than its temporary mount', () => {
    expect(launchPath('/tmp/.mount_PubliXYZ/publishing-engine', { APPIMAGE: '/home/ana/Apps/Publishing Engine.AppImage' })).toBe(
      '/home/ana/Apps/Publishing Engine.AppImage',
    );
    expect(launchPath('/opt/Publishing Engine/publishing-engine', {})).toBe('/opt/Publishing Engine/publishing-engine');
  });
});

describe('Linux autostart entry', () => {
  it('quotes arguments by the Desktop Entry rules', () => {
    expect(desktopExecArgument('/opt/app/publishing-engine')).toBe('/opt/app/publishing-engine');
    expect(desktopExecArgument('/opt/Publishing Engine/publishing-engine')).toBe('"/opt/Publishing Engine/publishing-engine"');
    expect(desktopExecArgument('/home/ana/100%/app')).toBe('/home/ana/100%%/app');
    expect(desktopExecArgument('/home/ana/$HOME "x"/app')).toBe('"/home/ana/\\\\$HOME \\\\"x\\\\"/app"');
    expect(desktopExecArgument('')).toBe('""');
  });

  it('starts the app hidden, without a terminal', () => {
    const entry = autostartEntry('/home/ana/Apps/Publishing Engine.AppImage');
    expect(entry).toContain('[Desktop Entry]\nType=Application\n');
    expect(entry).toContain('\nExec="/home/ana/Apps/Publishing Engine.AppImage" --hidden\n');
    expect(entry).toContain('\nTerminal=false\n');
  });

  describe('applyStartAtLogin on Linux', () => {
    let configHome: string;
    const neverCalled = {
      setLoginItemSettings: (settings: LoginItemSettings) => {
        throw new Error(`Electron has no login items on Linux: ${JSON.stringify(settings)}`);
      },
    } as Pick<App, 'setLoginItemSettings'>;

    beforeEach(() => {
      configHome = mkdtempSync(join(tmpdir(), 'pe-autostart-'));
    });
    afterEach(() => rmSync(configHome, { recursive: true, force: true }));

    it('writes the autostart file when enabled and removes it when disabled', () => {
      const env = { XDG_CONFIG_HOME: configHome };
      const file = autostartFile(env);
      expect(file).toBe(join(configHome, 'autostart', 'publishing-engine.desktop'));

      applyStartAtLogin({ app: neverCalled, enabled: true, platform: 'linux', path: '/opt/pe/publishing-engine', env });
      expect(readFileSync(file, 'utf8')).toContain('Exec=/opt/pe/publishing-engine --hidden');

      applyStartAtLogin({ app: neverCalled, enabled: false, platform: 'linux', path: '/opt/pe/publishing-engine', env });
      expect(existsSync(file)).toBe(false);
      // Turning it off twice is fine.
      applyStartAtLogin({ app: neverCalled, enabled: false, platform: 'linux', path: '/opt/pe/publishing-engine', env });
    });
  });

  it("uses Electron's login item elsewhere", () => {
    const calls: LoginItemSettings[] = [];
    const app = { setLoginItemSettings: (settings: LoginItemSettings) => calls.push(settings) } as Pick<App, 'setLoginItemSettings'>;
    applyStartAtLogin({ app, enabled: true, platform: 'win32', path: 'C:\\pe.exe', env: {} });
    expect(calls).toEqual([{ openAtLogin: true, path: 'C:\\pe.exe', args: ['--hidden'] }]);
  });
});
