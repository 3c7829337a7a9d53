// Every subcommand, in the order --help lists them.
import type { Command } from '../command';
import { accountCommands } from './accounts';
import { postCommands } from './posts';
import { queueCommands } from './queue';
import { serveCommand } from './serve';

export const COMMANDS: readonly Command[] = [serveCommand, ...accountCommands, ...postCommands, ...queueCommands];
