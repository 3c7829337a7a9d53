import { afterEach, describe, expect, it, vi } from 'vitest';

const KEY = 'publishing-engine:calendar-filter';

/** The filter a fresh page reads from what localStorage holds. */
async function readStored(raw: string | null) {
  (globalThis as { window?: unknown }).window = { localStorage: { getItem: (key: string) => (key === KEY ? raw : null), setItem: () => undefined } };
  vi.resetModules();
  const { calendarFilter } = await import('../../renderer/src/lib/calendar-filter');
  return calendarFilter();
}

const EMPTY = { accountIds: [], platforms: [], statuses: [], search: '' };

describe('the calendar filter kept across restarts', () => {
  afterEach(() => {
    delete (globalThis as { window?: unknown }).window;
  });

  it('reads back what was stored', async () => {
    const filter = { accountIds: ['acc-1', 'acc-2'], platforms: ['linkedin', 'twitter'], statuses: ['failed'], search: 'roast' };
    expect(await readStored(JSON.stringify(filter))).toEqual(filter);
  });

  it('counts nothing stored, or anything unreadable, as no filter', async () => {
    for (const raw of [null, '', '{', 'null', '42', '"x"', '[]']) expect(await readStored(raw)).toEqual(EMPTY);
  });

  it('drops only the fields that do not fit, and what it does not know', async () => {
    const raw = {
      accountIds: ['acc-1', 7],
      platforms: ['linkedin', 'myspace'],
      statuses: ['scheduled'],
      search: 'x'.repeat(201),
      sort: 'newest',
    };
    expect(await readStored(JSON.stringify(raw))).toEqual({ ...EMPTY, statuses: ['scheduled'] });
    expect(await readStored(JSON.stringify({ accountIds: Array.from({ length: 201 }, (_, n) => `a${n}`), search: 'tips' }))).toEqual({
      ...EMPTY,
      search: 'tips',
    });
  });
});
