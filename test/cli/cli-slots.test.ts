// `accounts slots set|show` and `posts create --queue` end to end: the built command against `serve`, and the --slot
// grammar on its own.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSlotSpec } from '../../electron/cli/commands/slots';
import type { AccountView, PostView } from '../../shared/domain';
import type { OpenSlot, PostingSchedule } from '../../shared/posting-slots';
import { ensureBuilt, killChildren, killOrphanedRedis, runCli, startServe, testEnv } from './cli-harness';

describe('the --slot grammar', () => {
  it('reads days, ranges, groups and times', () => {
    expect(parseSlotSpec('mon-wed 9:00,17:30')).toEqual([
      { day: 'mon', time: '09:00' },
      { day: 'mon', time: '17:30' },
      { day: 'tue', time: '09:00' },
      { day: 'tue', time: '17:30' },
      { day: 'wed', time: '09:00' },
      { day: 'wed', time: '17:30' },
    ]);
    expect(parseSlotSpec('weekends 10:00').map((slot) => slot.day)).toEqual(['sat', 'sun']);
    expect(parseSlotSpec('fri-mon 08:00').map((slot) => slot.day)).toEqual(['fri', 'sat', 'sun', 'mon']);
    expect(parseSlotSpec('Mon,Thu 12:00').map((slot) => slot.day)).toEqual(['mon', 'thu']);
    expect(parseSlotSpec('daily 07:00')).toHaveLength(7);
  });

  it('refuses what it cannot read, saying how to write it', () => {
    expect(() => parseSlotSpec('09:00')).toThrow(/expected days and times/);
    expect(() => parseSlotSpec('someday 09:00')).toThrow(/"someday" is not a day/);
    expect(() => parseSlotSpec('mon 9am')).toThrow(/"9am" is not a 24-hour time/);
    expect(() => parseSlotSpec('mon 24:00')).toThrow(/e\.g\. "mon-fri 09:00,12:30"/);
  });
});

describe('accounts slots, against a running engine', () => {
  let root: string;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let account: AccountView;

  beforeAll(async () => {
    ensureBuilt();
    root = await mkdtemp(join(tmpdir(), 'pe-cli-slots-'));
    dataDir = join(root, 'data');
    env = await testEnv();
    await startServe(dataDir, env);
    account = await json<AccountView>('accounts', 'add', '--platform', 'twitter', '--name', '@brand', '--token', 'secret-token');
  }, 180_000);

  afterAll(async () => {
    await killChildren();
    killOrphanedRedis(dataDir);
    await rm(root, { recursive: true, force: true });
  });

  const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args], env);
  async function json<T>(...args: string[]): Promise<T> {
    const result = await cli('--json', ...args);
    expect(result, result.stderr).toMatchObject({ code: 0 });
    return JSON.parse(result.stdout) as T;
  }

  it('show: an account without slots says how to set them', async () => {
    const shown = await cli('accounts', 'slots', 'show', account.id);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/No posting slots \(times read in Europe\/Berlin\)/);
  });

  it('set replaces the slots in the zone given; show lists them by day with the next free ones', async () => {
    const set = await json<PostingSchedule & { nextOpen: OpenSlot[] }>(
      'accounts',
      'slots',
      'set',
      account.id,
      '--slot',
      'mon-fri 09:00,12:30',
      '--slot',
      'sat 10:00',
      '--zone',
      'America/New_York',
    );
    expect(set).toMatchObject({ accountId: account.id, timeZone: 'America/New_York' });
    expect(set.slots).toHaveLength(11);
    expect(set.nextOpen).toHaveLength(5);
    expect(set.nextOpen.every((slot) => Date.parse(slot.at) > Date.now())).toBe(true);

    const shown = await cli('accounts', 'slots', 'show', account.id);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('Posting slots, in America/New_York:');
    expect(shown.stdout).toMatch(/^Monday\s+09:00 12:30$/m);
    expect(shown.stdout).toMatch(/^Saturday\s+10:00$/m);
    expect(shown.stdout).not.toMatch(/^Sunday/m);
    // Shown in this machine's zone, with the offset.
    expect(shown.stdout).toMatch(/Next free slots:\n {2}\d{4}-\d{2}-\d{2} \d{2}:\d{2} \+0[12]:00\n/);
  });

  it("posts create --queue puts each post into the account's next free slot, and says which account has none", async () => {
    const open = (await json<{ nextOpen: OpenSlot[] }>('accounts', 'slots', 'show', account.id)).nextOpen;
    const first = await json<PostView[]>('posts', 'create', '--text', 'Queued one', '--account', account.id, '--queue');
    const second = await json<PostView[]>('posts', 'create', '--text', 'Queued two', '--account', account.id, '--queue');
    expect([first, second].map((posts) => posts.map((post) => [post.status, post.scheduledAt, post.timeZone]))).toEqual([
      [['scheduled', open[0]?.at, 'America/New_York']],
      [['scheduled', open[1]?.at, 'America/New_York']],
    ]);
    const words = await cli('posts', 'create', '--text', 'Queued three', '--account', account.id, '--queue');
    expect(words.code).toBe(0);
    expect(words.stdout).toMatch(/^Queued post \S+ for \d{4}-\d{2}-\d{2} \d{2}:\d{2} [+-]\d{2}:\d{2}\.$/m);

    const other = await json<AccountView>('accounts', 'add', '--platform', 'twitter', '--name', '@other', '--token', 'other-token');
    const refused = await cli('posts', 'create', '--text', 'Nowhere', '--account', account.id, '--account', other.id, '--queue');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('"@other" has no posting slots yet');
    const both = await cli('posts', 'create', '--text', 'Twice', '--account', account.id, '--queue', '--now');
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/Choose one of --at, --now, --queue and --draft/);
    const texts = (await json<PostView[]>('posts', 'list')).map((post) => post.text);
    expect(texts.filter((text) => text.startsWith('Queued'))).toHaveLength(3);
    expect(texts).not.toContain('Nowhere');
    expect(texts).not.toContain('Twice');
  });

  it('--clear removes them; bad input exits 2 and changes nothing', async () => {
    const bad = await cli('accounts', 'slots', 'set', account.id, '--slot', 'mon 25:00');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/"25:00" is not a 24-hour time/);
    const badZone = await cli('accounts', 'slots', 'set', account.id, '--slot', 'mon 09:00', '--zone', 'Mars/Base');
    expect(badZone.code).toBe(2);
    expect(badZone.stderr).toMatch(/timeZone/);
    const neither = await cli('accounts', 'slots', 'set', account.id);
    expect(neither.code).toBe(2);
    expect((await json<PostingSchedule>('accounts', 'slots', 'show', account.id)).slots).toHaveLength(11);
    const unknown = await cli('accounts', 'slots', 'show', 'no-such-account');
    expect(unknown.code).toBe(1);

    const cleared = await json<PostingSchedule>('accounts', 'slots', 'set', account.id, '--clear');
    expect(cleared.slots).toEqual([]);
  });
});
