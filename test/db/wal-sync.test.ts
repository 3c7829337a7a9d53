// Each wait for durability is answered by an fsync that started after it; a commit made during one fsync does not wait
// for that one to end before its own starts, and no more than two run at once.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WalSync } from '../../electron/engine/db/wal-sync';

let dir: string;
let wal: WalSync;
/** The fsyncs started, in order, each ended by hand. */
let fsyncs: { end: () => void; ended: boolean }[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pe-walsync-'));
  const file = join(dir, 'db.sqlite-wal');
  writeFileSync(file, 'frames');
  wal = new WalSync(file);
  fsyncs = [];
  const inner = wal as unknown as { fsync: () => Promise<void> };
  const real = inner.fsync.bind(wal);
  inner.fsync = () =>
    new Promise<void>((resolve, reject) => {
      const fsync = { ended: false, end: () => undefined as void };
      fsync.end = () => {
        fsync.ended = true;
        real().then(resolve, reject);
      };
      fsyncs.push(fsync);
    });
});

afterEach(async () => {
  for (const fsync of fsyncs) if (!fsync.ended) fsync.end();
  await wal.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Whether `promise` has settled, once every callback already due has run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('WalSync', () => {
  it('starts a second fsync at once for a commit made during the first, and answers it with that one', async () => {
    const first = wal.sync();
    const second = wal.sync();
    expect(fsyncs).toHaveLength(2);
    fsyncs[1].end();
    await second;
    expect(await settled(first)).toBe(false);
    fsyncs[0].end();
    await first;
  });

  it('with two under way, later waits share the one started when either ends, never an earlier one', async () => {
    const running = [wal.sync(), wal.sync()];
    const later = Promise.all([wal.sync(), wal.sync()]);
    expect(fsyncs).toHaveLength(2);
    fsyncs[0].end();
    await running[0];
    await settled(later);
    expect(fsyncs).toHaveLength(3);
    fsyncs[1].end();
    await running[1];
    expect(await settled(later)).toBe(false);
    fsyncs[2].end();
    await later;
    expect(fsyncs).toHaveLength(3);
  });
});
