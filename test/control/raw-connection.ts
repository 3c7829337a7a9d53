// A bare control-socket connection for tests that must send what no well-behaved client would.
import { connect, type Socket } from 'node:net';

export interface RawConnection {
  socket: Socket;
  send(text: string | Buffer): void;
  /** The next line from the engine, parsed. */
  next(): Promise<Record<string, unknown>>;
  /** Sends one request line and waits for the response with its id (events and other replies are skipped). */
  request(id: string | number, channel: string, input?: unknown): Promise<Record<string, unknown>>;
  /** Resolves when the engine has closed the connection. */
  closed: Promise<void>;
  close(): void;
}

export async function openRaw(path: string): Promise<RawConnection> {
  const socket = connect(path);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const lines: Record<string, unknown>[] = [];
  const waiters: ((line: Record<string, unknown>) => void)[] = [];
  let buffer = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    let newline = buffer.indexOf('\n');
    while (newline !== -1) {
      const line = JSON.parse(buffer.slice(0, newline)) as Record<string, unknown>;
      buffer = buffer.slice(newline + 1);
      const waiter = waiters.shift();
      if (waiter) waiter(line);
      else lines.push(line);
      newline = buffer.indexOf('\n');
    }
  });
  // The engine may close while a test is still writing (oversized frames): that is the behaviour under test.
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const next = () => {
    const line = lines.shift();
    return line ? Promise.resolve(line) : new Promise<Record<string, unknown>>((resolve) => waiters.push(resolve));
  };
  return {
    socket,
    send: (text) => {
      socket.write(text);
    },
    next,
    async request(id, channel, input) {
      socket.write(`${JSON.stringify({ id, channel, input })}\n`);
      for (;;) {
        const line = await next();
        if (line.id === id) return line;
      }
    },
    closed,
    close: () => socket.destroy(),
  };
}
