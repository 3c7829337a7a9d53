// YouTube quota resets at midnight Pacific time: the wait ends at the next one, across DST changes too.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextPacificMidnight } from '../../../electron/engine/publishers/youtube/pacific-midnight';

const HOUR_MS = 60 * 60 * 1000;
const pacific = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/Los_Angeles',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function isPacificMidnight(ms: number): boolean {
  return pacific.format(new Date(ms)) === '00:00:00' && new Date(ms).getUTCMilliseconds() === 0;
}

describe('nextPacificMidnight', () => {
  it('is the first Pacific midnight after now', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }), (now) => {
        const next = nextPacificMidnight(now);
        expect(isPacificMidnight(next)).toBe(true);
        expect(next).toBeGreaterThan(now);
        // Pacific days last 23, 24 or 25 hours: the midnight before `next` is not after now.
        const previous = [23, 24, 25].map((hours) => next - hours * HOUR_MS).find(isPacificMidnight);
        expect(previous).toBeDefined();
        expect(previous).toBeLessThanOrEqual(now);
      }),
      { numRuns: 2_000 },
    );
  });

  it('handles the short and long days of DST', () => {
    // 2025-03-09 (23 h) and 2025-11-02 (25 h) in Los Angeles.
    expect(new Date(nextPacificMidnight(Date.parse('2025-03-09T08:30:00Z'))).toISOString()).toBe('2025-03-10T07:00:00.000Z');
    expect(new Date(nextPacificMidnight(Date.parse('2025-11-02T07:30:00Z'))).toISOString()).toBe('2025-11-03T08:00:00.000Z');
  });
});
