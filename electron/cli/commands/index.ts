// Every subcommand, in the order --help lists them.
import type { Command } from '../command';
import { accountCommands } from './accounts';
import { appCommands } from './apps';
import { connectCommands } from './connect';
import { mediaCommands } from './media';
import { postCommands } from './posts';
import { queueCommands } from './queue';
import { serveCommand } from './serve';
import { slotCommands } from './slots';
import { webCommand } from './web';

export const COMMANDS: readonly Command[] = [
  serveCommand,
  webCommand,
  ...connectCommands,
  ...accountCommands,
  ...slotCommands,
  ...appCommands,
  ...postCommands,
  ...mediaCommands,
  ...queueCommands,
];
