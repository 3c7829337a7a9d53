// iso, the one place the engine formats a stored time: its per-minute shortcut answers what Date's own toISOString
// answers, character for character, over every time JS can hold (before 1970, past year 9999, at the very ends), and
// what Date refuses it refuses the same way.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { iso, isoOrNull } from '../../electron/engine/publishing/views';

/** The first and last instants a Date holds: ±100,000,000 days from 1970. */
const LIMIT = 8.64e15;
const platform = (ms: number): string => new Date(ms).toISOString();

describe('iso', () => {
  it('is toISOString over the whole range a Date holds', () => {
    fc.assert(
      fc.property(fc.integer({ min: -LIMIT, max: LIMIT }), (ms) => {
        expect(iso(ms)).toBe(platform(ms));
      }),
      { numRuns: 20_000 },
    );
  });

  it('is toISOString around the times a calendar shows, where its minutes are reused', () => {
    const now = Date.UTC(2026, 11, 1);
    // Minutes asked again with other seconds and milliseconds; and times on both sides of a minute's edge, near and far.
    const nearNow = fc.integer({ min: now - 400 * 86_400_000, max: now + 400 * 86_400_000 });
    const nearEdge = fc
      .tuple(fc.integer({ min: -LIMIT / 60_000, max: LIMIT / 60_000 }), fc.integer({ min: -3, max: 3 }))
      .map(([minute, ms]) => minute * 60_000 + ms);
    fc.assert(
      fc.property(
        fc.oneof(
          nearNow,
          nearEdge.filter((ms) => Math.abs(ms) <= LIMIT),
        ),
        (ms) => {
          expect(iso(ms)).toBe(platform(ms));
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('is toISOString at the ends of the range, at -0, and across years 0, 9999 and 10000', () => {
    const times = [
      -LIMIT,
      -LIMIT + 1,
      LIMIT - 1,
      LIMIT,
      -0,
      0,
      -1,
      1,
      59_999,
      60_000,
      -60_000,
      -60_001,
      Date.UTC(0, 0, 1) - 1,
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
      Date.UTC(9999, 11, 31, 23, 59, 59, 999) + 1,
    ];
    for (const ms of times) expect(iso(ms)).toBe(platform(ms));
    // Asked again, from the kept minute.
    for (const ms of times) expect(iso(ms)).toBe(platform(ms));
  });

  it('answers what Date answers for a fraction of a ms, and refuses what Date refuses', () => {
    fc.assert(
      fc.property(fc.double({ min: -LIMIT, max: LIMIT, noNaN: true }), (ms) => {
        expect(iso(ms)).toBe(platform(ms));
      }),
    );
    for (const ms of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, LIMIT + 1, -LIMIT - 1]) {
      expect(() => iso(ms)).toThrow(RangeError);
    }
  });

  it('keeps null as null', () => {
    expect(isoOrNull(null)).toBeNull();
    expect(isoOrNull(90_061_001)).toBe('1970-01-02T01:01:01.001Z');
  });
});
