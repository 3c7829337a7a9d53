// The person pressed Ctrl+C and what was under way was cancelled cleanly: exit code 130, as shells expect.
export class CancelledError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CancelledError';
  }
}
