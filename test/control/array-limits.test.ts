// Every list a client may send has a limit (issue 9): a huge array is refused as a validation error naming its
// field, before it reaches SQLite (130,000 statuses used to end in an `internal` error). Checked on every channel's
// schema, and end to end on the ones that used to take anything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CHANNEL_NAMES, channels } from '../../shared/contract/channels';
import { subscriptionInput } from '../../electron/engine/control/control-protocol';
import { startTestEngine, type TestEngine } from './engine-harness';
import { openRaw } from './raw-connection';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
  out?: z.ZodType;
  checks?: { _zod: { def: { check: string; maximum?: number } } }[];
}

/** The path of every array in a schema without a maximum length. */
function unboundedArrays(schema: z.ZodType, path: string): string[] {
  const def = (schema as unknown as { _zod: { def: Def } })._zod.def;
  const children: [z.ZodType | undefined, string][] = [
    ...Object.entries(def.shape ?? {}).map(([key, child]): [z.ZodType, string] => [child, `${path}.${key}`]),
    [def.innerType, path],
    [def.in, path],
    [def.out, path],
    ...(def.options ?? []).map((option): [z.ZodType, string] => [option, path]),
    [def.element, `${path}[]`],
  ];
  const own = def.type === 'array' && !(def.checks ?? []).some((check) => check._zod.def.check === 'max_length') ? [path] : [];
  return [...own, ...children.flatMap(([child, at]) => (child ? unboundedArrays(child, at) : []))];
}

describe('array limits', () => {
  it.each(CHANNEL_NAMES)('%s: every array in its input has a maximum length', (channel) => {
    expect(unboundedArrays(channels[channel].input, channel)).toEqual([]);
  });

  it('events:subscribe and events:unsubscribe: the list of events has a maximum length', () => {
    expect(unboundedArrays(subscriptionInput, 'events:subscribe')).toEqual([]);
  });
});

describe('huge arrays end to end', () => {
  let harness: TestEngine;

  beforeAll(async () => {
    harness = await startTestEngine('arrays');
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it('posts:list with 130,000 statuses is a validation error on status, not an internal one', async () => {
    // In process, as over IPC: no frame limit stands in front of the schema.
    const answer = await harness.engine.api.call('posts:list', { status: Array.from({ length: 130_000 }, () => 'scheduled') });
    expect(answer).toMatchObject({ ok: false, error: { code: 'validation', field: 'status' } });
  });

  it('events:subscribe with 50,000 events is a validation error on events', async () => {
    const raw = await openRaw(harness.server.path);
    expect(await raw.request(1, 'events:subscribe', { events: Array.from({ length: 50_000 }, () => 'post:changed') })).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'events' },
    });
    raw.close();
  });
});
