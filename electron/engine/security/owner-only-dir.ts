// A socket's directory must be ours and closed to others: a Unix socket's own mode is not honoured everywhere
// (older BSDs ignore it) and it is world-connectable in the moment between listen and chmod.
import { chmod, lstat, mkdir } from 'node:fs/promises';
import { AppError } from '../../../shared/errors';

export async function ensureOwnerOnlyDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const stats = await lstat(dir);
  if (!stats.isDirectory()) {
    throw new AppError({
      code: 'conflict',
      message: `${dir} must be a directory for the engine's sockets, but it is not (a symbolic link is refused too).`,
    });
  }
  const uid = process.getuid?.();
  if (uid !== undefined && stats.uid !== uid) {
    throw new AppError({
      code: 'conflict',
      message: `${dir} belongs to another user (uid ${stats.uid}); the engine's sockets must live in a directory only you own.`,
    });
  }
  if ((stats.mode & 0o077) !== 0) await chmod(dir, 0o700);
}
