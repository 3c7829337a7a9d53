// Group commit: writes of one turn share a commit, a failing write fails alone, and durability is honoured.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WalSync } from '../../electron/engine/db/wal-sync';
import { WriteBatcher } from '../../electron/engine/db/write-batcher';

let dir: string;
let sqlite: BetterSqlite3.Database;
let wal: WalSync;
let writes: WriteBatcher;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pe-batch-'));
  sqlite = new BetterSqlite3(join(dir, 'batch.sqlite'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.exec('create table note (id integer primary key, text text not null check (length(text) > 0))');
  wal = new WalSync(join(dir, 'batch.sqlite-wal'));
  writes = new WriteBatcher(sqlite, wal);
});

afterEach(async () => {
  await wal.close();
  sqlite.close();
  rmSync(dir, { recursive: true, force: true });
});

const insert = (text: string) => () => Number(sqlite.prepare('insert into note (text) values (?)').run(text).lastInsertRowid);
const count = () => (sqlite.prepare('select count(*) as n from note').get() as { n: number }).n;

describe('WriteBatcher', () => {
  it('settles each write only after its commit, with its own result', async () => {
    const ids = await Promise.all(['a', 'b', 'c'].map((text) => writes.write(insert(text))));
    expect(ids).toEqual([1, 2, 3]);
    expect(sqlite.inTransaction).toBe(false);
    expect(count()).toBe(3);
  });

  it('a failing write fails alone; the others of its batch are committed', async () => {
    const results = await Promise.allSettled([
      writes.write(insert('first')),
      writes.write(insert('second')),
      writes.write(insert('')),
      writes.write(insert('fourth')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(Error);
    expect(sqlite.prepare('select text from note order by id').all()).toEqual([{ text: 'first' }, { text: 'second' }, { text: 'fourth' }]);
  });

  it('writes of one turn after the first share one transaction', async () => {
    const seen: number[] = [];
    const probe = () => {
      // total_changes counts per connection; a shared transaction sees the earlier writes of its batch uncommitted.
      seen.push((sqlite.prepare('select count(*) as n from note').get() as { n: number }).n);
      insert('x')();
    };
    await Promise.all([writes.write(probe), writes.write(probe), writes.write(probe), writes.write(probe)]);
    expect(seen).toEqual([0, 1, 2, 3]);
    expect(count()).toBe(4);
  });

  it('settles a durable write after an fsync of the WAL, and a later relaxed write never before it', async () => {
    const order: string[] = [];
    const sync = wal.sync.bind(wal);
    wal.sync = () => {
      order.push('fsync started');
      return sync().then(() => void order.push('fsync done'));
    };
    const durable = writes.write(insert('kept'), 'durable').then(() => order.push('durable settled'));
    const relaxed = writes.write(insert('bookkeeping'), 'relaxed').then(() => order.push('relaxed settled'));
    await Promise.all([durable, relaxed]);
    expect(order).toEqual(['fsync started', 'fsync done', 'durable settled', 'relaxed settled']);
  });

  it('settles relaxed writes without any fsync', async () => {
    let syncs = 0;
    wal.sync = () => {
      syncs += 1;
      return Promise.resolve();
    };
    await Promise.all([writes.write(insert('a'), 'relaxed'), writes.write(insert('b'), 'relaxed')]);
    expect(syncs).toBe(0);
    expect(count()).toBe(2);
  });

  it('answers many durable writes with few fsyncs', async () => {
    let fsyncs = 0;
    const inner = wal as unknown as { fsync: () => Promise<void> };
    const fsync = inner.fsync.bind(wal);
    inner.fsync = () => {
      fsyncs += 1;
      return fsync();
    };
    await Promise.all(Array.from({ length: 50 }, (_, i) => writes.write(insert(`n${i}`))));
    expect(count()).toBe(50);
    expect(fsyncs).toBeLessThanOrEqual(2);
  });
});
