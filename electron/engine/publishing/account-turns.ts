// Publishes to one account go out one at a time, in the order they asked. The worker runs many jobs at once and
// fetches them in due order, so without turns two posts of one account due 100 ms apart could reach the platform
// the other way round (the later call answered first). Other accounts are not held up.
export class AccountTurns {
  /** Per account, the end of the last turn handed out. */
  private readonly tails = new Map<string, Promise<void>>();

  async take<T>(accountId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(accountId) ?? Promise.resolve();
    let done!: () => void;
    const tail = new Promise<void>((resolve) => (done = resolve));
    this.tails.set(accountId, tail);
    await previous;
    try {
      return await work();
    } finally {
      done();
      if (this.tails.get(accountId) === tail) this.tails.delete(accountId);
    }
  }
}
