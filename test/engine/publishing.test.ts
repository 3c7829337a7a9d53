// The publish-posts queue end to end: real redis-server, real SQLite file, real HTTP to a fake platform.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine';
import { FeedPublisher } from '../fakes/feed/feed-publisher';
import { FeedServer } from '../fakes/feed/feed-server';
import { addAccount, makeDataDir, removeDataDir, startTestEngine } from '../helpers/test-engine';
import { sleep, waitFor } from '../helpers/wait-for';

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

async function start(extra: Parameters<typeof startTestEngine>[0]['queue'] = {}): Promise<Engine> {
  engine = await startTestEngine({ dataDir, publishers: { facebook: new FeedPublisher('facebook', feed.origin) }, queue: extra });
  return engine;
}

const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();

const postOf = (e: Engine, id: string) => e.api.invoke('posts:get', { id });

describe('publishing', () => {
  it('publishes a scheduled post at its time, once, with the platform id and link', async () => {
    const e = await start();
    const account = await addAccount(e, 'facebook');
    const dueAt = Date.now() + 1500;
    const post = await e.api.invoke('posts:create', {
      text: 'Good morning',
      targets: [{ accountId: account.id }],
      mode: 'schedule',
      scheduledAt: new Date(dueAt).toISOString(),
    });
    expect(post.status).toBe('scheduled');
    expect((await e.api.invoke('queue:stats', {})).counts.delayed).toBe(1);
    await sleep(500);
    expect(feed.posts).toHaveLength(0);

    const done = await waitFor(
      () => postOf(e, post.id),
      (p) => p.status === 'published',
    );
    expect(feed.posts).toHaveLength(1);
    expect(feed.posts[0]?.createdAt).toBeGreaterThanOrEqual(dueAt);
    const target = done.targets[0];
    expect(target?.status).toBe('published');
    expect(target?.platformPostId).toBe(feed.posts[0]?.id);
    expect(target?.platformPostUrl).toBe(`${feed.origin}/p/${feed.posts[0]?.id}`);
  });

  it('publishes now', async () => {
    const e = await start();
    const account = await addAccount(e, 'facebook');
    const post = await e.api.invoke('posts:create', { text: 'Right now', targets: [{ accountId: account.id }], mode: 'now' });
    await waitFor(
      () => postOf(e, post.id),
      (p) => p.status === 'published',
    );
    expect(feed.posts.map((p) => p.text)).toEqual(['Right now']);
  });

  it('keeps a draft with no account and no time, and asks for an account only to schedule or publish it', async () => {
    const e = await start();
    const draft = await e.api.invoke('posts:save', { text: 'An idea for spring', targets: [], mode: 'draft' });
    expect(draft).toMatchObject({ status: 'draft', scheduledAt: null, targets: [] });
    expect((await postOf(e, draft.id)).text).toBe('An idea for spring');
    await expect(e.api.invoke('posts:save', { text: 'No one to send it to', targets: [], mode: 'now' })).rejects.toMatchObject({
      code: 'validation',
      field: 'targets',
    });
    await expect(e.api.invoke('posts:save', { id: draft.id, mode: 'schedule', scheduledAt: inMs(60_000) })).rejects.toMatchObject({
      code: 'validation',
      field: 'targets',
    });
    await expect(e.api.invoke('publishing:publishNow', { id: draft.id })).rejects.toMatchObject({ code: 'validation', field: 'targets' });
    const unchanged = await postOf(e, draft.id);
    expect(unchanged).toMatchObject({ status: 'draft', scheduledAt: null, targets: [] });
    expect((await e.api.invoke('queue:stats', {})).counts.delayed).toBe(0);

    const account = await addAccount(e, 'facebook');
    const scheduled = await e.api.invoke('posts:save', {
      id: draft.id,
      targets: [{ accountId: account.id }],
      mode: 'schedule',
      scheduledAt: inMs(60_000),
    });
    expect(scheduled).toMatchObject({ status: 'scheduled', targets: [{ accountId: account.id, status: 'pending' }] });
    expect((await e.api.invoke('queue:stats', {})).counts.delayed).toBe(1);
  });

  it('cancel before the time makes no platform call', async () => {
    const e = await start();
    const account = await addAccount(e, 'facebook');
    const post = await e.api.invoke('posts:create', {
      text: 'Never mind',
      targets: [{ accountId: account.id }],
      mode: 'schedule',
      scheduledAt: inMs(1200),
    });
    const cancelled = await e.api.invoke('publishing:cancel', { id: post.id });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.targets[0]?.status).toBe('cancelled');
    expect((await e.api.invoke('queue:stats', {})).counts.delayed).toBe(0);
    await sleep(2000);
    expect(feed.createRequests).toBe(0);
  });

  it('reschedule moves the job', async () => {
    const e = await start();
    const account = await addAccount(e, 'facebook');
    const post = await e.api.invoke('posts:create', {
      text: 'Moved',
      targets: [{ accountId: account.id }],
      mode: 'schedule',
      scheduledAt: inMs(60_000),
    });
    const newTime = Date.now() + 1000;
    const moved = await e.api.invoke('publishing:reschedule', { id: post.id, scheduledAt: new Date(newTime).toISOString() });
    expect(moved.scheduledAt).toBe(new Date(newTime).toISOString());
    expect((await e.api.invoke('queue:stats', {})).counts.delayed).toBe(1);
    await waitFor(
      () => postOf(e, post.id),
      (p) => p.status === 'published',
    );
    expect(feed.posts).toHaveLength(1);
    expect(feed.posts[0]?.createdAt).toBeGreaterThanOrEqual(newTime);
  });

  it('editing the time of a scheduled post moves it too', async () => {
    const e = await start();
    const account = await addAccount(e, 'facebook');
    const post = await e.api.invoke('posts:create', {
      text: 'Edited',
      targets: [{ accountId: account.id }],
      mode: 'schedule',
      scheduledAt: inMs(60_000),
    });
    await e.api.invoke('posts:save', { id: post.id, text: 'Edited twice', scheduledAt: inMs(800) });
    await waitFor(
      () => postOf(e, post.id),
      (p) => p.status === 'published',
    );
    expect(feed.posts.map((p) => p.text)).toEqual(['Edited twice']);
    expect((await e.api.invoke('queue:stats', {})).counts.delayed).toBe(0);
  });

  it('retries a retryable error with backoff, then succeeds', async () => {
    const e = await start();
    feed.failNext({ kind: 'unavailable' }, { kind: 'unavailable' });
    const account = await addAccount(e, 'facebook');
    const post = await e.api.invoke('posts:create', { text: 'Third time lucky', targets: [{ accountId: account.id }], mode: 'now' });
    const done = await waitFor(
      () => postOf(e, post.id),
      (p) => p.status === 'published',
    );
    expect(feed.createRequests).toBe(3);
    expect(feed.posts).toHaveLength(1);
    expect(done.targets[0]?.attemptCount).toBe(3);
  });

  it('gives up after the configured attempts with the last error shown', async () => {
    const e = await start();
    feed.failNext({ kind: 'unavailable' }, { kind: 'unavailable' }, { kind: 'unavailable' });
    const account = await addAccount(e, 'facebook');
    const post = await e.api.invoke('posts:create', { text: 'Unlucky', targets: [{ accountId: account.id }], mode: 'now' });
    const done = await waitFor(
      () => postOf(e, post.id),
      (p) => p.status === 'failed',
    );
    expect(feed.createRequests).toBe(3);
    expect(done.targets[0]?.errorMessage).toMatch(/briefly unavailable.*gave up after 3 tries/);
  });

  it('fails a permanent error at once, without retrying', async () => {
    const e = await start();
    feed.failNext({ kind: 'invalid' });
    const account = await addAccount(e, 'facebook');
    const post = await e.api.invoke('posts:create', { text: 'Rejected', targets: [{ accountId: account.id }], mode: 'now' });
    const done = await waitFor(
      () => postOf(e, post.id),
      (p) => p.status === 'failed',
    );
    await sleep(600);
    expect(feed.createRequests).toBe(1);
    expect(done.targets[0]?.errorMessage).toContain('text is not allowed');
    const failed = await e.api.invoke('queue:failed', {});
    expect(failed[0]?.reason).toContain('text is not allowed');
  });

  it('an auth failure marks the account needs_reconnect, and retry after reconnect publishes', async () => {
    const e = await start();
    feed.failNext({ kind: 'unauthorized' });
    const account = await addAccount(e, 'facebook');
    const post = await e.api.invoke('posts:create', { text: 'Token expired', targets: [{ accountId: account.id }], mode: 'now' });
    await waitFor(
      () => postOf(e, post.id),
      (p) => p.status === 'failed',
    );
    const [listed] = await e.api.invoke('accounts:list', {});
    expect(listed?.status).toBe('needs_reconnect');
    await expect(e.api.invoke('publishing:retry', { id: post.id })).rejects.toMatchObject({ code: 'conflict' });
    await e.api.invoke('accounts:update', { id: account.id, accessToken: 'feed-token' });
    await e.api.invoke('publishing:retry', { id: post.id });
    await waitFor(
      () => postOf(e, post.id),
      (p) => p.status === 'published',
    );
    expect(feed.posts).toHaveLength(1);
  });

  it('a rate limit waits until the reset without spending an attempt: nothing reaches the platform before it, the next try right after', async () => {
    const e = await start({ attempts: 1 });
    feed.failNext({ kind: 'rate-limit', resetInSeconds: 2 });
    const account = await addAccount(e, 'facebook');
    const post = await e.api.invoke('posts:create', { text: 'Slow down', targets: [{ accountId: account.id }], mode: 'now' });
    const waiting = await waitFor(
      () => postOf(e, post.id),
      (p) => p.targets[0]?.errorMessage?.includes('Waiting until') ?? false,
    );
    expect(waiting.targets[0]?.status).toBe('pending');
    expect(waiting.targets[0]?.errorMessage).toContain(`Waiting until ${new Date(feed.limitedUntil).toISOString()}`);
    await waitFor(
      () => postOf(e, post.id),
      (p) => p.status === 'published',
    );
    // One refused try, then one at the reset: an earlier one would have met a 429 (and been counted here).
    const [refused, next] = feed.createTimes;
    expect(feed.createTimes).toHaveLength(2);
    expect(refused).toBeLessThan(feed.limitedUntil);
    expect(next).toBeGreaterThanOrEqual(feed.limitedUntil);
    // Right after the reset, not a backoff or a stalled-job check later (generous for a loaded machine).
    expect((next ?? 0) - feed.limitedUntil).toBeLessThan(5_000);
    expect(feed.posts).toHaveLength(1);
  });

  it('one target failing fails the post while the other stays published; retry repairs only the failed one', async () => {
    const other = await new FeedServer().start();
    try {
      engine = await startTestEngine({
        dataDir,
        publishers: { facebook: new FeedPublisher('facebook', feed.origin), linkedin: new FeedPublisher('linkedin', other.origin) },
      });
      const e = engine;
      other.failNext({ kind: 'invalid' });
      const a = await addAccount(e, 'facebook');
      const b = await addAccount(e, 'linkedin');
      const post = await e.api.invoke('posts:create', { text: 'Two places', targets: [{ accountId: a.id }, { accountId: b.id }], mode: 'now' });
      const failed = await waitFor(
        () => postOf(e, post.id),
        (p) => p.status === 'failed',
      );
      expect(failed.targets.map((t) => [t.platform, t.status])).toEqual([
        ['facebook', 'published'],
        ['linkedin', 'failed'],
      ]);
      const linkedin = failed.targets[1];
      await e.api.invoke('publishing:retry', { id: post.id, targetId: linkedin?.id ?? '' });
      const done = await waitFor(
        () => postOf(e, post.id),
        (p) => p.status === 'published',
      );
      expect(done.targets.every((t) => t.status === 'published')).toBe(true);
      expect(feed.posts).toHaveLength(1);
      expect(other.posts).toHaveLength(1);
    } finally {
      await other.close();
    }
  });

  it('a 5xx on create is settled by asking the platform: found means published, with no second post', async () => {
    const e = await start();
    feed.failNext({ kind: 'drop-after-create' });
    const account = await addAccount(e, 'facebook');
    const post = await e.api.invoke('posts:create', { text: 'Did it go out?', targets: [{ accountId: account.id }], mode: 'now' });
    const done = await waitFor(
      () => postOf(e, post.id),
      (p) => p.status === 'published',
    );
    await sleep(500);
    expect(feed.createRequests).toBe(1);
    expect(feed.posts).toHaveLength(1);
    expect(done.targets[0]?.platformPostId).toBe(feed.posts[0]?.id);
  });

  it('a 5xx whose post is absent is retried', async () => {
    const e = await start();
    feed.failNext({ kind: 'server-error' });
    const account = await addAccount(e, 'facebook');
    const post = await e.api.invoke('posts:create', { text: 'Try again', targets: [{ accountId: account.id }], mode: 'now' });
    await waitFor(
      () => postOf(e, post.id),
      (p) => p.status === 'published',
    );
    expect(feed.createRequests).toBe(2);
    expect(feed.posts).toHaveLength(1);
  });

  it('a frozen worker whose lock expires does not post twice, though the re-run arrives while the first is in flight', async () => {
    const inner = new FeedPublisher('facebook', feed.origin);
    const frozen = {
      platform: 'facebook' as const,
      publish: async (...args: Parameters<FeedPublisher['publish']>) => {
        // Blocks the whole event loop, as a closed laptop lid does: no lock renewal, the lock expires.
        const until = Date.now() + 2000;
        while (Date.now() < until);
        return inner.publish(...args);
      },
      findExisting: (...args: Parameters<FeedPublisher['findExisting']>) => inner.findExisting(...args),
      readProfile: inner.readProfile.bind(inner),
    };
    // As in life, the platform works a while (an upload, a transcode) before the post exists: the stalled job comes
    // back while the first run still waits, and asking the platform then would find nothing and post again.
    feed.failNext({ kind: 'slow', ms: 5000 });
    engine = await startTestEngine({ dataDir, publishers: { facebook: frozen }, queue: { lockDurationMs: 1000, stalledIntervalMs: 500 } });
    const e = engine;
    const account = await addAccount(e, 'facebook');
    const post = await e.api.invoke('posts:create', { text: 'Lid closed', targets: [{ accountId: account.id }], mode: 'now' });
    await waitFor(
      () => postOf(e, post.id),
      (p) => p.status === 'published',
      20_000,
    );
    await sleep(3000);
    expect(feed.posts).toHaveLength(1);
    expect(inner.calls).toBe(1);
    const done = await postOf(e, post.id);
    expect(done.targets[0]?.status).toBe('published');
    expect(done.targets[0]?.platformPostId).toBe(feed.posts[0]?.id);
  });

  it('deleting a scheduled post removes its job', async () => {
    const e = await start();
    const account = await addAccount(e, 'facebook');
    const post = await e.api.invoke('posts:create', {
      text: 'Gone',
      targets: [{ accountId: account.id }],
      mode: 'schedule',
      scheduledAt: inMs(1000),
    });
    await e.api.invoke('posts:delete', { id: post.id });
    expect((await e.api.invoke('queue:stats', {})).counts.delayed).toBe(0);
    await sleep(1500);
    expect(feed.createRequests).toBe(0);
    await expect(postOf(e, post.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('an outcome the platform cannot confirm becomes unknown; the user checks and chooses', async () => {
    const inner = new FeedPublisher('facebook', feed.origin);
    const blind = { platform: 'facebook' as const, publish: inner.publish.bind(inner), readProfile: inner.readProfile.bind(inner) };
    engine = await startTestEngine({ dataDir, publishers: { facebook: blind } });
    const e = engine;
    feed.failNext({ kind: 'drop-after-create' }, { kind: 'drop-after-create' });
    const account = await addAccount(e, 'facebook');
    const first = await e.api.invoke('posts:create', { text: 'Is it live?', targets: [{ accountId: account.id }], mode: 'now' });
    const unknown = await waitFor(
      () => postOf(e, first.id),
      (p) => p.targets[0]?.status === 'unknown',
    );
    expect(unknown.targets[0]?.errorMessage).toMatch(/did not confirm whether the post went live.*Check the "facebook account" account/);
    expect(feed.createRequests).toBe(1);

    const confirmed = await e.api.invoke('publishing:resolveUnknown', {
      targetId: unknown.targets[0]?.id ?? '',
      outcome: 'published',
      platformPostUrl: `${feed.origin}/p/1000`,
    });
    expect(confirmed.status).toBe('published');
    expect(confirmed.targets[0]?.platformPostUrl).toBe(`${feed.origin}/p/1000`);

    const second = await e.api.invoke('posts:create', { text: 'Is this one live?', targets: [{ accountId: account.id }], mode: 'now' });
    const unsure = await waitFor(
      () => postOf(e, second.id),
      (p) => p.targets[0]?.status === 'unknown',
    );
    // "Retry failed" never re-posts a target that may be live; only the user's explicit choice does.
    await expect(e.api.invoke('publishing:retry', { id: second.id })).rejects.toMatchObject({ code: 'conflict' });
    await e.api.invoke('publishing:resolveUnknown', { targetId: unsure.targets[0]?.id ?? '', outcome: 'retry' });
    await waitFor(
      () => postOf(e, second.id),
      (p) => p.status === 'published',
    );
    expect(feed.posts.filter((p) => p.text === 'Is this one live?')).toHaveLength(2);
  });

  it('stores tokens encrypted and never returns them', async () => {
    const e = await start();
    const account = await e.api.invoke('accounts:add', {
      platform: 'facebook',
      name: 'Secret',
      accessToken: feed.token,
      refreshToken: 'refresh-me',
    });
    expect(JSON.stringify(account)).not.toContain(feed.token);
    const { default: BetterSqlite3 } = await import('better-sqlite3');
    const raw = new BetterSqlite3(`${dataDir}/publishing-engine.sqlite`, { readonly: true });
    const row = raw.prepare('select access_token_enc, refresh_token_enc from social_accounts').get() as Record<string, string>;
    raw.close();
    expect(row.access_token_enc).toMatch(/^data-key-v1\$/);
    expect(JSON.stringify(row)).not.toContain(feed.token);
    expect(JSON.stringify(row)).not.toContain('refresh-me');
  });

  it('tells clients the states of a post in order: the last post:changed is the final state', async () => {
    const e = await start();
    const account = await addAccount(e, 'facebook');
    const last = new Map<string, string>();
    e.events.on('post:changed', ({ post }) => last.set(post.id, post.status));
    for (let i = 0; i < 5; i += 1) {
      feed.failNext({ kind: 'invalid' });
      const post = await e.api.invoke('posts:create', { text: `Order ${i}`, targets: [{ accountId: account.id }], mode: 'now' });
      await waitFor(
        () => postOf(e, post.id),
        (p) => p.status === 'failed',
      );
      await e.api.invoke('publishing:retry', { id: post.id });
      await waitFor(
        () => postOf(e, post.id),
        (p) => p.status === 'published',
      );
      await sleep(100);
      expect(last.get(post.id)).toBe('published');
    }
  });
});
