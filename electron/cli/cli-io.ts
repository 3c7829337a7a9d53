// What the command reads and writes, passed in so the same code serves the real process and in-process callers.
import { createInterface } from 'node:readline/promises';
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
  /** All of standard input, for `--token -`. */
  readStdin(): Promise<string>;
  /** One answer typed at a terminal; undefined when nobody can answer (stdin is not a terminal). */
  ask(question: string): Promise<string | undefined>;
  /** Calls `listener` on Ctrl+C (SIGINT) until the returned function is called. */
  onInterrupt(listener: () => void): () => void;
  /** Opens a link in the system browser; rejects where none can be opened. */
  openBrowser(url: string): Promise<void>;
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    async readStdin() {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    async ask(question) {
      if (!process.stdin.isTTY) return undefined;
      const lines = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return await lines.question(question);
      } finally {
        lines.close();
      }
    },
    onInterrupt(listener) {
      process.on('SIGINT', listener);
      return () => process.off('SIGINT', listener);
    },
    async openBrowser(url) {
      const { default: open } = await import('open');
      const child = await open(url);
      // `open` resolves once the opener started; a missing opener (no desktop) shows up as an error event.
      await new Promise<void>((resolve, reject) => {
        child.once('error', reject);
        child.once('spawn', () => resolve());
        if (child.pid !== undefined) resolve();
      });
    },
  };
}
