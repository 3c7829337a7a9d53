// A path handed in by a client (the file the user picked, dropped, or named on the command line) is checked again
// here: it must be a regular file this process can read, not empty, and not larger than any platform takes. It is
// opened without blocking (a FIFO or device could otherwise hang the engine) and checked on the open descriptor, so
// a file swapped after the check is never read.
import { constants, type Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { basename, isAbsolute } from 'node:path';
import { MediaRefusedError } from './media-refused-error';

/** Nothing larger can be published anywhere (YouTube's limit). */
export const MAX_MEDIA_BYTES = 256 * 1024 ** 3;

export interface PickedFile {
  handle: FileHandle;
  name: string;
  size: number;
}

function describe(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a pipe';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** Opens `path` for reading after checking it; the caller closes the handle. */
export async function openPickedFile(path: string, name = basename(path)): Promise<PickedFile> {
  if (!isAbsolute(path)) throw new MediaRefusedError(`${path} is not a full path to a file.`);
  let before: Stats;
  try {
    before = await stat(path);
  } catch (error) {
    throw new MediaRefusedError(`${name} cannot be read: ${reason(error)}.`);
  }
  if (!before.isFile()) throw new MediaRefusedError(`${name} is ${describe(before)}, not a file.`);
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new MediaRefusedError(`${name} cannot be read: ${reason(error)}.`);
  }
  try {
    const opened = await handle.stat();
    if (!opened.isFile()) throw new MediaRefusedError(`${name} is ${describe(opened)}, not a file.`);
    if (opened.size === 0) throw new MediaRefusedError(`${name} is empty (0 bytes).`);
    if (opened.size > MAX_MEDIA_BYTES) throw new MediaRefusedError(`${name} is larger than 256 GB, more than any platform takes.`);
    return { handle, name, size: opened.size };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

function reason(error: unknown): string {
  switch ((error as { code?: string }).code) {
    case 'ENOENT':
      return 'there is no such file';
    case 'EACCES':
    case 'EPERM':
      return 'the app is not allowed to read it';
    case 'ENOTDIR':
      return 'a folder in its path is not a folder';
    case 'ELOOP':
      return 'its path has a symbolic link loop';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
