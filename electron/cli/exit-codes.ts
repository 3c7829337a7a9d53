// The command's exit codes, documented in the README: scripts branch on them.
export const EXIT = {
  ok: 0,
  /** Anything else: not found, conflict, an engine error. */
  failure: 1,
  /** Bad input, caught by the command or by the engine's validation and platform rules; nothing changed. */
  badInput: 2,
  /** No engine is running for the data directory. */
  noEngine: 3,
  /** Cancelled with Ctrl+C (128 + SIGINT), cleanly. */
  cancelled: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
