// The data directory holds post texts, tokens and the queue: at every start it and everything the engine keeps in
// it become the owner's alone (directories 0700, files without any group or other permission). A directory made by an older version, or files
// written under a loose umask, are tightened here, not just new ones.
import { chmodSync, closeSync, lstatSync, mkdirSync, openSync, readdirSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';

/** The engine's own folders, tightened all the way down; elsewhere only the top level (the app's host keeps its own). */
const ENGINE_FOLDERS = ['redis', 'media', 'logs'];

/**
 * Creates `dataDir` if needed and makes it and the engine's files in it owner-only. `ownerOnlyFiles` are created
 * empty with mode 0600 when missing, so a file a library creates later (SQLite) starts private and its companions
 * (-wal, -shm) inherit that mode.
 */
export function prepareOwnerOnlyDataDir(dataDir: string, ownerOnlyFiles: readonly string[] = []): void {
  if (process.platform === 'win32') {
    // A profile folder's ACL already keeps other users out; POSIX modes mean nothing there.
    mkdirSync(dataDir, { recursive: true });
    return;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // A symbolic link to the data directory is the user's choice; what it points to must be theirs.
  const stats = statSync(dataDir);
  const uid = process.getuid?.();
  if (uid !== undefined && stats.uid !== uid) {
    throw new AppError({
      code: 'conflict',
      message: `The data directory ${dataDir} belongs to another user (uid ${stats.uid}); use a directory of your own.`,
    });
  }
  tighten(dataDir, stats);
  for (const file of ownerOnlyFiles) closeSync(openSync(file, 'a', 0o600));
  for (const entry of readdirSync(dataDir, { withFileTypes: true })) {
    const path = join(dataDir, entry.name);
    if (entry.isDirectory() && ENGINE_FOLDERS.includes(entry.name)) tightenTree(path);
    else if (entry.isFile()) tighten(path, lstatSync(path));
  }
}

function tightenTree(dir: string): void {
  tighten(dir, lstatSync(dir));
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) tightenTree(path);
    else if (entry.isFile()) tighten(path, lstatSync(path));
  }
}

/** Takes away every group and other permission; the owner keeps theirs (a directory stays usable). */
function tighten(path: string, stats: Stats): void {
  const mode = stats.mode & 0o777;
  const wanted = stats.isDirectory() ? 0o700 : mode & 0o700;
  if (mode !== wanted && !stats.isSymbolicLink()) chmodSync(path, wanted);
}
