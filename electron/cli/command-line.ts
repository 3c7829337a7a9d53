// Splits argv into the command's words, its options and its positional arguments with node:util parseArgs.
// Global options may come before or after the command; the command's words come before its own options.
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { commandName, type Command, type OptionValues } from './command';
import { UsageError } from './usage-error';

export const GLOBAL_OPTIONS = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsOptionsConfig;

export type CommandLine =
  | { kind: 'help'; command?: Command; group?: string }
  | { kind: 'run'; command: Command; values: OptionValues; args: string[]; dataDir?: string; json: boolean };

export function parseCommandLine(argv: readonly string[], commands: readonly Command[]): CommandLine {
  const words = leadingWords(argv, commands);
  const wantsHelp = argv.some((arg, index) => (arg === '--help' || arg === '-h') && !argv.slice(0, index).includes('--'));
  const command = commands.find((candidate) => sameWords(candidate.words, words));

  if (!command) {
    const group = commands.filter((candidate) => words.length > 0 && candidate.words[0] === words[0]);
    if (wantsHelp || words[0] === 'help') return group.length > 0 ? { kind: 'help', group: words[0] } : { kind: 'help' };
    if (words.length === 0) throw new UsageError('Name a command, e.g. "publishing-engine posts list".');
    if (group.length > 0) {
      throw new UsageError(`"${words[0]}" needs one of: ${group.map((candidate) => candidate.words.slice(1).join(' ')).join(', ')}.`, words[0]);
    }
    throw new UsageError(`Unknown command "${words.join(' ')}".`);
  }
  if (wantsHelp) return { kind: 'help', command };

  let parsed: { values: OptionValues; positionals: string[] };
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { ...GLOBAL_OPTIONS, ...command.options },
      allowPositionals: true,
      strict: true,
    }) as { values: OptionValues; positionals: string[] };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), commandName(command));
  }
  const args = parsed.positionals.slice(command.words.length);
  const expected = command.args ?? [];
  if (args.length < expected.length) {
    throw new UsageError(`"${commandName(command)}" needs ${expected.slice(args.length).join(' ')}.`, commandName(command));
  }
  if (args.length > expected.length) {
    throw new UsageError(`Unexpected argument "${args[expected.length]}".`, commandName(command));
  }
  const dataDir = parsed.values['data-dir'];
  const line: CommandLine = { kind: 'run', command, values: parsed.values, args, json: parsed.values.json === true };
  return typeof dataDir === 'string' ? { ...line, dataDir } : line;
}

/** The words before the first option that is not global, up to the longest known command. */
function leadingWords(argv: readonly string[], commands: readonly Command[]): string[] {
  const words: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    if (arg === '--data-dir') {
      index++;
      continue;
    }
    if (arg.startsWith('--data-dir=') || arg === '--json' || arg === '--help' || arg === '-h') continue;
    if (arg.startsWith('-')) break;
    words.push(arg);
    if (commands.some((command) => sameWords(command.words, words))) break;
    if (!commands.some((command) => sameWords(command.words.slice(0, words.length), words))) break;
  }
  return words;
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((word, index) => word === b[index]);
}
