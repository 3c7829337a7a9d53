// `publishing-engine media list|import`: the media library — the files posts use, and how much disk they take.
import { resolve } from 'node:path';
import type { Command } from '../command';
import { mediaItemsText } from '../output/media-output';
import { strings } from '../option-values';
import { UsageError } from '../usage-error';

export const mediaCommands: readonly Command[] = [
  {
    words: ['media', 'list'],
    synopsis: '',
    summary: 'List the files in the media library, where each is used, and the library size.',
    async run({ client, print }) {
      const library = await (await client()).invoke('media:list', {});
      print(mediaItemsText(library.items, library.totalBytes), library);
    },
  },
  {
    words: ['media', 'import'],
    synopsis: '--file PATH [--file PATH …]',
    summary: 'Copy photos and videos into the media library (the same file twice is kept once) and show what was read from them.',
    options: { file: { type: 'string', multiple: true } },
    optionHelp: [['--file PATH', 'a photo or video on this computer; repeat for more']],
    fieldOptions: { paths: '--file' },
    async run({ values, client, print }) {
      const paths = strings(values, 'file').map((value) => resolve(value));
      if (paths.length === 0) throw new UsageError('--file is required: name at least one photo or video.');
      const items = await (await client()).invoke('media:import', { paths });
      print(mediaItemsText(items), items);
    },
  },
];
