// A credential store that cannot give its key, on a real engine: the engine still starts and says why; a publish
// fails with the store's own message and nothing is sent; the account is not marked for reconnecting, because
// signing in again would not help. Once the keychain answers again, the same tokens work.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine';
import { FeedPublisher } from '../fakes/feed/feed-publisher';
import { FeedServer } from '../fakes/feed/feed-server';
import { MemoryKeychain } from '../helpers/memory-keychain';
import { addAccount, makeDataDir, removeDataDir, startTestEngine } from '../helpers/test-engine';
import { waitFor } from '../helpers/wait-for';

let feed: FeedServer;
let dataDir: string;
let engine: Engine | undefined;
const keychain = new MemoryKeychain();

beforeEach(async () => {
  feed = await new FeedServer().start();
  dataDir = makeDataDir();
});

afterEach(async () => {
  await engine?.stop();
  engine = undefined;
  await feed.close();
  removeDataDir(dataDir);
});

const start = async () => {
  engine = await startTestEngine({ dataDir, keychain, publishers: { facebook: new FeedPublisher('facebook', feed.origin) } });
  return engine;
};

it('reports a locked keychain as an engine problem, never as an account that needs reconnecting', async () => {
  const first = await start();
  const account = await addAccount(first, 'facebook');
  expect(await first.api.invoke('credentials:status', {})).toMatchObject({ kind: 'keychain', state: 'ready' });
  await first.stop();

  keychain.reachable = false;
  const e = await start();
  expect(await e.api.invoke('credentials:status', {})).toMatchObject({
    kind: 'keychain',
    state: 'locked',
    problem: expect.stringContaining('the test keychain cannot be read'),
  });
  const post = await e.api.invoke('posts:create', { text: 'Locked out', targets: [{ accountId: account.id }], mode: 'now' });
  const failed = await waitFor(
    () => e.api.invoke('posts:get', { id: post.id }),
    (p) => p.status === 'failed',
  );
  expect(failed.targets[0]?.errorMessage).toMatch(
    /^The credential store is locked or missing: the test keychain cannot be read .*Nothing was sent to the platform\./,
  );
  expect(feed.createRequests).toBe(0);
  const [stored] = await e.api.invoke('accounts:list', {});
  expect(stored).toMatchObject({ status: 'connected', statusMessage: null });
  // Nothing new can be sealed either, and the answer says why.
  await expect(e.api.invoke('accounts:add', { platform: 'facebook', accessToken: feed.token })).rejects.toMatchObject({
    message: expect.stringContaining('The credential store is locked or missing'),
  });

  keychain.reachable = true;
  expect(await e.api.invoke('credentials:status', {})).toMatchObject({ state: 'ready' });
  await e.api.invoke('publishing:retry', { id: post.id });
  await waitFor(
    () => e.api.invoke('posts:get', { id: post.id }),
    (p) => p.status === 'published',
  );
  expect(feed.posts).toHaveLength(1);
});
