// A ledger kept in memory, for a publish called without one (CLI one-offs, tests of a single call).
import type { AttemptLedger } from '../publisher';

/** An AttemptLedger whose handles live only as long as this object. */
export function createMemoryLedger(initial: Record<string, string> = {}): AttemptLedger {
  const handles: Record<string, string> = { ...initial };
  return {
    handles,
    saveHandle(name, value) {
      handles[name] = value;
    },
  };
}
