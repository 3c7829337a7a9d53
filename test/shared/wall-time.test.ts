// The one DST rule the engine, the CLI and the composer share: a wall time names zero, one or two instants.
import { describe, expect, it } from 'vitest';
import { gapMessage, isoInZone, offsetProblem, overlapNote, resolveWallTime, type WallTimeInZone } from '../../shared/wall-time';

const at = (text: string) => {
  const [date = '', time = ''] = text.split(' ');
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  return { year: year ?? 0, month: month ?? 0, day: day ?? 0, hour: hour ?? 0, minute: minute ?? 0 };
};

function gap(text: string, zone: string): Extract<WallTimeInZone, { kind: 'gap' }> {
  const resolved = resolveWallTime(at(text), zone);
  if (resolved.kind !== 'gap') throw new Error(`${text} in ${zone} is not in a gap: ${JSON.stringify(resolved)}`);
  return resolved;
}

describe('resolveWallTime', () => {
  it('names one instant for an ordinary wall time', () => {
    expect(resolveWallTime(at('2027-07-01 09:00'), 'Europe/Berlin')).toEqual({
      kind: 'single',
      instant: { epochMs: Date.parse('2027-07-01T07:00:00Z'), offsetMinutes: 120 },
    });
    expect(resolveWallTime(at('2027-07-01 09:00'), 'Asia/Kolkata')).toMatchObject({ kind: 'single', instant: { offsetMinutes: 330 } });
  });

  it.each([
    ['2027-03-28 02:30', 'Europe/Berlin', '01:59', '03:00', 'from 02:00 to 03:00'],
    ['2026-03-08 02:30', 'America/New_York', '01:59', '03:00', 'from 02:00 to 03:00'],
    ['2026-10-04 02:15', 'Australia/Lord_Howe', '01:59', '02:30', 'from 02:00 to 02:30'],
    ['2026-10-04 02:00', 'Australia/Sydney', '01:59', '03:00', 'from 02:00 to 03:00'],
  ])('finds %s in %s skipped, with its neighbours', (text, zone, before, after, jump) => {
    const found = gap(text, zone);
    expect(isoInZone(found.lastBefore).slice(11, 16)).toBe(before);
    expect(isoInZone(found.firstAfter).slice(11, 16)).toBe(after);
    expect(gapMessage(text, zone, found)).toBe(`${text} does not exist in ${zone}: the clocks jump ${jump}. Choose ${before} or ${after}.`);
  });

  it('finds both occurrences of a doubled wall time, summer time first', () => {
    const resolved = resolveWallTime(at('2027-10-31 02:30'), 'Europe/Berlin');
    expect(resolved).toEqual({
      kind: 'overlap',
      first: { epochMs: Date.parse('2027-10-31T00:30:00Z'), offsetMinutes: 120 },
      second: { epochMs: Date.parse('2027-10-31T01:30:00Z'), offsetMinutes: 60 },
    });
    if (resolved.kind !== 'overlap') return;
    expect(overlapNote('2027-10-31 02:30', 'Europe/Berlin', resolved, 'first')).toBe(
      '2027-10-31 02:30 happens twice in Europe/Berlin (the clocks go back); the first one, at +02:00, was taken. ' +
        'For the second, give the offset: 2027-10-31T02:30+01:00.',
    );
  });
});

describe('offsetProblem (what the engine checks)', () => {
  it('accepts the zone’s own offset, either occurrence of an overlap, and any Z time', () => {
    expect(offsetProblem('2027-07-01T09:00:00+02:00', 'Europe/Berlin')).toBeNull();
    expect(offsetProblem('2027-10-31T02:30:00+02:00', 'Europe/Berlin')).toBeNull();
    expect(offsetProblem('2027-10-31T02:30:00+01:00', 'Europe/Berlin')).toBeNull();
    expect(offsetProblem('2027-03-28T01:30:00Z', 'Europe/Berlin')).toBeNull();
  });

  it('refuses a skipped wall time with its neighbours, and an offset the zone does not have then', () => {
    expect(offsetProblem('2027-03-28T02:30:00+01:00', 'Europe/Berlin')).toMatch(/does not exist in Europe\/Berlin.*Choose 01:59 or 03:00/);
    expect(offsetProblem('2027-07-01T09:00:00.000+01:00', 'Europe/Berlin')).toMatch(/\+01:00 is not the offset of Europe\/Berlin .* it is \+02:00/);
  });
});
