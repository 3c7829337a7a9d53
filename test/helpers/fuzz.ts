// Inputs for the transport fuzz tests: requests every schema refuses, bytes cut where a client might cut them, and
// what is left to compare once the fuzzing is over.
import fc from 'fast-check';
import { CHANNEL_NAMES, channels, isChannel, type Channel, type ChannelInput, type ChannelOutput } from '../../shared/contract/channels';

/** What a JSON transport delivers of `input` (a Date becomes a string, undefined disappears). */
export function overJson(input: unknown): unknown {
  return (JSON.parse(JSON.stringify({ input })) as { input?: unknown }).input;
}

/** Whether the engine would accept `input` on `channel`: the fuzz tests only send what it must refuse. */
export function accepted(channel: string, input: unknown): boolean {
  return isChannel(channel) && channels[channel].input.safeParse(input ?? {}).success;
}

/** A contract channel or a made-up name, with an input the engine must refuse (as it arrives over JSON). */
export const refusedCall = fc
  .record({
    channel: fc.oneof(fc.constantFrom(...CHANNEL_NAMES), fc.string({ maxLength: 40 })),
    input: fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.anything({ maxDepth: 3, withBigInt: false })),
  })
  .map(({ channel, input }) => ({ channel, input: overJson(input) }))
  .filter(({ channel, input }) => !accepted(channel, input));

/** Where to cut a byte string into pieces (offsets strictly inside it, ascending). */
export function cutsIn(length: number): fc.Arbitrary<number[]> {
  if (length < 2) return fc.constant([]);
  return fc.uniqueArray(fc.integer({ min: 1, max: length - 1 }), { maxLength: 6 }).map((cuts) => cuts.sort((a, b) => a - b));
}

export function cut(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const edges = [0, ...cuts, bytes.length];
  return edges.slice(1).map((end, index) => bytes.subarray(edges[index], end));
}

export type Invoke = <C extends Channel>(channel: C, input: ChannelInput<C>) => Promise<ChannelOutput<C>>;

/** Everything a refused request must leave as it was: posts with their targets, accounts, and the queue. */
export async function engineState(invoke: Invoke): Promise<unknown> {
  const [posts, accounts, stats] = await Promise.all([invoke('posts:list', {}), invoke('accounts:list', {}), invoke('queue:stats', {})]);
  return { posts, accounts, counts: stats.counts, paused: stats.paused, nextPost: stats.nextPost };
}
