// The open Server-Sent Event streams. A browser that stops reading would make the engine buffer every event for it
// forever: a stream whose unsent output passes a limit is dropped (the page reconnects), and their number is capped.
import type { ServerResponse } from 'node:http';
import { API_HEADERS } from './security-headers';

export interface EventStreamLimits {
  /** Streams open at once; one more is refused with 503. */
  maxStreams: number;
  /** Unsent bytes one stream may hold before it is dropped. */
  maxBufferedBytes: number;
}

export class EventStreams {
  private readonly streams = new Set<ServerResponse>();

  constructor(
    private readonly limits: EventStreamLimits,
    private readonly onDrop: (reason: string) => void,
  ) {}

  get full(): boolean {
    return this.streams.size >= this.limits.maxStreams;
  }

  open(res: ServerResponse): void {
    res.writeHead(200, { ...API_HEADERS, 'content-type': 'text/event-stream', connection: 'keep-alive' });
    res.write(': connected\n\n');
    this.streams.add(res);
    res.on('close', () => this.streams.delete(res));
  }

  broadcast(frame: string): void {
    for (const stream of this.streams) {
      if (stream.writableLength > this.limits.maxBufferedBytes) {
        this.streams.delete(stream);
        this.onDrop('Web bridge: dropping an event stream whose reader stopped reading.');
        stream.destroy();
        continue;
      }
      stream.write(frame);
    }
  }

  closeAll(): void {
    for (const stream of this.streams) stream.end();
    this.streams.clear();
  }
}
