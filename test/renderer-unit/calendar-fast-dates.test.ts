import fc from 'fast-check';
import { DateLocalizer } from 'react-big-calendar';
import { afterAll, describe, expect, it } from 'vitest';
import { inEventRange, isSameDate, sortEvents, type EventSpan } from '../../renderer/src/lib/calendar-fast-dates';

// The library's own implementations, which ours must match exactly.
const library = new DateLocalizer({ formats: {}, firstOfWeek: () => 0, format: () => '' }) as unknown as {
  inEventRange: typeof inEventRange;
  isSameDate: typeof isSameDate;
  sortEvents: typeof sortEvents;
};

// Node re-reads TZ when it is assigned, so each block runs in its own zone. (These tests type-check without Node's types.)
const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env;
const originalZone = env.TZ;
afterAll(() => {
  env.TZ = originalZone;
});

const instant = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 11, 31) });
const span = fc
  .record({ start: instant, length: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3 * 86_400_000 })), allDay: fc.boolean() })
  .map(({ start, length, allDay }): EventSpan => ({ start: new Date(start), end: new Date(start + length), allDay }));
const midnightish = fc
  .integer({ min: Date.UTC(2026, 2, 1), max: Date.UTC(2026, 3, 30) })
  .map((ms) => new Date(Math.floor(ms / 3_600_000) * 3_600_000));

// Zones with DST on either hemisphere, a midnight DST jump (Santiago) and a half-hour offset; with their January offset.
describe.each([
  ['UTC', 0],
  ['Europe/Berlin', -60],
  ['America/Santiago', 180],
  ['Asia/Kolkata', -330],
])('in %s', (zone, januaryOffset) => {
  it('really runs in that zone', () => {
    env.TZ = zone;
    expect(new Date(Date.UTC(2026, 0, 15)).getTimezoneOffset()).toBe(januaryOffset);
  });

  it('inEventRange answers as the library does', () => {
    env.TZ = zone;
    fc.assert(
      fc.property(span, instant, fc.integer({ min: 0, max: 42 * 86_400_000 }), (event, from, length) => {
        const range = { start: new Date(from), end: new Date(from + length) };
        expect(inEventRange({ event, range })).toBe(library.inEventRange({ event, range }));
      }),
      { numRuns: 2000 },
    );
  });

  it('inEventRange agrees for events and ranges on day boundaries', () => {
    env.TZ = zone;
    fc.assert(
      fc.property(midnightish, midnightish, fc.integer({ min: 0, max: 3 }), (start, rangeStart, days) => {
        const event = { start, end: start };
        const range = { start: rangeStart, end: new Date(rangeStart.getTime() + days * 86_400_000 - 1) };
        expect(inEventRange({ event, range })).toBe(library.inEventRange({ event, range }));
      }),
      { numRuns: 2000 },
    );
  });

  it('isSameDate answers as the library does', () => {
    env.TZ = zone;
    fc.assert(
      fc.property(instant, fc.integer({ min: -2 * 86_400_000, max: 2 * 86_400_000 }), (a, offset) => {
        expect(isSameDate(new Date(a), new Date(a + offset))).toBe(library.isSameDate(new Date(a), new Date(a + offset)));
      }),
      { numRuns: 2000 },
    );
  });

  it('sortEvents orders as the library does', () => {
    env.TZ = zone;
    fc.assert(
      fc.property(span, span, (evtA, evtB) => {
        expect(Math.sign(sortEvents({ evtA, evtB }))).toBe(Math.sign(library.sortEvents({ evtA, evtB })));
      }),
      { numRuns: 2000 },
    );
  });
});
