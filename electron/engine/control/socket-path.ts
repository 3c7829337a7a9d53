// Where an engine's control socket lives: `<dataDir>/engine.sock`, or a named pipe on Windows. A Unix socket path
// must fit in sun_path (108 bytes on Linux, 104 on macOS), so a deep data directory gets a short path in the temp
// directory instead, named by a hash of the data directory so every client finds the same one.
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const SOCKET_FILE_NAME = 'engine.sock';

/** Bytes, leaving room for the terminating NUL on every Unix. */
export const UNIX_SOCKET_PATH_LIMIT = 100;

export function dataDirHash(dataDir: string, platform: NodeJS.Platform = process.platform): string {
  const normalized = resolve(dataDir);
  // Windows paths are case-insensitive: C:\Users and c:\users are one data directory.
  const key = platform === 'win32' ? normalized.toLowerCase() : normalized;
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

export function controlSocketPath(dataDir: string, platform: NodeJS.Platform = process.platform, tempDir: string = tmpdir()): string {
  if (platform === 'win32') return `\\\\.\\pipe\\publishing-engine-${dataDirHash(dataDir, platform)}`;
  const inDataDir = join(resolve(dataDir), SOCKET_FILE_NAME);
  if (fits(inDataDir)) return inDataDir;
  const short = (base: string) => join(base, `publishing-engine-${dataDirHash(dataDir, platform)}`, SOCKET_FILE_NAME);
  const inTemp = short(tempDir);
  return fits(inTemp) ? inTemp : short('/tmp');
}

export function isNamedPipe(path: string): boolean {
  return path.startsWith('\\\\.\\pipe\\');
}

function fits(path: string): boolean {
  return Buffer.byteLength(path) <= UNIX_SOCKET_PATH_LIMIT;
}
