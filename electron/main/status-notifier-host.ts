// Whether a Linux desktop shows tray icons. Electron's Tray registers a StatusNotifierItem over D-Bus, which only
// appears when a StatusNotifier host runs (KDE, Ubuntu's GNOME with its AppIndicator extension, most panels);
// plain GNOME has none, and the icon is then invisible even though creating it succeeds. The watcher's
// IsStatusNotifierHostRegistered property says which, read with gdbus or dbus-send.
import { execFile } from 'node:child_process';

const WATCHER = 'org.kde.StatusNotifierWatcher';
const PROPERTY = 'IsStatusNotifierHostRegistered';
const TIMEOUT_MS = 2_000;

export type RunCommand = (command: string, args: string[]) => Promise<string>;

interface Query {
  command: string;
  args: string[];
  parse: (output: string) => boolean;
}

const QUERIES: Query[] = [
  {
    command: 'gdbus',
    args: [
      'call',
      '--session',
      '--dest',
      WATCHER,
      '--object-path',
      '/StatusNotifierWatcher',
      '--method',
      'org.freedesktop.DBus.Properties.Get',
      WATCHER,
      PROPERTY,
    ],
    parse: parseGdbusBoolean,
  },
  {
    command: 'dbus-send',
    args: [
      '--session',
      '--print-reply=literal',
      `--dest=${WATCHER}`,
      '/StatusNotifierWatcher',
      'org.freedesktop.DBus.Properties.Get',
      `string:${WATCHER}`,
      `string:${PROPERTY}`,
    ],
    parse: parseDbusSendBoolean,
  },
];

/** True only when a host is registered; no session bus, no watcher or no tool all mean false. */
export async function hasStatusNotifierHost(run: RunCommand = runCommand): Promise<boolean> {
  for (const query of QUERIES) {
    try {
      return query.parse(await run(query.command, query.args));
    } catch (error) {
      // Only a missing tool moves on to the next one; any other failure is an answer (no bus, no watcher).
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return false;
    }
  }
  return false;
}

/** gdbus prints the variant in GVariant text form: `(<true>,)`. */
export function parseGdbusBoolean(output: string): boolean {
  return /^\(<true>,?\)$/.test(output.trim());
}

/** dbus-send --print-reply=literal prints `variant       boolean true`. */
export function parseDbusSendBoolean(output: string): boolean {
  return /\bboolean\s+true\b/.test(output);
}

function runCommand(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: TIMEOUT_MS, encoding: 'utf8' }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });
}
