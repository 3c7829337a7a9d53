// The engine is assembled from parts (store, Redis, queue, worker, watchers …). Each part registers its own
// teardown as it is built; dispose() runs them in reverse order, each once, and carries on past one that fails
// (VS Code's DisposableStore). A start that fails half-way disposes exactly what it had built.
export type Teardown = () => void | Promise<void>;

export class DisposableStore {
  private readonly teardowns: { name: string; teardown: Teardown }[] = [];
  private disposing: Promise<void> | undefined;

  constructor(private readonly onError: (part: string, error: unknown) => void) {}

  /** Registers the teardown of a part just built; `name` says which, should it fail. */
  add(name: string, teardown: Teardown): void {
    if (this.disposing) throw new Error(`Cannot add "${name}" to a store that is being disposed.`);
    this.teardowns.push({ name, teardown });
  }

  /** Tears down every part, the last built first. Calling it again waits for the same teardown. */
  dispose(): Promise<void> {
    this.disposing ??= (async () => {
      for (let part = this.teardowns.pop(); part; part = this.teardowns.pop()) {
        try {
          await part.teardown();
        } catch (error) {
          this.onError(part.name, error);
        }
      }
    })();
    return this.disposing;
  }
}
