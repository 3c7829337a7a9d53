// What a user may still do with a post once its publishing has settled: a post that failed everywhere or was
// cancelled can be corrected and sent again; a post that went live, failed, was cancelled or could not be confirmed
// can be removed from the app (what is live stays live). Real engine, Redis and SQLite; the feed platform over HTTP.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PostView } from '../../shared/domain';
import type { Engine } from '../../electron/engine/engine';
import { FeedPublisher } from '../fakes/feed/feed-publisher';
import { FeedServer } from '../fakes/feed/feed-server';
import { addAccount, makeDataDir, removeDataDir, startTestEngine } from '../helpers/test-engine';

let feed: FeedServer;
let dataDir: string;
let engine: Engine | undefined;

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

/** `blind`: a publisher that cannot look a post up, so a lost answer leaves the outcome unknown. */
async function start(blind = false): Promise<Engine> {
  const inner = new FeedPublisher('facebook', feed.origin);
  const publisher = blind ? { platform: 'facebook' as const, publish: inner.publish.bind(inner), readProfile: inner.readProfile.bind(inner) } : inner;
  engine = await startTestEngine({ dataDir, publishers: { facebook: publisher } });
  return engine;
}

/** The post once the engine announces that `accept` holds for it. */
function settled(e: Engine, postId: string, accept: (post: PostView) => boolean): Promise<PostView> {
  return new Promise((resolve) => {
    const off = e.events.on('post:changed', ({ post }) => {
      if (post.id !== postId || !accept(post)) return;
      off();
      resolve(post);
    });
  });
}

const isSettled = (post: PostView): boolean => ['published', 'failed', 'unknown'].includes(post.targets[0]?.status ?? '');

async function publishNow(e: Engine, accountId: string, text: string): Promise<{ post: PostView; done: Promise<PostView> }> {
  let id = '';
  const pending: { resolve?: (post: PostView) => void } = {};
  const done = new Promise<PostView>((resolve) => (pending.resolve = resolve));
  const off = e.events.on('post:changed', ({ post }) => {
    if (post.id !== id || !isSettled(post)) return;
    off();
    pending.resolve?.(post);
  });
  const post = await e.api.invoke('posts:create', { text, targets: [{ accountId }], mode: 'now' });
  id = post.id;
  // Settled before the answer came back: read it as stored.
  const now = await e.api.invoke('posts:get', { id });
  if (isSettled(now)) {
    off();
    return { post, done: Promise.resolve(now) };
  }
  return { post, done };
}

describe('a settled post', () => {
  it('that failed everywhere can be corrected and sent again, and the corrected text goes out', async () => {
    const e = await start();
    const account = await addAccount(e, 'facebook');
    feed.failNext({ kind: 'invalid' });
    const { post, done } = await publishNow(e, account.id, 'Bad wording');
    expect((await done).status).toBe('failed');

    const published = settled(e, post.id, (p) => p.status === 'published');
    const corrected = await e.api.invoke('posts:save', { id: post.id, text: 'Better wording', mode: 'now' });
    expect(corrected.text).toBe('Better wording');
    await published;
    expect(feed.posts.map((p) => p.text)).toEqual(['Better wording']);
  });

  it('that was cancelled can be edited, and publishes the edit when sent', async () => {
    const e = await start();
    const account = await addAccount(e, 'facebook');
    const post = await e.api.invoke('posts:create', {
      text: 'Maybe later',
      targets: [{ accountId: account.id }],
      mode: 'schedule',
      scheduledAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const cancelled = await e.api.invoke('publishing:cancel', { id: post.id });
    expect(cancelled.targets[0]?.status).toBe('cancelled');

    const published = settled(e, post.id, (p) => p.status === 'published');
    const edited = await e.api.invoke('posts:save', { id: post.id, text: 'Now, after all', mode: 'now' });
    expect(edited.text).toBe('Now, after all');
    await published;
    expect(feed.posts.map((p) => p.text)).toEqual(['Now, after all']);
  });

  it('can be deleted from the app when published, failed or cancelled; what went live stays live', async () => {
    const e = await start();
    const account = await addAccount(e, 'facebook');
    const live = await publishNow(e, account.id, 'Live');
    expect((await live.done).status).toBe('published');
    feed.failNext({ kind: 'invalid' });
    const failed = await publishNow(e, account.id, 'Refused');
    expect((await failed.done).status).toBe('failed');
    const cancelled = await e.api.invoke('posts:create', {
      text: 'Called off',
      targets: [{ accountId: account.id }],
      mode: 'schedule',
      scheduledAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    await e.api.invoke('publishing:cancel', { id: cancelled.id });

    for (const id of [live.post.id, failed.post.id, cancelled.id]) {
      expect(await e.api.invoke('posts:delete', { id })).toEqual({ id });
      await expect(e.api.invoke('posts:get', { id })).rejects.toMatchObject({ code: 'not_found' });
    }
    expect(feed.posts.map((p) => p.text)).toEqual(['Live']);
  });

  it('can be deleted from the app when its outcome could not be confirmed', async () => {
    const e = await start(true);
    const account = await addAccount(e, 'facebook');
    feed.failNext({ kind: 'drop-after-create' }, { kind: 'drop-after-create' });
    const { post, done } = await publishNow(e, account.id, 'Is it live?');
    expect((await done).targets[0]?.status).toBe('unknown');
    expect(await e.api.invoke('posts:delete', { id: post.id })).toEqual({ id: post.id });
    await expect(e.api.invoke('posts:get', { id: post.id })).rejects.toMatchObject({ code: 'not_found' });
  });
});
