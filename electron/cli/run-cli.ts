// The `publishing-engine` command: parse, run one subcommand against the engine, map the outcome to an exit code.
import { resolve } from 'node:path';
import { connectControl, type ControlClient } from '../engine/control/control-client';
import { defaultDataDir } from '../engine/paths';
import type { CliIo } from './cli-io';
import { commandName, type CommandContext } from './command';
import { parseCommandLine, type CommandLine } from './command-line';
import { COMMANDS } from './commands';
import { terminalText } from './output/terminal-text';
import { reportError } from './error-report';
import { EXIT, type ExitCode } from './exit-codes';
import { commandHelp, overviewHelp } from './help-text';
import { UsageError } from './usage-error';

/** Long enough for any request the engine answers from its database; a frozen engine must not hang a script. */
const REQUEST_TIMEOUT_MS = 120_000;

export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let line: CommandLine;
  try {
    line = parseCommandLine(argv, COMMANDS);
  } catch (error) {
    if (error instanceof UsageError && error.commandName === undefined && !argv.some((arg) => !arg.startsWith('-'))) {
      io.stderr.write(overviewHelp(COMMANDS));
      return EXIT.badInput;
    }
    return reportError(error, io, argv.includes('--json'));
  }
  if (line.kind === 'help') {
    io.stdout.write(line.command ? commandHelp(line.command) : overviewHelp(COMMANDS, line.group));
    return EXIT.ok;
  }

  const { command, json } = line;
  const dataDir = resolve(line.dataDir ?? defaultDataDir(io.env));
  let client: ControlClient | undefined;
  const context: CommandContext = {
    values: line.values,
    args: line.args,
    dataDir,
    json,
    io,
    async client() {
      client ??= await connectControl(dataDir, { requestTimeoutMs: REQUEST_TIMEOUT_MS });
      return client;
    },
    print(human, value) {
      io.stdout.write(json ? `${JSON.stringify(value)}\n` : terminalText(human));
    },
  };
  try {
    await command.run(context);
    return EXIT.ok;
  } catch (error) {
    const named = error instanceof UsageError && error.commandName === undefined ? new UsageError(error.message, commandName(command)) : error;
    return reportError(named, io, json, command.fieldOptions);
  } finally {
    await client?.close();
  }
}
