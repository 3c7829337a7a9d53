// Adding an account with a pasted token asks the platform whose token it is before anything is stored: a refused
// token, a token of another account or an account already connected change nothing, and only a token the platform
// confirmed shows as checked. When the platform cannot be reached the account is kept, shown unchecked, and
// "Check again" confirms it once the platform answers. Real engine, SQLite and Redis; the feed platform over HTTP.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine';
import { openDatabase, type OpenedDatabase } from '../../electron/engine/db/database';
import { databaseFile } from '../../electron/engine/paths';
import { FeedPublisher } from '../fakes/feed/feed-publisher';
import { FEED_ACCOUNT, FeedServer } from '../fakes/feed/feed-server';
import { makeDataDir, removeDataDir, startTestEngine } from '../helpers/test-engine';

let feed: FeedServer;
let dataDir: string;
let engine: Engine;
let sideDb: OpenedDatabase | undefined;

beforeEach(async () => {
  feed = await new FeedServer().start();
  dataDir = makeDataDir();
  engine = await startTestEngine({ dataDir, publishers: { facebook: new FeedPublisher('facebook', feed.origin) } });
});

afterEach(async () => {
  await engine.stop();
  await sideDb?.close();
  sideDb = undefined;
  await feed.close();
  removeDataDir(dataDir);
});

const list = () => engine.api.invoke('accounts:list', {});

/** The stored rows, read behind the engine's back. */
async function storedRows() {
  sideDb ??= await openDatabase(databaseFile(dataDir));
  return sideDb.db.selectFrom('social_accounts').selectAll().execute();
}

describe('adding an account with a pasted token', () => {
  it('a token the platform confirmed is stored sealed, connected and checked, with the id the platform gave', async () => {
    const before = Date.now();
    const added = await engine.api.invoke('accounts:add', { platform: 'facebook', name: 'Bakery', accessToken: feed.token });

    expect(added).toMatchObject({ status: 'connected', externalId: FEED_ACCOUNT.id, problem: null, connection: 'token' });
    expect(Date.parse(added.verifiedAt ?? '')).toBeGreaterThanOrEqual(before);
    expect(JSON.stringify(added)).not.toContain(feed.token);
    expect(await list()).toEqual([added]);
    const [row] = await storedRows();
    expect(row?.access_token_enc).toMatch(/^data-key-v1\$/);
    expect(row?.access_token_enc).not.toContain(feed.token);
  });

  it('a token the platform refuses is refused, naming the token, and nothing is stored', async () => {
    const refused = engine.api.invoke('accounts:add', { platform: 'facebook', name: 'Made up', accessToken: 'not-a-real-token' });

    await expect(refused).rejects.toMatchObject({ code: 'validation', field: 'accessToken', message: expect.stringMatching(/did not accept it/) });
    expect(await list()).toEqual([]);
    expect(await storedRows()).toEqual([]);
  });

  it('a token of another account than the id given is refused, naming the id, and nothing is stored', async () => {
    const other = engine.api.invoke('accounts:add', { platform: 'facebook', name: 'Other page', accessToken: feed.token, externalId: '2000002' });

    await expect(other).rejects.toMatchObject({
      code: 'validation',
      field: 'externalId',
      message: expect.stringContaining(`belongs to ${FEED_ACCOUNT.name}`),
    });
    expect(await list()).toEqual([]);
  });

  it('the same account added twice is refused the second time: one account, never two', async () => {
    const first = await engine.api.invoke('accounts:add', { platform: 'facebook', name: 'Bakery', accessToken: feed.token });
    const again = engine.api.invoke('accounts:add', { platform: 'facebook', name: 'Bakery again', accessToken: feed.token });

    await expect(again).rejects.toMatchObject({
      code: 'conflict',
      field: 'accessToken',
      message: expect.stringContaining('already connected as “Bakery”'),
    });
    expect(await list()).toEqual([first]);
  });

  it('a platform that cannot be reached keeps the account unchecked; Check again confirms it once the platform answers', async () => {
    const port = Number(new URL(feed.origin).port);
    await feed.close();
    const added = await engine.api.invoke('accounts:add', {
      platform: 'facebook',
      name: 'Bakery',
      accessToken: feed.token,
      externalId: FEED_ACCOUNT.id,
    });

    expect(added).toMatchObject({ status: 'connected', verifiedAt: null, problem: { kind: 'unverified' } });
    // Added again while the platform is still away: refused by the id given, with no profile to name it by.
    await expect(
      engine.api.invoke('accounts:add', { platform: 'facebook', name: 'Bakery again', accessToken: feed.token, externalId: FEED_ACCOUNT.id }),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: `${FEED_ACCOUNT.id} is already connected as “Bakery”. Reconnect that account instead of adding it again.`,
    });
    // Still unreachable: Check again says so and changes nothing.
    await expect(engine.api.invoke('accounts:verify', { id: added.id })).rejects.toMatchObject({ code: 'platform_unavailable' });
    expect(await list()).toEqual([added]);

    feed = await new FeedServer().start(port);
    const checked = await engine.api.invoke('accounts:verify', { id: added.id });
    expect(checked).toMatchObject({ status: 'connected', externalId: FEED_ACCOUNT.id, problem: null });
    expect(checked.verifiedAt).not.toBeNull();
    expect(await list()).toEqual([checked]);
  });
});

describe('an add sent again with its idempotency key', () => {
  it('answers with the account the first one added, after the platform already knows it', async () => {
    const request = { platform: 'facebook' as const, name: 'Bakery', accessToken: feed.token, idempotencyKey: 'add-the-bakery-once' };
    const first = await engine.api.invoke('accounts:add', request);

    // The answer was lost and the client sends it again: the same account, not "already connected".
    expect(await engine.api.invoke('accounts:add', request)).toEqual(first);
    expect(await list()).toEqual([first]);
  });

  it('sent again after its account was removed, says so instead of adding it back', async () => {
    const request = { platform: 'facebook' as const, name: 'Bakery', accessToken: feed.token, idempotencyKey: 'add-the-bakery-gone' };
    const first = await engine.api.invoke('accounts:add', request);
    await engine.api.invoke('accounts:remove', { id: first.id, confirmed: true });

    await expect(engine.api.invoke('accounts:add', request)).rejects.toMatchObject({ code: 'conflict', field: 'idempotencyKey' });
    expect(await list()).toEqual([]);
  });

  it('sent twice at once (a double click, a client retry while the first is checked), it adds one account', async () => {
    const request = { platform: 'facebook' as const, name: 'Bakery', accessToken: feed.token, idempotencyKey: 'add-bakery-twice' };
    const [one, two] = await Promise.all([engine.api.invoke('accounts:add', request), engine.api.invoke('accounts:add', request)]);

    expect(two).toEqual(one);
    expect(await list()).toEqual([one]);
    expect(await storedRows()).toHaveLength(1);
  });
});

describe('a new token for an account', () => {
  it('a refused token changes nothing: the account keeps its working token and its state', async () => {
    const added = await engine.api.invoke('accounts:add', { platform: 'facebook', name: 'Bakery', accessToken: feed.token });
    const [sealed] = await storedRows();

    await expect(engine.api.invoke('accounts:update', { id: added.id, accessToken: 'a-wrong-paste' })).rejects.toMatchObject({
      code: 'validation',
      field: 'accessToken',
    });
    expect(await list()).toEqual([added]);
    expect((await storedRows())[0]?.access_token_enc).toBe(sealed?.access_token_enc);
  });
});
