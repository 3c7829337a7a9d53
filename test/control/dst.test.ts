// The engine refuses a wall time the clocks skip and takes either occurrence of a doubled one when the offset says
// which (issue 9): `2027-03-28T02:30:00+01:00` in Europe/Berlin used to become 03:30 silently.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ControlClient } from '../../electron/engine/control/control-client';
import { startTestEngine, type TestEngine } from './engine-harness';

let harness: TestEngine;
let client: ControlClient;
let accountId: string;

beforeAll(async () => {
  harness = await startTestEngine('dst');
  client = await harness.connect();
  accountId = (await client.invoke('accounts:add', { platform: 'linkedin', name: 'Clock Co', accessToken: 'tok-dst' })).id;
});

afterAll(async () => {
  await harness?.stop();
});

const schedule = (scheduledAt: string) =>
  client.invoke('posts:create', { text: 'On the hour', mode: 'schedule', scheduledAt, timeZone: 'Europe/Berlin', targets: [{ accountId }] });

describe('DST in the engine', () => {
  it('refuses a time in a gap, naming the valid neighbours, and stores nothing', async () => {
    const before = await client.invoke('posts:list', {});
    await expect(schedule('2027-03-28T02:30:00+01:00')).rejects.toMatchObject({
      code: 'validation',
      field: 'scheduledAt',
      message: 'scheduledAt: 2027-03-28 02:30 does not exist in Europe/Berlin: the clocks jump from 02:00 to 03:00. Choose 01:59 or 03:00.',
    });
    const post = await client.invoke('posts:create', { text: 'Draft', mode: 'draft', targets: [{ accountId }] });
    await expect(
      client.invoke('publishing:reschedule', { id: post.id, scheduledAt: '2027-03-28T02:30:00+01:00', timeZone: 'Europe/Berlin' }),
    ).rejects.toMatchObject({
      code: 'validation',
      field: 'scheduledAt',
    });
    await client.invoke('posts:delete', { id: post.id });
    expect(await client.invoke('posts:list', {})).toEqual(before);
  });

  it('takes the occurrence of a doubled time that the offset names', async () => {
    const first = await schedule('2027-10-31T02:30:00+02:00');
    const second = await schedule('2027-10-31T02:30:00+01:00');
    expect(first.scheduledAt).toBe('2027-10-31T00:30:00.000Z');
    expect(second.scheduledAt).toBe('2027-10-31T01:30:00.000Z');
  });

  it('still takes an exact UTC time in any zone', async () => {
    expect((await schedule('2027-03-28T01:30:00Z')).scheduledAt).toBe('2027-03-28T01:30:00.000Z');
  });
});
