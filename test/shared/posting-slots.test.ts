import { describe, expect, it } from 'vitest';
import { normalizeSlots, slotInstants, type PostingSlot } from '../../shared/posting-slots';

const iso = (ms: number[]) => ms.map((at) => new Date(at).toISOString());

describe('posting slots', () => {
  it('puts each weekly wall time on its days, in the schedule zone, in time order', () => {
    const slots: PostingSlot[] = [
      { day: 'mon', time: '12:30' },
      { day: 'mon', time: '09:00' },
      { day: 'wed', time: '17:00' },
    ];
    // Monday 2 to Monday 9 November 2026, Berlin is UTC+1.
    const from = Date.parse('2026-11-02T00:00:00+01:00');
    const to = Date.parse('2026-11-09T09:00:00+01:00');
    expect(iso(slotInstants({ timeZone: 'Europe/Berlin', slots }, from, to))).toEqual([
      '2026-11-02T08:00:00.000Z',
      '2026-11-02T11:30:00.000Z',
      '2026-11-04T16:00:00.000Z',
    ]);
  });

  it('keeps the wall time across a DST change', () => {
    const slots: PostingSlot[] = [{ day: 'fri', time: '09:00' }];
    const from = Date.parse('2027-03-20T00:00:00Z');
    const to = Date.parse('2027-04-03T00:00:00Z');
    // 26 March before the change (UTC+1), 2 April after it (UTC+2).
    expect(iso(slotInstants({ timeZone: 'Europe/Berlin', slots }, from, to))).toEqual(['2027-03-26T08:00:00.000Z', '2027-04-02T07:00:00.000Z']);
  });

  it('skips a slot the clocks jump over, and takes the first of one they live twice', () => {
    const gap = slotInstants(
      { timeZone: 'Europe/Berlin', slots: [{ day: 'sun', time: '02:30' }] },
      Date.parse('2027-03-27T00:00Z'),
      Date.parse('2027-03-29T00:00Z'),
    );
    expect(gap).toEqual([]);
    const overlap = slotInstants(
      { timeZone: 'Europe/Berlin', slots: [{ day: 'sun', time: '02:30' }] },
      Date.parse('2027-10-30T00:00Z'),
      Date.parse('2027-11-01T00:00Z'),
    );
    expect(iso(overlap)).toEqual(['2027-10-31T00:30:00.000Z']);
  });

  it('reads days in a zone far from UTC', () => {
    // Monday 09:00 in Auckland (UTC+13 in summer) is Sunday 20:00 UTC.
    const at = slotInstants(
      { timeZone: 'Pacific/Auckland', slots: [{ day: 'mon', time: '09:00' }] },
      Date.parse('2026-11-01T00:00Z'),
      Date.parse('2026-11-03T00:00Z'),
    );
    expect(iso(at)).toEqual(['2026-11-01T20:00:00.000Z']);
  });

  it('normalizes: repeats go, week order then time', () => {
    expect(
      normalizeSlots([
        { day: 'sun', time: '10:00' },
        { day: 'mon', time: '17:00' },
        { day: 'mon', time: '09:00' },
        { day: 'sun', time: '10:00' },
      ]),
    ).toEqual([
      { day: 'mon', time: '09:00' },
      { day: 'mon', time: '17:00' },
      { day: 'sun', time: '10:00' },
    ]);
  });
});
