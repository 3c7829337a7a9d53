// The processor's rarer paths, each with the fault that takes it: stopping mid-publish, a platform that cannot be
// asked right now, a crash before the platform made the post, a broken store on the last try, and targets that
// cannot be published at all (account removed, needs reconnecting, token unreadable). Real engine, Redis, SQLite.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine';
import { openDatabase, type OpenedDatabase } from '../../electron/engine/db/database';
import { databaseFile } from '../../electron/engine/paths';
import { FeedPublisher } from '../fakes/feed/feed-publisher';
import { FeedServer } from '../fakes/feed/feed-server';
import { addAccount, makeDataDir, removeDataDir, startTestEngine } from '../helpers/test-engine';
import { sleep, waitFor } from '../helpers/wait-for';

let feed: FeedServer;
let dataDir: string;
const engines: Engine[] = [];
let sideDb: OpenedDatabase | undefined;

beforeEach(async () => {
  feed = await new FeedServer().start();
  dataDir = makeDataDir();
});

afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.stop({ activePublishTimeoutMs: 200 });
  await sideDb?.close();
  sideDb = undefined;
  await feed.close();
  removeDataDir(dataDir);
});

async function start(queue: Parameters<typeof startTestEngine>[0]['queue'] = {}): Promise<Engine> {
  const engine = await startTestEngine({ dataDir, publishers: { facebook: new FeedPublisher('facebook', feed.origin) }, queue });
  engines.push(engine);
  return engine;
}

/** A second connection to the engine's SQLite file, for what happens behind the engine's back. */
async function behindTheEnginesBack(): Promise<OpenedDatabase> {
  sideDb ??= await openDatabase(databaseFile(dataDir));
  return sideDb;
}

const postOf = (e: Engine, id: string) => e.api.invoke('posts:get', { id });
const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();

describe('stopping and crashing mid-publish', () => {
  it('a stop during a publish leaves the outcome to the next start, which finds the post instead of posting again', async () => {
    // The platform makes the post only after a while (an upload), so when the engine stops, asking would find nothing.
    feed.failNext({ kind: 'slow', ms: 2000 });
    const first = await start();
    const account = await addAccount(first, 'facebook');
    const post = await first.api.invoke('posts:create', { text: 'Quit mid-upload', targets: [{ accountId: account.id }], mode: 'now' });
    await waitFor(
      () => feed.createRequests,
      (n) => n === 1,
    );
    await first.stop({ activePublishTimeoutMs: 100 });
    engines.splice(0);
    await waitFor(
      () => feed.posts.length,
      (n) => n === 1,
      10_000,
      'the platform to finish the post it was making',
    );

    const second = await start();
    const done = await waitFor(
      () => postOf(second, post.id),
      (p) => p.status === 'published',
    );
    expect(feed.createRequests).toBe(1);
    expect(done.targets[0]?.platformPostId).toBe(feed.posts[0]?.id);
  });

  it('a crash before the platform made the post is retried at the next start: asked first, found absent, posted once', async () => {
    feed.failNext({ kind: 'lost' });
    const first = await start();
    const account = await addAccount(first, 'facebook');
    const post = await first.api.invoke('posts:create', { text: 'Lost on the way', targets: [{ accountId: account.id }], mode: 'now' });
    await waitFor(
      () => feed.createRequests,
      (n) => n === 1,
    );
    // The stop cuts the call off, as a crash would: the target is left `publishing` with an open attempt.
    await first.stop({ activePublishTimeoutMs: 100 });
    engines.splice(0);
    expect((await (await behindTheEnginesBack()).db.selectFrom('post_platforms').select('status').executeTakeFirstOrThrow()).status).toBe(
      'publishing',
    );

    const second = await start();
    const done = await waitFor(
      () => postOf(second, post.id),
      (p) => p.status === 'published',
    );
    expect(feed.listings).toBeGreaterThanOrEqual(1);
    expect(feed.createRequests).toBe(2);
    expect(feed.posts).toHaveLength(1);
    expect(done.targets[0]?.platformPostId).toBe(feed.posts[0]?.id);
    const attempts = await (await behindTheEnginesBack()).db.selectFrom('publish_attempts').select(['outcome']).orderBy('id').execute();
    expect(attempts.map((a) => a.outcome)).toEqual(['interrupted', 'published']);
  });
});

describe('a platform that cannot be asked right now', () => {
  it('keeps the target publishing and asks again later; found, it is published without a second post', async () => {
    const e = await start({ attempts: 3 });
    feed.failNext({ kind: 'drop-after-create' });
    feed.failListings(1);
    const account = await addAccount(e, 'facebook');
    const changes: string[] = [];
    e.events.on('target:changed', ({ target }) => changes.push(`${target.status}: ${target.errorMessage ?? ''}`));
    const post = await e.api.invoke('posts:create', { text: 'Did it go out?', targets: [{ accountId: account.id }], mode: 'now' });
    const done = await waitFor(
      () => postOf(e, post.id),
      (p) => p.status === 'published',
    );
    expect(changes).toContainEqual(expect.stringMatching(/^publishing: Checking whether the post went live: The platform could not be asked/));
    expect(feed.listings).toBe(2);
    expect(feed.createRequests).toBe(1);
    expect(done.targets[0]?.platformPostId).toBe(feed.posts[0]?.id);
  });

  it('on the last try the target becomes unknown for the user to check, and nothing is posted again', async () => {
    const e = await start({ attempts: 2 });
    feed.failNext({ kind: 'drop-after-create' });
    feed.failListings(10);
    const account = await addAccount(e, 'facebook');
    const post = await e.api.invoke('posts:create', { text: 'Cannot tell', targets: [{ accountId: account.id }], mode: 'now' });
    const unknown = await waitFor(
      () => postOf(e, post.id),
      (p) => p.targets[0]?.status === 'unknown',
    );
    expect(unknown.targets[0]?.errorMessage).toMatch(/^Facebook could not be asked whether the post went live \(The platform could not be asked/);
    expect(feed.listings).toBe(2);
    await sleep(500);
    expect(feed.createRequests).toBe(1);
  });
});

describe('a broken store', () => {
  it('an internal error on the last try fails the target visibly, and nothing is posted', async () => {
    const e = await start({ attempts: 1 });
    const account = await addAccount(e, 'facebook');
    // Every new attempt row is refused: the claim cannot be stored, so no platform call may happen.
    (await behindTheEnginesBack()).sqlite.exec(
      "create trigger refuse_attempts before insert on publish_attempts begin select raise(abort, 'disk says no'); end",
    );
    const post = await e.api.invoke('posts:create', { text: 'Broken disk', targets: [{ accountId: account.id }], mode: 'now' });
    const failed = await waitFor(
      () => postOf(e, post.id),
      (p) => p.status === 'failed',
    );
    expect(failed.targets[0]?.errorMessage).toMatch(
      /^Publishing Engine hit an internal error before publishing \(disk says no\)\. Nothing was posted/,
    );
    expect(feed.createRequests).toBe(0);
  });
});

describe('a target that cannot be published at all', () => {
  it('its account removed behind the app: failed, naming the account, with no platform call', async () => {
    const e = await start();
    const account = await addAccount(e, 'facebook', 'feed-token', 'Bakery page');
    const post = await e.api.invoke('posts:create', {
      text: 'Orphan',
      targets: [{ accountId: account.id }],
      mode: 'schedule',
      scheduledAt: inMs(1500),
    });
    await (await behindTheEnginesBack()).db.deleteFrom('social_accounts').where('id', '=', account.id).execute();
    const failed = await waitFor(
      () => postOf(e, post.id),
      (p) => p.status === 'failed',
    );
    expect(failed.targets[0]?.errorMessage).toBe('The Facebook account "Bakery page" was removed. Add it again, then retry.');
    expect(feed.createRequests).toBe(0);
  });

  it('its account needs reconnecting: failed with the advice, with no platform call', async () => {
    const e = await start();
    const account = await addAccount(e, 'facebook');
    const later = await e.api.invoke('posts:create', {
      text: 'Second',
      targets: [{ accountId: account.id }],
      mode: 'schedule',
      scheduledAt: inMs(2000),
    });
    feed.failNext({ kind: 'unauthorized' });
    await e.api.invoke('posts:create', { text: 'First', targets: [{ accountId: account.id }], mode: 'now' });
    await waitFor(
      () => e.api.invoke('accounts:list', {}),
      (accounts) => accounts.some((a) => a.id === account.id && a.status === 'needs_reconnect'),
    );
    const failed = await waitFor(
      () => postOf(e, later.id),
      (p) => p.status === 'failed',
    );
    expect(failed.targets[0]?.errorMessage).toMatch(/reconnect/i);
    expect(feed.createRequests).toBe(1);
  });

  it('its token unreadable on this machine: failed, saying the credential store failed (not the account), with no platform call', async () => {
    const e = await start();
    const account = await addAccount(e, 'facebook');
    const post = await e.api.invoke('posts:create', {
      text: 'Locked out',
      targets: [{ accountId: account.id }],
      mode: 'schedule',
      scheduledAt: inMs(1500),
    });
    const side = await behindTheEnginesBack();
    const { access_token_enc: sealed } = await side.db
      .selectFrom('social_accounts')
      .select('access_token_enc')
      .where('id', '=', account.id)
      .executeTakeFirstOrThrow();
    // The last character changed: the ciphertext no longer authenticates.
    const damaged = sealed.slice(0, -2) + (sealed.at(-2) === 'A' ? 'B' : 'A') + sealed.slice(-1);
    await side.db.updateTable('social_accounts').set({ access_token_enc: damaged }).where('id', '=', account.id).execute();
    const failed = await waitFor(
      () => postOf(e, post.id),
      (p) => p.status === 'failed',
    );
    expect(failed.targets[0]?.errorMessage).toMatch(/^The credential store is locked or missing: .*Nothing was sent to the platform\.$/);
    // The engine's own store failed, not the account: it is not sent to reconnect.
    expect((await e.api.invoke('accounts:list', {})).find((a) => a.id === account.id)?.status).toBe('connected');
    expect(feed.createRequests).toBe(0);
  });
});

describe('edits the post can no longer take', () => {
  it('a post being published right now is not changed, cancelled or deleted, and the publish goes out as it was', async () => {
    feed.failNext({ kind: 'slow', ms: 1500 });
    const e = await start();
    const account = await addAccount(e, 'facebook');
    const post = await e.api.invoke('posts:create', { text: 'As written', targets: [{ accountId: account.id }], mode: 'now' });
    await waitFor(
      () => feed.createRequests,
      (n) => n === 1,
    );
    await expect(e.api.invoke('posts:save', { id: post.id, text: 'Rewritten' })).rejects.toMatchObject({
      code: 'conflict',
      message: 'This post is being published right now; change it when it has finished.',
    });
    await expect(e.api.invoke('publishing:cancel', { id: post.id })).rejects.toMatchObject({
      code: 'conflict',
      message: 'This post is being published right now; it can no longer be cancelled.',
    });
    await expect(e.api.invoke('posts:delete', { id: post.id })).rejects.toMatchObject({
      code: 'conflict',
      message: 'This post is being published right now; delete it when it has finished.',
    });
    const done = await waitFor(
      () => postOf(e, post.id),
      (p) => p.status === 'published',
    );
    expect(done.text).toBe('As written');
    expect(feed.posts.map((p) => p.text)).toEqual(['As written']);
  });

  it('a post already live on one account is not edited, and retrying the other sends what went live', async () => {
    const other = await new FeedServer().start();
    try {
      const e = await startTestEngine({
        dataDir,
        publishers: { facebook: new FeedPublisher('facebook', feed.origin), linkedin: new FeedPublisher('linkedin', other.origin) },
      });
      engines.push(e);
      other.failNext({ kind: 'invalid' });
      const a = await addAccount(e, 'facebook');
      const b = await addAccount(e, 'linkedin');
      const post = await e.api.invoke('posts:create', {
        text: 'Same words everywhere',
        targets: [{ accountId: a.id }, { accountId: b.id }],
        mode: 'now',
      });
      await waitFor(
        () => postOf(e, post.id),
        (p) => p.status === 'failed',
      );
      await expect(e.api.invoke('posts:save', { id: post.id, text: 'Different words' })).rejects.toMatchObject({
        code: 'conflict',
        message: 'Part of this post is already live (or may be); it cannot be edited.',
      });
      expect((await postOf(e, post.id)).text).toBe('Same words everywhere');
      await e.api.invoke('publishing:retry', { id: post.id });
      await waitFor(
        () => postOf(e, post.id),
        (p) => p.status === 'published',
      );
      expect(other.posts.map((p) => p.text)).toEqual(['Same words everywhere']);
    } finally {
      await other.close();
    }
  });
});
