// Electron's webUtils.getPathForFile as documented, for tests of the preload: a File the user picked or dropped has
// its path on disk, a File the page made from bytes has '', and anything that is not a File throws.
import { basename } from 'node:path';
import type { PickedFile } from '../../shared/contract/api';

export function pickedFiles() {
  const paths = new WeakMap<object, string>();
  return {
    /** A File as a pick or a drop of `path` hands it to the page. */
    pick(path: string, name = basename(path)): PickedFile {
      const file = new File([], name);
      paths.set(file, path);
      return file;
    },
    /** A File the page made itself (new File([bytes], name)): it has no path. */
    made(name: string): PickedFile {
      return new File(['not from disk'], name);
    },
    pathForFile(file: PickedFile): string {
      if (!(file instanceof File)) throw new TypeError("Failed to execute 'getPathForFile': parameter 1 is not of type 'File'.");
      return paths.get(file) ?? '';
    },
  };
}
