// Where an engine's control socket lives: `<dataDir>/engine.sock`, or a named pipe on Windows. A deep data
// directory gets a short path in the temp directory instead (see socket-dir.ts). Both short forms carry the data
// directory's random key, so no other user can guess the name and claim it first.
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { socketDirKey, socketPath } from '../security/socket-dir';

export const SOCKET_FILE_NAME = 'engine.sock';
export { UNIX_SOCKET_PATH_LIMIT } from '../security/socket-dir';

/**
 * The socket path for `dataDir`. `create` (the engine) makes the data directory's key when a short path needs one;
 * a client gets undefined then: no engine has ever run there.
 */
export function controlSocketPath(
  dataDir: string,
  options: { create?: boolean; platform?: NodeJS.Platform; tempDir?: string } = {},
): string | undefined {
  const platform = options.platform ?? process.platform;
  const create = options.create ?? false;
  if (platform === 'win32') {
    const key = socketDirKey(dataDir, create);
    return key === undefined ? undefined : `\\\\.\\pipe\\publishing-engine-${pipeHash(dataDir, key)}`;
  }
  return socketPath(dataDir, '.', SOCKET_FILE_NAME, { create, ...(options.tempDir === undefined ? {} : { tempDir: options.tempDir }) });
}

export function isNamedPipe(path: string): boolean {
  return path.startsWith('\\\\.\\pipe\\');
}

function pipeHash(dataDir: string, key: string): string {
  // Windows paths are case-insensitive: C:\Users and c:\users are one data directory.
  return createHash('sha256')
    .update(`${key}:${resolve(dataDir).toLowerCase()}`)
    .digest('hex')
    .slice(0, 24);
}
