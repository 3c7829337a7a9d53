// One subcommand of `publishing-engine`: its words, options, positional arguments and what it does.
import type { ParseArgsOptionsConfig } from 'node:util';
import type { ControlClient } from '../engine/control/control-client';
import type { CliIo } from './cli-io';

export type OptionValue = string | boolean | (string | boolean)[] | undefined;
export type OptionValues = Record<string, OptionValue>;

export interface CommandContext {
  values: OptionValues;
  /** The positional arguments after the command's words, one per name in `Command.args`. */
  args: string[];
  dataDir: string;
  json: boolean;
  io: CliIo;
  /** The running engine's control connection, opened on first use. */
  client(): Promise<ControlClient>;
  /** Prints `human` as text, or `value` as one JSON line with --json. */
  print(human: string, value: unknown): void;
}

export interface Command {
  words: readonly string[];
  /** Names of the required positional arguments, e.g. ['ID']. */
  args?: readonly string[];
  /** The synopsis after the words, e.g. "--text TEXT --account ID …". */
  synopsis: string;
  summary: string;
  options?: ParseArgsOptionsConfig;
  /** [flag, description] lines for --help. */
  optionHelp?: readonly (readonly [string, string])[];
  /** The option this command takes for an engine field, where it is not the usual one (`media import` names files with --file). */
  fieldOptions?: Readonly<Record<string, string>>;
  run(context: CommandContext): Promise<void>;
}

export function commandName(command: Command): string {
  return command.words.join(' ');
}
