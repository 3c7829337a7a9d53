// Splits a byte stream into lines, refusing any line longer than a limit so one client cannot fill the engine's memory.

export interface DecodeResult {
  lines: string[];
  oversized: boolean;
}

const NEWLINE = 0x0a;

export class LineDecoder {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(private readonly maxLineBytes: number) {}

  /** The complete lines in this chunk (without the newline); `oversized` once a line passes the limit. */
  push(chunk: Buffer): DecodeResult {
    const lines: string[] = [];
    let start = 0;
    let newline = chunk.indexOf(NEWLINE, start);
    while (newline !== -1) {
      const lineBytes = this.pendingBytes + (newline - start);
      if (lineBytes > this.maxLineBytes) return { lines, oversized: true };
      this.pending.push(chunk.subarray(start, newline));
      lines.push(this.takePending());
      start = newline + 1;
      newline = chunk.indexOf(NEWLINE, start);
    }
    if (start < chunk.length) {
      this.pendingBytes += chunk.length - start;
      if (this.pendingBytes > this.maxLineBytes) return { lines, oversized: true };
      // Copy the tail: a subarray would keep the whole chunk alive.
      this.pending.push(Buffer.from(chunk.subarray(start)));
    }
    return { lines, oversized: false };
  }

  /** What is left after the last newline, when the stream has ended; undefined when nothing is. */
  rest(): string | undefined {
    if (this.pendingBytes === 0) return undefined;
    return this.takePending();
  }

  private takePending(): string {
    // Splitting on 0x0a is safe for UTF-8: that byte never occurs inside a multi-byte character.
    const line = Buffer.concat(this.pending).toString('utf8');
    this.pending = [];
    this.pendingBytes = 0;
    return line.endsWith('\r') ? line.slice(0, -1) : line;
  }
}
