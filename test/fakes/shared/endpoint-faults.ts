// Faults queued per endpoint for the fakes that answer by hand (TikTok, YouTube): a test says which call goes wrong
// and how, the fake takes the fault when that call arrives.
export interface FaultTiming {
  /** Calls the fault applies to, one after another; default 1. */
  times?: number;
  /** Calls to let pass untouched first; default 0. */
  after?: number;
}

export class EndpointFaults<Endpoint, Fault> {
  private readonly queues = new Map<Endpoint, { fault: Fault; after: number }[]>();

  /** Applies `fault` to the next `times` calls to `endpoint`, after letting `after` calls pass untouched. */
  add(endpoint: Endpoint, fault: Fault, options: FaultTiming = {}): void {
    const queue = this.queues.get(endpoint) ?? [];
    for (let i = 0; i < (options.times ?? 1); i += 1) queue.push({ fault, after: i === 0 ? (options.after ?? 0) : 0 });
    this.queues.set(endpoint, queue);
  }

  /** The fault due for this call to `endpoint`, if any. */
  take(endpoint: Endpoint): Fault | undefined {
    const queue = this.queues.get(endpoint);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    if (head.after > 0) {
      head.after -= 1;
      return undefined;
    }
    return queue.shift()?.fault;
  }
}
