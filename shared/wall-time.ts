// A wall-clock time in an IANA zone names zero, one or two instants: zero in a DST gap (clocks jump forward over
// it), two in an overlap (clocks go back and live it twice). The engine, the CLI and the composer all use this one
// rule, so a gap is refused everywhere with its valid neighbours, and an overlap says which occurrence was taken.
import { tzOffset } from '@date-fns/tz';

export interface WallClock {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second?: number;
  millisecond?: number;
}

export interface ZonedInstant {
  epochMs: number;
  /** The zone's UTC offset at that instant, in minutes (+120 for UTC+2). */
  offsetMinutes: number;
}

export type WallTimeInZone =
  | { kind: 'single'; instant: ZonedInstant }
  /** The wall time does not exist: the last minute before the jump, and the first one after it. */
  | { kind: 'gap'; lastBefore: ZonedInstant; firstAfter: ZonedInstant }
  /** The wall time happens twice: first at the summer-time offset, then again after the clocks went back. */
  | { kind: 'overlap'; first: ZonedInstant; second: ZonedInstant };

const MINUTE = 60_000;
// Further apart than any two UTC offsets (−12 h … +14 h), so every transition near a wall time is seen.
const SCAN_MS = 30 * 60 * MINUTE;

export function resolveWallTime(wall: WallClock, zone: string): WallTimeInZone {
  const naive = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second ?? 0, wall.millisecond ?? 0);
  const offsetAt = (epochMs: number) => tzOffset(zone, new Date(epochMs));
  const before = offsetAt(naive - SCAN_MS);
  const after = offsetAt(naive + SCAN_MS);
  const instants = [...new Set([before, offsetAt(naive), after])]
    .map((offsetMinutes) => ({ epochMs: naive - offsetMinutes * MINUTE, offsetMinutes }))
    .filter((candidate) => offsetAt(candidate.epochMs) === candidate.offsetMinutes)
    .sort((a, b) => a.epochMs - b.epochMs);
  const [first, second] = instants;
  if (first && second) return { kind: 'overlap', first, second };
  if (first) return { kind: 'single', instant: first };
  // No offset of the zone gives this wall time: it lies in a jump forward. Find the minute the clocks jumped.
  let low = Math.floor((naive - SCAN_MS) / MINUTE);
  let high = Math.ceil((naive + SCAN_MS) / MINUTE);
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (offsetAt(middle * MINUTE) === before) low = middle;
    else high = middle;
  }
  return { kind: 'gap', lastBefore: { epochMs: low * MINUTE, offsetMinutes: before }, firstAfter: { epochMs: high * MINUTE, offsetMinutes: after } };
}

/** `+02:00`, `-03:30`, `+00:00`. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `${sign}${String(Math.floor(absolute / 60)).padStart(2, '0')}:${String(absolute % 60).padStart(2, '0')}`;
}

/** The instant as the zone's wall time: `2027-03-28T03:00:00.000+02:00`. */
export function isoInZone(instant: ZonedInstant): string {
  const wall = new Date(instant.epochMs + instant.offsetMinutes * MINUTE).toISOString().slice(0, -1);
  return `${wall}${formatOffset(instant.offsetMinutes)}`;
}

/** `03:00`: the wall clock of an instant in its offset. */
export function clockOf(instant: ZonedInstant): string {
  return isoInZone(instant).slice(11, 16);
}

/** Why a wall time in a gap is refused, offering the valid neighbours. */
export function gapMessage(written: string, zone: string, gap: Extract<WallTimeInZone, { kind: 'gap' }>): string {
  const jumpFrom = clockOf({ epochMs: gap.firstAfter.epochMs, offsetMinutes: gap.lastBefore.offsetMinutes });
  return (
    `${written} does not exist in ${zone}: the clocks jump from ${jumpFrom} to ${clockOf(gap.firstAfter)}. ` +
    `Choose ${clockOf(gap.lastBefore)} or ${clockOf(gap.firstAfter)}.`
  );
}

/** Which occurrence of a doubled wall time was taken, and how to ask for the other. */
export function overlapNote(written: string, zone: string, overlap: Extract<WallTimeInZone, { kind: 'overlap' }>, taken: 'first' | 'second'): string {
  const chosen = overlap[taken];
  const other = taken === 'first' ? overlap.second : overlap.first;
  return (
    `${written} happens twice in ${zone} (the clocks go back); the ${taken} one, at ${formatOffset(chosen.offsetMinutes)}, was taken. ` +
    `For the ${taken === 'first' ? 'second' : 'first'}, give the offset: ${isoInZone(other).slice(0, 16)}${formatOffset(other.offsetMinutes)}.`
  );
}

/** The wall clock of a written time's parts (year … second, and a fraction of any length, read to the millisecond). */
export function wallClockOf([year, month, day, hour, minute, second, fraction]: readonly (string | undefined)[]): Required<WallClock> {
  return {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second ?? 0),
    millisecond: Number((fraction ?? '0').padEnd(3, '0').slice(0, 3)),
  };
}

const OFFSET_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([+-]\d{2}:\d{2})$/;

/**
 * For an instant written with a numeric offset for a zone: null when the offset is the zone's own at that instant,
 * else why not (a wall time in a gap gets its neighbours). A `Z` instant names no wall time and always passes.
 */
export function offsetProblem(iso: string, zone: string): string | null {
  const match = OFFSET_TIME.exec(iso);
  if (!match) return null;
  const [, year, month, day, hour, minute, second, fraction, offset] = match;
  const epochMs = Date.parse(iso);
  if (Number.isNaN(epochMs)) return null;
  const actual = tzOffset(zone, new Date(epochMs));
  // A zone that is not one is reported by the zone's own check.
  if (!Number.isFinite(actual) || formatOffset(actual) === offset) return null;
  const written = `${year}-${month}-${day} ${hour}:${minute}`;
  const wall = resolveWallTime(wallClockOf([year, month, day, hour, minute, second, fraction]), zone);
  if (wall.kind === 'gap') return gapMessage(written, zone, wall);
  return `${offset} is not the offset of ${zone} at ${written}; there it is ${formatOffset(actual)}. Send the time with that offset, or in UTC with Z.`;
}
