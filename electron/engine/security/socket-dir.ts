// Where the engine's unix sockets (the control socket, the bundled Redis) go when the data directory is too deep
// for one: a socket path must fit in sun_path (108 bytes on Linux, 104 on macOS). The short directory in the temp
// directory is named by the user id and a random key kept in the data directory, so another local user can
// neither predict the name nor take it first (which would lock the owner out).
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Bytes, leaving room for the terminating NUL on every Unix. */
export const UNIX_SOCKET_PATH_LIMIT = 100;

const KEY_FILE = 'socket-dir.key';
const KEY_PATTERN = /^[0-9a-f]{16}$/;

/** The data directory's random key, made on first use by the engine; undefined when no engine ever made one. */
export function socketDirKey(dataDir: string, create: boolean): string | undefined {
  const file = join(resolve(dataDir), KEY_FILE);
  try {
    const key = readFileSync(file, 'utf8').trim();
    if (KEY_PATTERN.test(key)) return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (!create) return undefined;
  mkdirSync(resolve(dataDir), { recursive: true, mode: 0o700 });
  const key = randomBytes(8).toString('hex');
  try {
    writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    // Another process of this user made it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return socketDirKey(dataDir, false);
    throw error;
  }
}

/** `<dataDir>/<relative>` when it fits a socket path, else `<temp>/publishing-engine-<uid>-<key>/<basename>`. */
export function socketPath(dataDir: string, relative: string, fileName: string, options: { create: boolean; tempDir?: string }): string | undefined {
  const inDataDir = join(resolve(dataDir), relative, fileName);
  if (fits(inDataDir)) return inDataDir;
  const key = socketDirKey(dataDir, options.create);
  if (key === undefined) return undefined;
  const name = `publishing-engine-${process.getuid?.() ?? 'user'}-${key}`;
  const inTemp = join(options.tempDir ?? tmpdir(), name, fileName);
  return fits(inTemp) ? inTemp : join('/tmp', name, fileName);
}

function fits(path: string): boolean {
  return Buffer.byteLength(path) <= UNIX_SOCKET_PATH_LIMIT;
}
