// `publishing-engine queue stats`: how many jobs are in each state.
import type { Command } from '../command';
import { queueStatsText } from '../output/queue-output';

export const queueCommands: readonly Command[] = [
  {
    words: ['queue', 'stats'],
    synopsis: '',
    summary: 'Count the publish jobs per state, and show the next post due.',
    async run({ client, print }) {
      const stats = await (await client()).invoke('queue:stats', {});
      print(queueStatsText(stats), stats);
    },
  },
];
