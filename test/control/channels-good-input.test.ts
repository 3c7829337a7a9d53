// Every channel through the real socket with good input, against a real engine: what each answers, and that
// the database and the queue follow. Platform APIs point at a server on 127.0.0.1 that is briefly unavailable to
// reads (HTTP 503: an account's profile cannot be checked now, so it is added as given) and refuses every post with
// HTTP 400, so publishing fails for good (a closed port would be a lost network, which waits instead of failing).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ControlClient } from '../../electron/engine/control/control-client';
import type { PostView } from '../../shared/domain';
import { inDays, startTestEngine, type TestEngine } from './engine-harness';

let harness: TestEngine;
let refusing: Server;
let client: ControlClient;
let twitterId: string;
let linkedinId: string;

beforeAll(async () => {
  refusing = createServer((request, response) => {
    request.resume();
    const status = request.method === 'GET' ? 503 : 400;
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ title: 'Refused by the test', status }));
  });
  await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
  harness = await startTestEngine('good-input', `http://127.0.0.1:${(refusing.address() as AddressInfo).port}`);
  client = await harness.connect();
});

afterAll(async () => {
  await harness?.stop();
  await new Promise((resolve) => refusing?.close(resolve));
});

async function delayedJobs(): Promise<number> {
  return (await client.invoke('queue:stats', {})).counts.delayed;
}

async function settled(postId: string, statuses: PostView['status'][]): Promise<PostView> {
  let post: PostView | undefined;
  await expect
    .poll(
      async () => {
        post = await client.invoke('posts:get', { id: postId });
        return post.status;
      },
      { timeout: 30_000, interval: 100 },
    )
    .toSatisfy((status: PostView['status']) => statuses.includes(status));
  return post as PostView;
}

describe('accounts', () => {
  it('accounts:add returns the account without any token', async () => {
    const expiresAt = inDays(60);
    const account = await client.invoke('accounts:add', {
      platform: 'twitter',
      name: '@brand',
      accessToken: 'secret-access-token',
      refreshToken: 'secret-refresh-token',
      expiresAt,
      externalId: '12345',
    });
    expect(account).toMatchObject({ platform: 'twitter', name: '@brand', externalId: '12345', status: 'connected', tokenExpiresAt: expiresAt });
    expect(JSON.stringify(account)).not.toMatch(/secret-/);
    twitterId = account.id;
    linkedinId = (await client.invoke('accounts:add', { platform: 'linkedin', name: 'Brand Inc', accessToken: 'secret-li' })).id;
  });

  it('accounts:list lists them, never with a token', async () => {
    const accounts = await client.invoke('accounts:list', {});
    expect(accounts.map((account) => account.id).sort()).toEqual([twitterId, linkedinId].sort());
    expect(JSON.stringify(accounts)).not.toMatch(/secret-/);
  });

  it('accounts:update renames and takes a new token', async () => {
    const updated = await client.invoke('accounts:update', {
      id: linkedinId,
      name: 'Brand Incorporated',
      accessToken: 'secret-li-2',
      expiresAt: null,
    });
    expect(updated).toMatchObject({ id: linkedinId, name: 'Brand Incorporated', status: 'connected', tokenExpiresAt: null });
  });

  it('accounts:remove removes an account without posts', async () => {
    const spare = await client.invoke('accounts:add', { platform: 'facebook', name: 'Spare page', accessToken: 'secret-fb' });
    expect(await client.invoke('accounts:remove', { id: spare.id })).toEqual({ id: spare.id });
    expect((await client.invoke('accounts:list', {})).map((account) => account.id)).not.toContain(spare.id);
  });
});

describe('posts and scheduling', () => {
  let scheduled: PostView;
  let draft: PostView;

  it('posts:create schedule: one pending target per account and one delayed job each', async () => {
    const at = inDays(20);
    scheduled = await client.invoke('posts:create', {
      text: 'Big launch',
      mediaUrls: ['https://cdn.example.com/launch.jpg'],
      targets: [{ accountId: twitterId }, { accountId: linkedinId, text: 'Big launch, for LinkedIn' }],
      mode: 'schedule',
      scheduledAt: at,
      timeZone: 'Europe/Berlin',
    });
    expect(scheduled).toMatchObject({
      text: 'Big launch',
      status: 'scheduled',
      scheduledAt: at,
      timeZone: 'Europe/Berlin',
      mediaUrls: ['https://cdn.example.com/launch.jpg'],
      targets: [
        { accountId: twitterId, platform: 'twitter', status: 'pending', platformPostId: null, platformPostUrl: null, errorMessage: null },
        { accountId: linkedinId, platform: 'linkedin', status: 'pending', textOverride: 'Big launch, for LinkedIn' },
      ],
    });
    expect(await delayedJobs()).toBe(2);
  });

  it('posts:create draft: no job', async () => {
    draft = await client.invoke('posts:create', { text: 'An idea', targets: [{ accountId: twitterId }], mode: 'draft' });
    expect(draft).toMatchObject({ status: 'draft', scheduledAt: null });
    expect(await delayedJobs()).toBe(2);
  });

  it('posts:get returns the post as created', async () => {
    expect(await client.invoke('posts:get', { id: scheduled.id })).toEqual(scheduled);
  });

  it('posts:list filters by time and by status', async () => {
    const all = await client.invoke('posts:list', {});
    expect(all.map((post) => post.id).sort()).toEqual([scheduled.id, draft.id].sort());
    const inRange = await client.invoke('posts:list', { from: inDays(19), to: inDays(21) });
    expect(inRange.map((post) => post.id)).toEqual([scheduled.id]);
    expect((await client.invoke('posts:list', { status: ['draft'] })).map((post) => post.id)).toEqual([draft.id]);
    expect(await client.invoke('posts:list', { from: inDays(100), to: inDays(101) })).toEqual([]);
  });

  it('posts:save changes the text and moves the jobs with the time', async () => {
    const at = inDays(25);
    const updated = await client.invoke('posts:save', { id: scheduled.id, text: 'Bigger launch', scheduledAt: at });
    expect(updated).toMatchObject({ id: scheduled.id, text: 'Bigger launch', scheduledAt: at, status: 'scheduled' });
    expect(await delayedJobs()).toBe(2);
  });

  it('publishing:reschedule moves a scheduled post', async () => {
    const at = inDays(26);
    expect(await client.invoke('publishing:reschedule', { id: scheduled.id, scheduledAt: at })).toMatchObject({
      scheduledAt: at,
      status: 'scheduled',
    });
    expect(await delayedJobs()).toBe(2);
  });

  it('posts:save schedules a draft in one call', async () => {
    const at = inDays(10);
    const queued = await client.invoke('posts:save', { id: draft.id, mode: 'schedule', scheduledAt: at });
    expect(queued).toMatchObject({ status: 'scheduled', scheduledAt: at, targets: [{ status: 'pending' }] });
    expect(await delayedJobs()).toBe(3);
  });

  it('queue:stats names the next post due', async () => {
    const stats = await client.invoke('queue:stats', {});
    expect(stats).toMatchObject({ paused: false, needsAttention: 0, nextPost: { id: draft.id, text: 'An idea' } });
  });

  it('publishing:cancel cancels every target and removes the jobs', async () => {
    const cancelled = await client.invoke('publishing:cancel', { id: draft.id });
    expect(cancelled).toMatchObject({ status: 'cancelled', targets: [{ status: 'cancelled' }] });
    expect(await delayedJobs()).toBe(2);
  });

  it('posts:delete deletes a post and its jobs', async () => {
    expect(await client.invoke('posts:delete', { id: draft.id })).toEqual({ id: draft.id });
    await expect(client.invoke('posts:get', { id: draft.id })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('publishing against a platform that refuses the post', () => {
  let post: PostView;

  it('publishing:publishNow publishes at once; the refusal ends in failed with the reason', async () => {
    const created = await client.invoke('posts:create', {
      text: 'Right now',
      targets: [{ accountId: twitterId }],
      mode: 'schedule',
      scheduledAt: inDays(2),
    });
    const started = await client.invoke('publishing:publishNow', { id: created.id });
    expect(started).toMatchObject({ id: created.id, status: 'publishing' });
    post = await settled(created.id, ['failed']);
    expect(post.targets[0]).toMatchObject({ status: 'failed', errorMessage: expect.any(String), platformPostId: null });
    expect((await client.invoke('queue:stats', {})).needsAttention).toBeGreaterThanOrEqual(1);
  });

  it('queue:failed lists the failed job with its reason', async () => {
    const failed = await client.invoke('queue:failed', { limit: 10 });
    expect(failed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ postId: post.id, targetId: post.targets[0]?.id, platform: 'twitter', reason: expect.any(String) }),
      ]),
    );
  });

  it('publishing:retry queues the failed target again', async () => {
    const retried = await client.invoke('publishing:retry', { id: post.id });
    expect(retried.targets[0]?.status).toMatch(/pending|publishing|failed/);
    post = await settled(post.id, ['failed']);
  });

  it('queue:retry retries by job id', async () => {
    const job = (await client.invoke('queue:failed', {})).find((entry) => entry.postId === post.id);
    expect(job).toBeDefined();
    const retried = await client.invoke('queue:retry', { jobId: job?.jobId ?? '' });
    expect(retried.id).toBe(post.id);
    await settled(post.id, ['failed']);
  });

  it('publishing:resolveUnknown refuses a target that is not waiting for a check', async () => {
    await expect(client.invoke('publishing:resolveUnknown', { targetId: post.targets[0]?.id ?? '', outcome: 'published' })).rejects.toMatchObject({
      code: 'conflict',
    });
  });
});

describe('media library', () => {
  const fixtures = join(__dirname, '../fixtures/media');
  let imageId: string;

  it('media:import copies the files in and describes them', async () => {
    const items = await client.invoke('media:import', { paths: [join(fixtures, 'tiny.jpg'), join(fixtures, 'tiny.mp4')] });
    expect(items).toMatchObject([
      { name: 'tiny.jpg', kind: 'image', mimeType: 'image/jpeg', width: 64, height: 48, usedBy: [] },
      { name: 'tiny.mp4', kind: 'video', mimeType: 'video/mp4', durationMs: 1000, frameRate: 24 },
    ]);
    imageId = items[0]?.id ?? '';
  });

  it('media:list lists them with the library size', async () => {
    const library = await client.invoke('media:list', {});
    expect(library.items.map((item) => item.name).sort()).toEqual(['tiny.jpg', 'tiny.mp4']);
    expect(library.totalBytes).toBe(1353 + 8720);
  });

  it('media:get and media:remove', async () => {
    expect(await client.invoke('media:get', { id: imageId })).toMatchObject({ id: imageId, name: 'tiny.jpg' });
    expect(await client.invoke('media:remove', { id: imageId })).toEqual({ id: imageId });
    expect((await client.invoke('media:list', {})).items.map((item) => item.name)).toEqual(['tiny.mp4']);
  });
});

describe('queue and settings', () => {
  it('queue:pause and queue:resume', async () => {
    expect(await client.invoke('queue:pause', {})).toMatchObject({ paused: true });
    expect(await client.invoke('queue:stats', {})).toMatchObject({ paused: true });
    expect(await client.invoke('queue:resume', {})).toMatchObject({ paused: false });
  });

  it('queue:checkNetwork checks what waits for the network and answers the queue, online with nothing waiting', async () => {
    expect(await client.invoke('queue:checkNetwork', {})).toMatchObject({
      waiting: { network: { posts: 0, targets: 0 }, platform: { posts: 0, targets: 0 } },
      connectivity: { state: 'online', offlineSince: null, systemOffline: false, platformsDown: [], nextCheckAt: null },
    });
  });

  it('settings:get and settings:set', async () => {
    const settings = await client.invoke('settings:get', {});
    expect(settings).toMatchObject({ lateToleranceMinutes: expect.any(Number), notifications: expect.any(Boolean) });
    expect(await client.invoke('settings:set', { lateToleranceMinutes: 15, notifications: false })).toMatchObject({
      lateToleranceMinutes: 15,
      notifications: false,
    });
    expect(await client.invoke('settings:get', {})).toMatchObject({ lateToleranceMinutes: 15, notifications: false });
  });
});
