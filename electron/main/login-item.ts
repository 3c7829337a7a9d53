// Start at login, hidden in the tray, following settings.startAtLogin. Windows and macOS register a login item
// through Electron; Linux has no such API in Electron, so an XDG autostart entry is written instead.
import type { App, Settings as LoginItemSettings } from 'electron';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** Passed by the login item; the app then starts in the tray without showing its window. */
export const HIDDEN_ARG = '--hidden';

/** The program a login item starts: the AppImage file itself when running from one, else the installed binary. */
export function launchPath(execPath: string, env: NodeJS.ProcessEnv): string {
  // Inside an AppImage, execPath points into a mount that disappears when the app quits.
  return env.APPIMAGE ?? execPath;
}

/** Whether this launch should stay in the tray: started by the login item. */
export function startsHidden(argv: readonly string[], openedAtLogin: boolean): boolean {
  return openedAtLogin || argv.includes(HIDDEN_ARG);
}

export function loginItemSettings(enabled: boolean, platform: NodeJS.Platform, path: string): LoginItemSettings {
  if (platform === 'win32') return { openAtLogin: enabled, path, args: [HIDDEN_ARG] };
  return { openAtLogin: enabled };
}

export function autostartFile(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'autostart', 'publishing-engine.desktop');
}

export function autostartEntry(path: string): string {
  const exec = [path, HIDDEN_ARG].map(desktopExecArgument).join(' ');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    'Name=Publishing Engine',
    'Comment=Publishes scheduled posts in the background',
    `Exec=${exec}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Quotes one argument by the Desktop Entry rules: reserved characters need double quotes, `%` doubles. */
export function desktopExecArgument(argument: string): string {
  const withPercent = argument.replace(/%/g, '%%');
  if (withPercent !== '' && !/[\s"'\\><~|&;$*?#()`]/.test(withPercent)) return withPercent;
  // Inside quotes ", `, $ and \ take a backslash; the string-level escape then doubles every backslash.
  const quoted = withPercent.replace(/(["`$\\])/g, '\\$1').replace(/\\/g, '\\\\');
  return `"${quoted}"`;
}

export function applyLinuxAutostart(file: string, enabled: boolean, path: string): void {
  if (!enabled) {
    rmSync(file, { force: true });
    return;
  }
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, autostartEntry(path));
  renameSync(temporary, file);
}

export interface ApplyStartAtLoginOptions {
  app: Pick<App, 'setLoginItemSettings'>;
  enabled: boolean;
  platform: NodeJS.Platform;
  /** From launchPath. */
  path: string;
  env: NodeJS.ProcessEnv;
}

export function applyStartAtLogin(options: ApplyStartAtLoginOptions): void {
  if (options.platform === 'linux') {
    applyLinuxAutostart(autostartFile(options.env), options.enabled, options.path);
    return;
  }
  options.app.setLoginItemSettings(loginItemSettings(options.enabled, options.platform, options.path));
}
