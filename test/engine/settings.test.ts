// Settings kept in SQLite: changes made at once (the Settings screen saves each field on its own request) all stay.
import { afterEach, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine';
import { makeDataDir, removeDataDir, startTestEngine } from '../helpers/test-engine';

let engine: Engine | undefined;
let dataDir: string;

afterEach(async () => {
  await engine?.stop();
  removeDataDir(dataDir);
});

it('keeps every field of changes sent at the same time, also after a restart', async () => {
  dataDir = makeDataDir();
  engine = await startTestEngine({ dataDir });
  await Promise.all([
    engine.api.invoke('settings:set', { timeZone: 'Asia/Tokyo' }),
    engine.api.invoke('settings:set', { weekStartsOn: 'sunday' }),
    engine.api.invoke('settings:set', { clock: '12h' }),
    engine.api.invoke('settings:set', { lateToleranceMinutes: 15 }),
  ]);
  const expected = { timeZone: 'Asia/Tokyo', weekStartsOn: 'sunday', clock: '12h', lateToleranceMinutes: 15 };
  expect(await engine.api.invoke('settings:get', {})).toMatchObject(expected);
  await engine.stop();
  engine = await startTestEngine({ dataDir });
  expect(await engine.api.invoke('settings:get', {})).toMatchObject(expected);
});
