// A mistake in the command line itself, found before anything reaches the engine: exit code 2.
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose usage to point at, e.g. "posts create". */
    readonly commandName?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
