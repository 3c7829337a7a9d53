// Entry of out/main/cli.js, started by bin.cjs (the `publishing-engine` command) or `node out/main/cli.js`.
import { processIo } from './cli-io';
import { runCli } from './run-cli';

/** Output is flushed by then; a handle someone forgot to close must not keep a finished command alive. */
const EXIT_GRACE_MS = 3_000;

void runCli(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
  setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref();
});
