// `--at` without an offset is local time (TZ=Europe/Berlin here), by the rule the engine and the composer share
// (issue 9): a time the clocks skip is refused with its neighbours; a doubled one takes the first and says so; an
// explicit offset picks the other.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectControl } from '../../electron/engine/control/control-client';
import type { PostView } from '../../shared/domain';
import { ensureBuilt, killChildren, killOrphanedRedis, runCli, startServe, testEnv } from './cli-harness';

let root: string;
let dataDir: string;
let env: NodeJS.ProcessEnv;
let accountId: string;

beforeAll(async () => {
  ensureBuilt();
  root = await mkdtemp(join(tmpdir(), 'pe-cli-dst-'));
  dataDir = join(root, 'data');
  env = await testEnv();
  await startServe(dataDir, env);
  const client = await connectControl(dataDir);
  accountId = (await client.invoke('accounts:add', { platform: 'linkedin', name: 'Clock Co', accessToken: 'tok' })).id;
  await client.close();
}, 120_000);

afterAll(async () => {
  await killChildren();
  killOrphanedRedis(dataDir);
  await rm(root, { recursive: true, force: true });
});

const create = (at: string) =>
  runCli(['--data-dir', dataDir, '--json', 'posts', 'create', '--text', 'On time', '--account', accountId, '--at', at], env);

describe('CLI times across DST', () => {
  it('refuses a local time the clocks skip, offering the neighbours, and creates nothing', async () => {
    const result = await create('2027-03-28T02:30');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('2027-03-28 02:30 does not exist in Europe/Berlin: the clocks jump from 02:00 to 03:00. Choose 01:59 or 03:00.');
    const list = await runCli(['--data-dir', dataDir, '--json', 'posts', 'list'], env);
    expect(JSON.parse(list.stdout)).toEqual([]);
  });

  it('takes the first of a doubled local time and says which, and the second when the offset says so', async () => {
    const first = await create('2027-10-31T02:30');
    expect(first.code).toBe(0);
    expect((JSON.parse(first.stdout) as PostView).scheduledAt).toBe('2027-10-31T00:30:00.000Z');
    expect(first.stderr).toMatch(/^note: 2027-10-31 02:30 happens twice in Europe\/Berlin .*the first one, at \+02:00, was taken/m);
    const second = await create('2027-10-31T02:30+01:00');
    expect(second.code).toBe(0);
    expect((JSON.parse(second.stdout) as PostView).scheduledAt).toBe('2027-10-31T01:30:00.000Z');
    expect(second.stderr).toBe('');
  });
});
