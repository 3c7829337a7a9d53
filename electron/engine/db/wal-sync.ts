// Makes committed WAL frames durable without blocking the event loop. SQLite runs with synchronous=NORMAL (a commit
// is written to the WAL, safe from a crash of the app); a write that must also survive a power cut waits for an
// fsync of the WAL file, done on libuv's thread pool. Concurrent waits share one fsync: each is answered by the
// first fsync that started after its commit.
import { open, type FileHandle } from 'node:fs/promises';

export class WalSync {
  private handle: Promise<FileHandle> | undefined;
  private running: Promise<void> | undefined;
  private next: Promise<void> | undefined;

  constructor(private readonly walFile: string) {}

  /** Resolves once everything committed before this call is on disk. */
  sync(): Promise<void> {
    if (!this.running) {
      this.running = this.fsync().finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    // An fsync is under way but may have started before our commit: ride on the one after it.
    this.next ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.next = undefined;
        return this.sync();
      });
    return this.next;
  }

  async close(): Promise<void> {
    await this.running?.catch(() => undefined);
    await this.next?.catch(() => undefined);
    const handle = await this.handle?.catch(() => undefined);
    this.handle = undefined;
    await handle?.close();
  }

  private async fsync(): Promise<void> {
    // r+: Windows flushes a file only through a handle that may write to it.
    this.handle ??= open(this.walFile, 'r+');
    await (await this.handle).datasync();
  }
}
