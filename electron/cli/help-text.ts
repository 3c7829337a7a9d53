// --help output: the overview of every command, or one command's options.
import { commandName, type Command } from './command';

const GLOBAL_HELP: readonly (readonly [string, string])[] = [
  ['--data-dir DIR', "the engine's data directory (default: $PUBLISHING_ENGINE_DATA_DIR, else the app's own)"],
  ['--json', 'machine-readable output: one JSON value on stdout; errors as {"error": …} on stderr'],
  ['-h, --help', 'show help'],
];

const EXIT_HELP = 'Exit codes: 0 done, 1 failed, 2 bad input (nothing changed), 3 no engine running for the data directory.';

export function overviewHelp(commands: readonly Command[], group?: string): string {
  const shown = group === undefined ? commands : commands.filter((command) => command.words[0] === group);
  const width = Math.max(...shown.map((command) => commandName(command).length));
  const lines = shown.map((command) => `  ${commandName(command).padEnd(width)}  ${command.summary}`);
  return [
    'Usage: publishing-engine <command> [options]',
    '',
    'Publishing Engine publishes posts to Instagram, Facebook, X, LinkedIn, TikTok and YouTube, now or on schedule.',
    '"serve" runs the engine without a window; "web" does too and serves the app\'s UI to a browser on 127.0.0.1.',
    'Every other command talks to the running engine (headless, web or the app).',
    '',
    'Commands:',
    ...lines,
    '',
    'Global options:',
    ...optionLines(GLOBAL_HELP),
    '',
    EXIT_HELP,
    'Run "publishing-engine <command> --help" for a command\'s options.',
    '',
  ].join('\n');
}

export function commandHelp(command: Command): string {
  const args = (command.args ?? []).join(' ');
  const synopsis = [`publishing-engine ${commandName(command)}`, args, command.synopsis].filter((part) => part !== '').join(' ');
  const lines = [`Usage: ${synopsis}`, '', command.summary, ''];
  if (command.optionHelp && command.optionHelp.length > 0) lines.push('Options:', ...optionLines(command.optionHelp), '');
  lines.push('Global options:', ...optionLines(GLOBAL_HELP), '', EXIT_HELP, '');
  return lines.join('\n');
}

function optionLines(options: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...options.map(([flag]) => flag.length));
  return options.map(([flag, description]) => `  ${flag.padEnd(width)}  ${description}`);
}
