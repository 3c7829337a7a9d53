// What a client is told is what was stored (issue 9): text that survives storage exactly comes back exactly, and
// text that could not (a lone UTF-16 surrogate, once echoed as sent but stored as replacement characters) is
// refused, naming its field, and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ControlClient } from '../../electron/engine/control/control-client';
import { snapshot, startTestEngine, type TestEngine } from './engine-harness';

let harness: TestEngine;
let client: ControlClient;
let accountId: string;

beforeAll(async () => {
  harness = await startTestEngine('stored');
  client = await harness.connect();
  accountId = (await client.invoke('accounts:add', { platform: 'linkedin', name: 'Stored Co', accessToken: 'tok-stored' })).id;
});

afterAll(async () => {
  await harness?.stop();
});

const TRICKY = [
  'café 😀 אב',
  '👩🏽‍💻 family: 👨‍👩‍👧‍👦, flags 🇩🇪🇯🇵',
  'e\u0301 combining, \u200b zero width, \u202e right to left',
  'line\r\nbreaks\tand\u0000NUL',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 '.repeat(500),
];

describe('answers are the stored rows', () => {
  it.each(TRICKY)('a post with %j reads back exactly as it was answered', async (text) => {
    const created = await client.invoke('posts:create', { text, mode: 'draft', targets: [{ accountId, text: `${text}!` }] });
    expect(created.text).toBe(text);
    expect(created.targets[0]?.textOverride).toBe(`${text}!`);
    expect(await client.invoke('posts:get', { id: created.id })).toEqual(created);
    const updated = await client.invoke('posts:save', { id: created.id, text: `${text}?` });
    expect(updated.text).toBe(`${text}?`);
    expect(await client.invoke('posts:get', { id: created.id })).toEqual(updated);
  });

  it('an account reads back exactly as it was answered', async () => {
    const added = await client.invoke('accounts:add', { platform: 'twitter', name: TRICKY[1] ?? '', accessToken: 'tok-tricky' });
    expect((await client.invoke('accounts:list', {})).find((account) => account.id === added.id)).toEqual(added);
  });

  it.each([
    ['text', { text: 'half an emoji \ud83d', mode: 'draft', targets: [{ accountId: 'x' }] }, 'posts:create'],
    ['targets.0.text', { text: 'fine', mode: 'draft', targets: [{ accountId: 'x', text: '\udc00 dangling' }] }, 'posts:create'],
    [
      'targets.0.options.thread.1',
      { text: 'fine', mode: 'draft', targets: [{ accountId: 'x', options: { thread: ['ok', 'bad \ud800'] } }] },
      'posts:create',
    ],
    ['name', { platform: 'twitter', name: 'Brand \udfff', accessToken: 'tok' }, 'accounts:add'],
  ] as const)('refuses a lone surrogate in %s, and stores nothing', async (field, input, channel) => {
    const before = await snapshot(client);
    const raw = await harness.engine.api.call(channel, input);
    expect(raw).toMatchObject({ ok: false, error: { code: 'validation', field, message: expect.stringMatching(/broken character/) } });
    expect(await snapshot(client)).toEqual(before);
  });
});
