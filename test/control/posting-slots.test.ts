// Posting slots through the real control socket against a real engine: set, read back, the free ones (a post on a
// slot takes it; a draft or a cancelled post does not), the settings managers expect, and removal with the account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ControlClient } from '../../electron/engine/control/control-client';
import type { EngineEvents } from '../../shared/contract/events';
import { slotInstants, type PostingSchedule } from '../../shared/posting-slots';
import { startTestEngine, type TestEngine } from './engine-harness';

let harness: TestEngine;
let client: ControlClient;
let xId: string;
let linkedInId: string;

const DAY = 86_400_000;

beforeAll(async () => {
  harness = await startTestEngine('slots');
  client = await harness.connect();
  xId = (await client.invoke('accounts:add', { platform: 'twitter', name: '@brand', accessToken: 'tok-x' })).id;
  linkedInId = (await client.invoke('accounts:add', { platform: 'linkedin', name: 'Brand Inc', accessToken: 'tok-li' })).id;
});

afterAll(async () => {
  await harness?.stop();
});

describe('posting slots', () => {
  it('an account without slots has none, in the default zone', async () => {
    expect(await client.invoke('slots:get', { accountId: xId })).toEqual({
      accountId: xId,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      slots: [],
    });
    expect(await client.invoke('slots:list', {})).toEqual([]);
  });

  it('slots:set stores the weekly times in the zone given, without repeats and in week order, and says so', async () => {
    const changes: EngineEvents['slots:changed'][] = [];
    const stop = harness.engine.events.on('slots:changed', (change) => changes.push(change));
    const schedule = await client.invoke('slots:set', {
      accountId: xId,
      timeZone: 'Europe/Berlin',
      slots: [
        { day: 'fri', time: '17:00' },
        { day: 'mon', time: '12:30' },
        { day: 'mon', time: '09:00' },
        { day: 'mon', time: '09:00' },
      ],
    });
    stop();
    const expected: PostingSchedule = {
      accountId: xId,
      timeZone: 'Europe/Berlin',
      slots: [
        { day: 'mon', time: '09:00' },
        { day: 'mon', time: '12:30' },
        { day: 'fri', time: '17:00' },
      ],
    };
    expect(schedule).toEqual(expected);
    expect(changes).toEqual([{ schedule: expected }]);
    expect(await client.invoke('slots:get', { accountId: xId })).toEqual(expected);
    expect(await client.invoke('slots:list', {})).toEqual([expected]);
    // A new set keeps the zone when none is given.
    expect(await client.invoke('slots:set', { accountId: xId, slots: expected.slots })).toEqual(expected);
  });

  it('slots:open lists the free slots in a range; a scheduled post takes one, a draft or a cancelled post does not', async () => {
    const from = new Date(Date.now() + DAY);
    const to = new Date(from.getTime() + 14 * DAY);
    const all = slotInstants(
      { timeZone: 'Europe/Berlin', slots: (await client.invoke('slots:get', { accountId: xId })).slots },
      from.getTime(),
      to.getTime(),
    );
    expect(all.length).toBeGreaterThanOrEqual(5);
    const open = await client.invoke('slots:open', { from: from.toISOString(), to: to.toISOString() });
    expect(open).toEqual(all.map((at) => ({ accountId: xId, at: new Date(at).toISOString() })));

    const [first, second, third] = all.map((at) => new Date(at).toISOString());
    const scheduled = await client.invoke('posts:create', { text: 'In a slot', targets: [{ accountId: xId }], mode: 'schedule', scheduledAt: first });
    await client.invoke('posts:create', { text: 'A draft at a slot time', targets: [{ accountId: xId }], mode: 'draft', scheduledAt: second });
    const cancelled = await client.invoke('posts:create', { text: 'Cancelled', targets: [{ accountId: xId }], mode: 'schedule', scheduledAt: third });
    await client.invoke('publishing:cancel', { id: cancelled.id });
    // Another account's post at the same instant does not take X's slot.
    await client.invoke('posts:create', { text: 'LinkedIn only', targets: [{ accountId: linkedInId }], mode: 'schedule', scheduledAt: second });

    const after = await client.invoke('slots:open', { from: from.toISOString(), to: to.toISOString(), accountIds: [xId] });
    expect(after.map((slot) => slot.at)).toEqual(all.slice(1).map((at) => new Date(at).toISOString()));
    await client.invoke('publishing:reschedule', { id: scheduled.id, scheduledAt: new Date(all[0] + 60_000).toISOString() });
    expect((await client.invoke('slots:open', { from: from.toISOString(), to: to.toISOString(), accountIds: [xId] }))[0]?.at).toBe(first);
  });

  it('never offers a slot in the past', async () => {
    const open = await client.invoke('slots:open', {
      from: new Date(Date.now() - 7 * DAY).toISOString(),
      to: new Date(Date.now() + DAY).toISOString(),
    });
    expect(open.every((slot) => Date.parse(slot.at) > Date.now())).toBe(true);
  });

  it('an empty list removes every slot; removing the account removes its schedule', async () => {
    await client.invoke('slots:set', { accountId: linkedInId, timeZone: 'America/New_York', slots: [{ day: 'tue', time: '08:00' }] });
    expect((await client.invoke('slots:list', {})).map((schedule) => schedule.accountId).sort()).toEqual([xId, linkedInId].sort());
    expect(await client.invoke('slots:set', { accountId: linkedInId, slots: [] })).toEqual({
      accountId: linkedInId,
      timeZone: 'America/New_York',
      slots: [],
    });
    expect((await client.invoke('slots:list', {})).map((schedule) => schedule.accountId)).toEqual([xId]);

    const spare = await client.invoke('accounts:add', { platform: 'facebook', name: 'Spare page', accessToken: 'tok-fb' });
    await client.invoke('slots:set', { accountId: spare.id, slots: [{ day: 'wed', time: '10:00' }] });
    await client.invoke('accounts:remove', { id: spare.id });
    expect((await client.invoke('slots:list', {})).map((schedule) => schedule.accountId)).toEqual([xId]);
    await expect(client.invoke('slots:get', { accountId: spare.id })).rejects.toMatchObject({ code: 'not_found', field: 'accountId' });
  });
});

describe('settings a manager expects', () => {
  it('start at login is on by default, not yet asked; zone, week and clock follow the computer until chosen', async () => {
    expect(await client.invoke('settings:get', {})).toMatchObject({
      startAtLogin: true,
      startAtLoginAsked: false,
      timeZone: null,
      weekStartsOn: 'auto',
      clock: 'auto',
      defaultAccountIds: [],
    });
  });

  it('keeps the default zone, first day, clock and default accounts; the default zone is a new schedule’s zone', async () => {
    const saved = await client.invoke('settings:set', { timeZone: 'Asia/Tokyo', weekStartsOn: 'sunday', clock: '12h', defaultAccountIds: [xId] });
    expect(saved).toMatchObject({ timeZone: 'Asia/Tokyo', weekStartsOn: 'sunday', clock: '12h', defaultAccountIds: [xId] });
    expect(await client.invoke('slots:get', { accountId: linkedInId })).toMatchObject({ timeZone: 'America/New_York' });
    const fresh = await client.invoke('accounts:add', { platform: 'tiktok', name: 'Brand TikTok', accessToken: 'tok-tt' });
    expect(await client.invoke('slots:get', { accountId: fresh.id })).toMatchObject({ timeZone: 'Asia/Tokyo', slots: [] });
    expect(await client.invoke('settings:set', { timeZone: null })).toMatchObject({ timeZone: null, weekStartsOn: 'sunday' });
  });
});
