// Every channel through the real socket with bad input: each answer is a clear error with the field at fault,
// and the database and the queue are exactly as before (posts with targets, accounts, queue counts).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, channels, type Channel } from '../../shared/contract/channels';
import type { ErrorCode } from '../../shared/errors';
import type { ControlClient } from '../../electron/engine/control/control-client';
import { inDays, snapshot, startTestEngine, type TestEngine } from './engine-harness';
import { openRaw, type RawConnection } from './raw-connection';

let harness: TestEngine;
let client: ControlClient;
let raw: RawConnection;
let twitterId: string;
let youtubeId: string;
let scheduledPostId: string;
let scheduledTargetId: string;
let draftPostId: string;
let before: unknown;
let nextId = 0;

beforeAll(async () => {
  harness = await startTestEngine('bad-input');
  client = await harness.connect();
  raw = await openRaw(harness.server.path);
  twitterId = (await client.invoke('accounts:add', { platform: 'twitter', name: '@brand', accessToken: 'tok-twitter' })).id;
  youtubeId = (await client.invoke('accounts:add', { platform: 'youtube', name: 'Brand TV', accessToken: 'tok-youtube' })).id;
  const scheduled = await client.invoke('posts:create', {
    text: 'Launch day',
    targets: [{ accountId: twitterId }],
    mode: 'schedule',
    scheduledAt: inDays(30),
  });
  scheduledPostId = scheduled.id;
  scheduledTargetId = scheduled.targets[0]?.id ?? '';
  draftPostId = (await client.invoke('posts:create', { text: 'Someday', targets: [{ accountId: twitterId }], mode: 'draft' })).id;
  before = await snapshot(client);
  expect(before).toMatchObject({ counts: { delayed: 1 } });
});

afterAll(async () => {
  raw?.close();
  await harness?.stop();
});

/** One request over the raw socket, so even inputs no typed client could send go through. */
async function call(channel: string, input: unknown): Promise<Record<string, unknown>> {
  const id = ++nextId;
  const response = await raw.request(id, channel, input);
  expect(response.id).toBe(id);
  return response;
}

const STORAGE = {
  endpoint: 'https://s3.eu-central-1.amazonaws.com',
  region: 'eu-central-1',
  bucket: 'brand-media',
  accessKeyId: 'AKIAEXAMPLE',
  secretAccessKey: 'not-a-real-secret',
};

interface BadCase {
  channel: Channel;
  input: () => unknown;
  code: ErrorCode;
  field?: string;
  why: string;
}

const past = () => new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString();

const cases: BadCase[] = [
  { channel: 'posts:create', why: 'empty input', input: () => ({}), code: 'validation', field: 'text' },
  {
    channel: 'posts:create',
    why: 'text of the wrong type',
    input: () => ({ text: 5, targets: [{ accountId: twitterId }], mode: 'draft' }),
    code: 'validation',
    field: 'text',
  },
  { channel: 'posts:create', why: 'no targets', input: () => ({ text: 'x', mode: 'draft' }), code: 'validation', field: 'targets' },
  { channel: 'posts:create', why: 'empty targets', input: () => ({ text: 'x', targets: [], mode: 'draft' }), code: 'validation', field: 'targets' },
  {
    channel: 'posts:create',
    why: 'unknown mode',
    input: () => ({ text: 'x', targets: [{ accountId: twitterId }], mode: 'later' }),
    code: 'validation',
    field: 'mode',
  },
  {
    channel: 'posts:create',
    why: 'schedule without a time',
    input: () => ({ text: 'x', targets: [{ accountId: twitterId }], mode: 'schedule' }),
    code: 'validation',
    field: 'scheduledAt',
  },
  {
    channel: 'posts:create',
    why: 'a time that does not parse',
    input: () => ({ text: 'x', targets: [{ accountId: twitterId }], mode: 'schedule', scheduledAt: 'next tuesday' }),
    code: 'validation',
    field: 'scheduledAt',
  },
  {
    channel: 'posts:create',
    why: 'February 30th',
    input: () => ({ text: 'x', targets: [{ accountId: twitterId }], mode: 'schedule', scheduledAt: '2031-02-30T10:00:00Z' }),
    code: 'validation',
    field: 'scheduledAt',
  },
  {
    channel: 'posts:create',
    why: 'a time without an offset',
    input: () => ({ text: 'x', targets: [{ accountId: twitterId }], mode: 'schedule', scheduledAt: '2031-06-01T10:00:00' }),
    code: 'validation',
    field: 'scheduledAt',
  },
  {
    channel: 'posts:create',
    why: 'a time in the past',
    input: () => ({ text: 'x', targets: [{ accountId: twitterId }], mode: 'schedule', scheduledAt: past() }),
    code: 'validation',
    field: 'scheduledAt',
  },
  {
    channel: 'posts:create',
    why: 'a media link that is not http',
    input: () => ({ text: 'x', mediaUrls: ['ftp://example.com/a.jpg'], targets: [{ accountId: twitterId }], mode: 'draft' }),
    code: 'validation',
    field: 'mediaUrls.0',
  },
  {
    channel: 'posts:create',
    why: 'an unknown time zone',
    input: () => ({ text: 'x', targets: [{ accountId: twitterId }], mode: 'draft', timeZone: 'Mars/Olympus_Mons' }),
    code: 'validation',
    field: 'timeZone',
  },
  {
    channel: 'posts:create',
    why: 'an unknown privacy',
    input: () => ({ text: 'x', targets: [{ accountId: youtubeId, options: { privacy: 'secret' } }], mode: 'draft' }),
    code: 'validation',
    field: 'targets.0.options.privacy',
  },
  {
    channel: 'posts:create',
    why: 'an unknown key',
    input: () => ({ text: 'x', targets: [{ accountId: twitterId }], mode: 'draft', priority: 'high' }),
    code: 'validation',
  },
  {
    channel: 'posts:create',
    why: 'an unknown account',
    input: () => ({ text: 'x', targets: [{ accountId: 'no-such-account' }], mode: 'draft' }),
    code: 'validation',
    field: 'targets.0.accountId',
  },
  {
    channel: 'posts:create',
    why: 'the same account twice',
    input: () => ({ text: 'x', targets: [{ accountId: twitterId }, { accountId: twitterId }], mode: 'draft' }),
    code: 'validation',
    field: 'targets.1.accountId',
  },
  {
    channel: 'posts:create',
    why: "text over X's 280",
    input: () => ({ text: 'a'.repeat(281), targets: [{ accountId: twitterId }], mode: 'schedule', scheduledAt: inDays(3) }),
    code: 'rule_violation',
    field: 'text',
  },
  {
    channel: 'posts:create',
    why: "text over X's 280, to publish now",
    input: () => ({ text: 'a'.repeat(281), targets: [{ accountId: twitterId }], mode: 'now' }),
    code: 'rule_violation',
    field: 'text',
  },
  {
    channel: 'posts:create',
    why: 'YouTube without a video',
    input: () => ({ text: 'x', targets: [{ accountId: youtubeId, options: { title: 'T' } }], mode: 'now' }),
    code: 'rule_violation',
    field: 'mediaUrls',
  },
  {
    channel: 'posts:create',
    why: 'text over 100,000 characters',
    input: () => ({ text: 'a'.repeat(100_001), targets: [{ accountId: twitterId }], mode: 'draft' }),
    code: 'validation',
    field: 'text',
  },

  {
    channel: 'posts:save',
    why: 'a new post without text',
    input: () => ({ targets: [{ accountId: twitterId }], mode: 'draft' }),
    code: 'validation',
    field: 'text',
  },
  { channel: 'posts:save', why: 'a new post without accounts', input: () => ({ text: 'x', mode: 'draft' }), code: 'validation', field: 'targets' },
  {
    channel: 'posts:save',
    why: 'a new post without a mode',
    input: () => ({ text: 'x', targets: [{ accountId: twitterId }] }),
    code: 'validation',
    field: 'mode',
  },
  {
    channel: 'posts:save',
    why: 'an idempotency key on a change',
    input: () => ({ id: scheduledPostId, text: 'x', idempotencyKey: 'a3c1b8f2-77e4-4c1d-9b0a-5d2e6f8a9c10' }),
    code: 'validation',
    field: 'idempotencyKey',
  },
  {
    channel: 'posts:save',
    why: 'an idempotency key too short to be unique',
    input: () => ({ text: 'x', targets: [{ accountId: twitterId }], mode: 'draft', idempotencyKey: 'k1' }),
    code: 'validation',
    field: 'idempotencyKey',
  },
  { channel: 'posts:save', why: 'an unknown post', input: () => ({ id: 'no-such-post', text: 'x' }), code: 'not_found', field: 'id' },
  {
    channel: 'posts:save',
    why: 'a time that does not parse',
    input: () => ({ id: scheduledPostId, scheduledAt: '31/12/2031 09:00' }),
    code: 'validation',
    field: 'scheduledAt',
  },
  {
    channel: 'posts:save',
    why: 'a time in the past',
    input: () => ({ id: scheduledPostId, scheduledAt: past() }),
    code: 'validation',
    field: 'scheduledAt',
  },
  {
    channel: 'posts:save',
    why: "text over X's 280",
    input: () => ({ id: scheduledPostId, text: 'b'.repeat(300) }),
    code: 'rule_violation',
    field: 'text',
  },
  {
    channel: 'posts:save',
    why: 'media of the wrong type',
    input: () => ({ id: scheduledPostId, mediaUrls: 'https://example.com/a.jpg' }),
    code: 'validation',
    field: 'mediaUrls',
  },
  {
    channel: 'posts:save',
    why: 'scheduling a draft that has no time',
    input: () => ({ id: draftPostId, mode: 'schedule' }),
    code: 'validation',
    field: 'scheduledAt',
  },

  { channel: 'posts:delete', why: 'no id', input: () => ({}), code: 'validation', field: 'id' },
  { channel: 'posts:delete', why: 'an empty id', input: () => ({ id: '   ' }), code: 'validation', field: 'id' },
  { channel: 'posts:delete', why: 'a numeric id', input: () => ({ id: 5 }), code: 'validation', field: 'id' },
  { channel: 'posts:delete', why: 'an unknown post', input: () => ({ id: 'no-such-post' }), code: 'not_found' },
  { channel: 'posts:get', why: 'an unknown post', input: () => ({ id: 'no-such-post' }), code: 'not_found' },
  { channel: 'posts:get', why: 'an id over 100 characters', input: () => ({ id: 'x'.repeat(101) }), code: 'validation', field: 'id' },
  { channel: 'posts:list', why: 'a from that does not parse', input: () => ({ from: 'yesterday' }), code: 'validation', field: 'from' },
  { channel: 'posts:list', why: 'an unknown status', input: () => ({ status: ['lost'] }), code: 'validation', field: 'status.0' },
  { channel: 'posts:list', why: 'a status that is not a list', input: () => ({ status: 'draft' }), code: 'validation', field: 'status' },
  { channel: 'posts:list', why: 'a zero limit', input: () => ({ limit: 0 }), code: 'validation', field: 'limit' },
  { channel: 'posts:list', why: 'a fractional limit', input: () => ({ limit: 2.5 }), code: 'validation', field: 'limit' },
  { channel: 'posts:calendar', why: 'no range', input: () => ({}), code: 'validation', field: 'from' },
  {
    channel: 'posts:calendar',
    why: 'a range that ends before it starts',
    input: () => ({ from: inDays(2), to: inDays(1) }),
    code: 'validation',
    field: 'to',
  },
  {
    channel: 'posts:calendar',
    why: 'an unknown platform',
    input: () => ({ from: inDays(1), to: inDays(2), platforms: ['myspace'] }),
    code: 'validation',
    field: 'platforms.0',
  },
  {
    channel: 'posts:calendarDays',
    why: 'no zone',
    input: () => ({ from: inDays(1), to: inDays(2), perDay: 3 }),
    code: 'validation',
    field: 'timeZone',
  },
  {
    channel: 'posts:calendarDays',
    why: 'more posts a day than it carries',
    input: () => ({ from: inDays(1), to: inDays(2), timeZone: 'Europe/Berlin', perDay: 51 }),
    code: 'validation',
    field: 'perDay',
  },

  { channel: 'publishing:publishNow', why: 'a numeric id', input: () => ({ id: 7 }), code: 'validation', field: 'id' },
  { channel: 'publishing:publishNow', why: 'the old name of the id', input: () => ({ postId: scheduledPostId }), code: 'validation', field: 'id' },
  { channel: 'publishing:publishNow', why: 'an unknown post', input: () => ({ id: 'no-such-post' }), code: 'not_found' },
  { channel: 'publishing:cancel', why: 'an unknown post', input: () => ({ id: 'no-such-post' }), code: 'not_found' },
  { channel: 'publishing:cancel', why: 'a draft has nothing to cancel', input: () => ({ id: draftPostId }), code: 'conflict' },
  { channel: 'publishing:reschedule', why: 'no time', input: () => ({ id: scheduledPostId }), code: 'validation', field: 'scheduledAt' },
  {
    channel: 'publishing:reschedule',
    why: 'a time in the past',
    input: () => ({ id: scheduledPostId, scheduledAt: past() }),
    code: 'validation',
    field: 'scheduledAt',
  },
  { channel: 'publishing:reschedule', why: 'an unknown post', input: () => ({ id: 'no-such-post', scheduledAt: inDays(4) }), code: 'not_found' },
  { channel: 'publishing:retry', why: 'nothing has failed', input: () => ({ id: scheduledPostId }), code: 'conflict' },
  {
    channel: 'publishing:retry',
    why: 'an unknown target',
    input: () => ({ id: scheduledPostId, targetId: 'no-such-target' }),
    code: 'validation',
    field: 'targetId',
  },
  {
    channel: 'publishing:resolveUnknown',
    why: 'an unknown outcome',
    input: () => ({ targetId: scheduledTargetId, outcome: 'maybe' }),
    code: 'validation',
    field: 'outcome',
  },
  {
    channel: 'publishing:resolveUnknown',
    why: 'a link that is not http',
    input: () => ({ targetId: scheduledTargetId, outcome: 'published', platformPostUrl: 'javascript:alert(1)' }),
    code: 'validation',
    field: 'platformPostUrl',
  },
  {
    channel: 'publishing:resolveUnknown',
    why: 'an unknown target',
    input: () => ({ targetId: 'no-such-target', outcome: 'published' }),
    code: 'not_found',
    field: 'targetId',
  },
  {
    channel: 'publishing:resolveUnknown',
    why: 'a target that is not unknown',
    input: () => ({ targetId: scheduledTargetId, outcome: 'failed' }),
    code: 'conflict',
  },

  { channel: 'accounts:add', why: 'empty input', input: () => ({}), code: 'validation', field: 'platform' },
  {
    channel: 'accounts:add',
    why: 'an unknown platform',
    input: () => ({ platform: 'myspace', name: 'x', accessToken: 't' }),
    code: 'validation',
    field: 'platform',
  },
  {
    channel: 'accounts:add',
    why: 'a blank name',
    input: () => ({ platform: 'twitter', name: '  ', accessToken: 't' }),
    code: 'validation',
    field: 'name',
  },
  {
    channel: 'accounts:add',
    why: 'a blank token',
    input: () => ({ platform: 'twitter', name: 'x', accessToken: ' ' }),
    code: 'validation',
    field: 'accessToken',
  },
  {
    channel: 'accounts:add',
    why: 'an expiry that does not parse',
    input: () => ({ platform: 'twitter', name: 'x', accessToken: 't', expiresAt: 'in an hour' }),
    code: 'validation',
    field: 'expiresAt',
  },
  { channel: 'accounts:list', why: 'an unexpected key', input: () => ({ all: true }), code: 'validation' },
  { channel: 'accounts:update', why: 'an unknown account', input: () => ({ id: 'no-such-account', name: 'x' }), code: 'not_found', field: 'id' },
  { channel: 'accounts:update', why: 'a blank name', input: () => ({ id: twitterId, name: '' }), code: 'validation', field: 'name' },
  { channel: 'accounts:remove', why: 'an unknown account', input: () => ({ id: 'no-such-account' }), code: 'not_found', field: 'id' },
  {
    channel: 'accounts:remove',
    why: 'an account with a post waiting, not confirmed',
    input: () => ({ id: twitterId }),
    code: 'conflict',
    field: 'confirmed',
  },
  {
    channel: 'accounts:add',
    why: 'an id that is not a LinkedIn URN',
    input: () => ({ platform: 'linkedin', accessToken: 't', externalId: '../../me' }),
    code: 'validation',
    field: 'externalId',
  },
  {
    channel: 'accounts:update',
    why: 'an id that is not an X user id',
    input: () => ({ id: twitterId, externalId: 'abc/def' }),
    code: 'validation',
    field: 'externalId',
  },
  { channel: 'accounts:removalImpact', why: 'an unknown account', input: () => ({ id: 'no-such-account' }), code: 'not_found', field: 'id' },
  { channel: 'accounts:verify', why: 'an unknown account', input: () => ({ id: 'no-such-account' }), code: 'not_found', field: 'id' },
  { channel: 'accounts:connect', why: 'an unknown platform', input: () => ({ platform: 'myspace' }), code: 'validation', field: 'platform' },
  {
    channel: 'accounts:connect',
    why: 'a platform without a developer app',
    input: () => ({ platform: 'linkedin' }),
    code: 'conflict',
    field: 'platform',
  },
  {
    channel: 'accounts:connect',
    why: 'reconnecting an account of another platform',
    input: () => ({ platform: 'linkedin', accountId: twitterId }),
    code: 'validation',
    field: 'platform',
  },
  { channel: 'accounts:connectGet', why: 'an unknown sign-in', input: () => ({ flowId: 'no-such-flow' }), code: 'not_found', field: 'flowId' },
  {
    channel: 'accounts:connectChoose',
    why: 'no choice',
    input: () => ({ flowId: 'no-such-flow', choiceIds: [] }),
    code: 'validation',
    field: 'choiceIds',
  },
  { channel: 'accounts:connectCancel', why: 'an unknown sign-in', input: () => ({ flowId: 'no-such-flow' }), code: 'not_found', field: 'flowId' },
  { channel: 'oauthApps:list', why: 'an unexpected key', input: () => ({ platform: 'x' }), code: 'validation' },
  { channel: 'oauthApps:set', why: 'a blank client id', input: () => ({ platform: 'tiktok', clientId: ' ' }), code: 'validation', field: 'clientId' },
  { channel: 'oauthApps:clear', why: 'an unknown platform', input: () => ({ platform: 'myspace' }), code: 'validation', field: 'platform' },
  { channel: 'oauthApps:test', why: 'no platform', input: () => ({}), code: 'validation', field: 'platform' },
  { channel: 'credentials:status', why: 'an unexpected key', input: () => ({ unlock: true }), code: 'validation' },

  { channel: 'queue:stats', why: 'an unexpected key', input: () => ({ verbose: true }), code: 'validation' },
  { channel: 'queue:failed', why: 'a zero limit', input: () => ({ limit: 0 }), code: 'validation', field: 'limit' },
  { channel: 'queue:retry', why: 'an unknown job', input: () => ({ jobId: 'no-such-job' }), code: 'not_found', field: 'jobId' },
  { channel: 'queue:pause', why: 'an unexpected key', input: () => ({ minutes: 5 }), code: 'validation' },
  { channel: 'queue:resume', why: 'a list instead of an object', input: () => [1], code: 'validation' },
  { channel: 'queue:checkNetwork', why: 'an unexpected key', input: () => ({ online: true }), code: 'validation' },
  {
    channel: 'wake:check',
    why: 'a time without an offset',
    input: () => ({ asleepSince: '2026-12-01 09:00' }),
    code: 'validation',
    field: 'asleepSince',
  },
  { channel: 'wake:summary', why: 'an unexpected key', input: () => ({ all: true }), code: 'validation' },
  { channel: 'wake:publishNow', why: 'an unknown summary', input: () => ({ id: 'no-such-summary' }), code: 'not_found', field: 'id' },
  { channel: 'wake:reschedule', why: 'no id', input: () => ({}), code: 'validation', field: 'id' },
  { channel: 'wake:dismiss', why: 'an unknown summary', input: () => ({ id: 'no-such-summary' }), code: 'not_found', field: 'id' },
  { channel: 'settings:get', why: 'a string instead of an object', input: () => 'all', code: 'validation' },
  {
    channel: 'settings:set',
    why: 'a negative tolerance',
    input: () => ({ lateToleranceMinutes: -1 }),
    code: 'validation',
    field: 'lateToleranceMinutes',
  },
  { channel: 'settings:set', why: 'a string for a flag', input: () => ({ notifications: 'yes' }), code: 'validation', field: 'notifications' },

  {
    channel: 'settings:set',
    why: 'an unknown time zone',
    input: () => ({ timeZone: 'Mars/Olympus_Mons' }),
    code: 'validation',
    field: 'timeZone',
  },
  { channel: 'settings:set', why: 'an unknown first day', input: () => ({ weekStartsOn: 'friday' }), code: 'validation', field: 'weekStartsOn' },
  { channel: 'settings:set', why: 'an unknown clock', input: () => ({ clock: '36h' }), code: 'validation', field: 'clock' },
  {
    channel: 'settings:set',
    why: 'a default account that does not exist',
    input: () => ({ defaultAccountIds: [twitterId, 'no-such-account'] }),
    code: 'validation',
    field: 'defaultAccountIds.1',
  },

  { channel: 'slots:get', why: 'no account', input: () => ({}), code: 'validation', field: 'accountId' },
  { channel: 'slots:get', why: 'an unknown account', input: () => ({ accountId: 'no-such-account' }), code: 'not_found', field: 'accountId' },
  { channel: 'slots:set', why: 'no slots', input: () => ({ accountId: twitterId }), code: 'validation', field: 'slots' },
  {
    channel: 'slots:set',
    why: 'an unknown day',
    input: () => ({ accountId: twitterId, slots: [{ day: 'someday', time: '09:00' }] }),
    code: 'validation',
    field: 'slots.0.day',
  },
  {
    channel: 'slots:set',
    why: 'a time past midnight',
    input: () => ({ accountId: twitterId, slots: [{ day: 'mon', time: '24:30' }] }),
    code: 'validation',
    field: 'slots.0.time',
  },
  {
    channel: 'slots:set',
    why: 'a 12-hour time',
    input: () => ({ accountId: twitterId, slots: [{ day: 'mon', time: '9am' }] }),
    code: 'validation',
    field: 'slots.0.time',
  },
  {
    channel: 'slots:set',
    why: 'an unknown time zone',
    input: () => ({ accountId: twitterId, timeZone: 'Mars/Olympus_Mons', slots: [] }),
    code: 'validation',
    field: 'timeZone',
  },
  {
    channel: 'slots:set',
    why: 'an unknown account',
    input: () => ({ accountId: 'no-such-account', slots: [{ day: 'mon', time: '09:00' }] }),
    code: 'not_found',
    field: 'accountId',
  },
  { channel: 'posts:queue', why: 'no accounts', input: () => ({ text: 'Queued', targets: [] }), code: 'validation', field: 'targets' },
  {
    channel: 'posts:queue',
    why: 'an account without posting slots',
    input: () => ({ text: 'Queued', targets: [{ accountId: twitterId }] }),
    code: 'conflict',
    field: 'targets.0.accountId',
  },
  {
    channel: 'posts:queue',
    why: 'an unknown account',
    input: () => ({ text: 'Queued', targets: [{ accountId: 'no-such-account' }] }),
    code: 'validation',
    field: 'targets.0.accountId',
  },
  { channel: 'posts:reorder', why: 'one post', input: () => ({ postIds: [scheduledPostId] }), code: 'validation', field: 'postIds' },
  {
    channel: 'posts:reorder',
    why: 'the same post twice',
    input: () => ({ postIds: [scheduledPostId, scheduledPostId] }),
    code: 'validation',
    field: 'postIds.1',
  },
  {
    channel: 'posts:reorder',
    why: 'an unknown post',
    input: () => ({ postIds: [scheduledPostId, 'no-such-post'] }),
    code: 'not_found',
    field: 'postIds.1',
  },
  { channel: 'slots:list', why: 'an unexpected key', input: () => ({ accountId: twitterId }), code: 'validation' },
  { channel: 'slots:open', why: 'no range', input: () => ({}), code: 'validation', field: 'from' },
  { channel: 'slots:open', why: 'a range that ends first', input: () => ({ from: inDays(2), to: inDays(1) }), code: 'validation', field: 'to' },
  { channel: 'slots:open', why: 'a range of a year', input: () => ({ from: inDays(1), to: inDays(366) }), code: 'validation', field: 'to' },
  {
    channel: 'slots:open',
    why: 'an unknown account',
    input: () => ({ from: inDays(1), to: inDays(2), accountIds: ['no-such-account'] }),
    code: 'not_found',
    field: 'accountIds.0',
  },

  { channel: 'media:import', why: 'no paths', input: () => ({}), code: 'validation', field: 'paths' },
  { channel: 'media:import', why: 'an empty list', input: () => ({ paths: [] }), code: 'validation', field: 'paths' },
  { channel: 'media:import', why: 'a relative path', input: () => ({ paths: ['photo.jpg'] }), code: 'validation', field: 'paths.0' },
  {
    channel: 'media:import',
    why: 'a file that does not exist',
    input: () => ({ paths: ['/nonexistent/photo.jpg'] }),
    code: 'validation',
    field: 'paths.0',
  },
  { channel: 'media:import', why: 'a folder', input: () => ({ paths: [harness.dataDir] }), code: 'validation', field: 'paths.0' },
  { channel: 'media:list', why: 'an unexpected key', input: () => ({ kind: 'video' }), code: 'validation' },
  { channel: 'media:get', why: 'an unknown item', input: () => ({ id: 'no-such-item' }), code: 'not_found', field: 'id' },
  { channel: 'media:remove', why: 'an unknown item', input: () => ({ id: 'no-such-item' }), code: 'not_found', field: 'id' },

  { channel: 'storage:get', why: 'an unexpected key', input: () => ({ bucket: 'media' }), code: 'validation' },
  {
    channel: 'storage:set',
    why: 'credentials inside the endpoint',
    input: () => ({ ...STORAGE, endpoint: 'https://AKIA:secret@s3.eu-central-1.amazonaws.com' }),
    code: 'validation',
    field: 'endpoint',
  },
  {
    channel: 'storage:set',
    why: 'a bucket name S3 refuses',
    input: () => ({ ...STORAGE, bucket: 'My_Bucket' }),
    code: 'validation',
    field: 'bucket',
  },
  {
    channel: 'storage:set',
    why: 'no secret key and none saved',
    input: () => ({ ...STORAGE, secretAccessKey: undefined }),
    code: 'validation',
    field: 'secretAccessKey',
  },
  { channel: 'storage:remove', why: 'an unexpected key', input: () => ({ bucket: 'media' }), code: 'validation' },
  { channel: 'storage:test', why: 'a region with spaces', input: () => ({ ...STORAGE, region: 'eu central' }), code: 'validation', field: 'region' },
  {
    channel: 'storage:test',
    why: 'storage that does not answer',
    input: () => ({ ...STORAGE, endpoint: 'http://127.0.0.1:9' }),
    code: 'validation',
    field: 'endpoint',
  },
];

describe('bad input on every channel', () => {
  it('covers every channel of the contract', () => {
    expect(new Set(cases.map((c) => c.channel))).toEqual(new Set(CHANNEL_NAMES));
  });

  it.each(cases)('$channel: $why → $code', async ({ channel, input, code, field }) => {
    const response = await call(channel, input());
    expect(response).toMatchObject({ ok: false, error: { code, message: expect.any(String) } });
    const error = response.error as { message: string; field?: string };
    expect(error.message.length).toBeGreaterThan(5);
    expect(error.message).not.toMatch(/\n\s+at /);
    if (field !== undefined) expect(error.field).toBe(field);
    expect(await snapshot(client)).toEqual(before);
  });

  it('answers the typed client with an AppError carrying the same shape', async () => {
    await expect(client.invoke('posts:get', { id: 'no-such-post' })).rejects.toMatchObject({ name: 'AppError', code: 'not_found', field: 'id' });
    await expect(
      client.invoke('posts:create', { text: 'c'.repeat(281), targets: [{ accountId: twitterId }], mode: 'schedule', scheduledAt: inDays(1) }),
    ).rejects.toMatchObject({
      code: 'rule_violation',
      field: 'text',
      details: [expect.objectContaining({ rule: 'text-too-long', platform: 'twitter' })],
    });
    expect(await snapshot(client)).toEqual(before);
  });
});

describe('arbitrary input (property-based)', () => {
  // What the engine sees is the JSON on the wire (a Date becomes a string, undefined disappears), so that is what to check.
  const wire = (input: unknown): unknown => (JSON.parse(JSON.stringify({ input })) as { input?: unknown }).input;
  const parses = (channel: Channel, input: unknown) => channels[channel].input.safeParse(wire(input) ?? {}).success;

  it.each(CHANNEL_NAMES)('%s: any input the schema refuses gets a validation error and changes nothing', async (channel) => {
    await fc.assert(
      fc.asyncProperty(fc.anything({ withNullPrototype: true, withBigInt: false }), async (input) => {
        fc.pre(!parses(channel, input));
        const response = await call(channel, input);
        expect(response).toMatchObject({ ok: false, error: { code: 'validation', message: expect.any(String) } });
      }),
      { numRuns: 60 },
    );
    expect(await snapshot(client)).toEqual(before);
  });

  /** A valid input per channel, and its fields, so one field at a time can be spoiled. */
  const bases = (): Partial<Record<Channel, Record<string, unknown>>> => ({
    'posts:create': {
      text: 'ok',
      targets: [{ accountId: twitterId }],
      mode: 'schedule',
      scheduledAt: inDays(5),
      mediaUrls: [],
      timeZone: 'Europe/Berlin',
    },
    'posts:save': { id: scheduledPostId, text: 'ok', mode: 'schedule', scheduledAt: inDays(6), timeZone: 'Europe/Berlin' },
    'posts:get': { id: scheduledPostId },
    'posts:list': { from: inDays(-1), to: inDays(60), status: ['scheduled'], limit: 10 },
    'posts:calendar': { from: inDays(-1), to: inDays(60), status: ['scheduled'], limit: 10, search: 'ok' },
    'posts:calendarDays': { from: inDays(-1), to: inDays(60), status: ['scheduled'], search: 'ok', timeZone: 'Europe/Berlin', perDay: 3 },
    'posts:queue': { text: 'ok', targets: [{ accountId: twitterId }], mediaUrls: [] },
    'publishing:reschedule': { id: scheduledPostId, scheduledAt: inDays(8) },
    'publishing:retry': { id: scheduledPostId, targetId: scheduledTargetId },
    'publishing:resolveUnknown': { targetId: scheduledTargetId, outcome: 'published', platformPostUrl: 'https://x.com/brand/status/1' },
    'accounts:add': {
      platform: 'linkedin',
      name: 'Brand',
      accessToken: 'tok',
      refreshToken: 'ref',
      expiresAt: inDays(30),
      externalId: 'urn:li:person:abc',
    },
    'accounts:update': { id: twitterId, name: 'Brand', accessToken: 'tok', expiresAt: inDays(30) },
    'queue:failed': { limit: 5 },
    'queue:retry': { jobId: 'pp-x-r1' },
    'settings:set': { lateToleranceMinutes: 30, notifications: true, closeToTray: true, startAtLogin: false, weekStartsOn: 'monday', clock: '24h' },
    'slots:set': { accountId: twitterId, timeZone: 'Europe/Berlin', slots: [{ day: 'mon', time: '09:00' }] },
    'slots:open': { from: inDays(1), to: inDays(8) },
    'storage:set': { ...STORAGE },
    'storage:test': { ...STORAGE, endpoint: 'http://127.0.0.1:9' },
  });

  it('spoiling any one field gets a validation error naming that field', async () => {
    const spoilable = Object.entries(bases()).flatMap(([channel, base]) =>
      Object.keys(base ?? {}).map((field) => ({ channel: channel as Channel, field })),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...spoilable), fc.anything({ withBigInt: false }), async ({ channel, field }, value) => {
        const input = { ...bases()[channel], [field]: value };
        fc.pre(value !== undefined && !parses(channel, input));
        const response = await call(channel, input);
        expect(response).toMatchObject({ ok: false, error: { code: 'validation' } });
        expect(String((response.error as { field?: string }).field)).toMatch(new RegExp(`^${field}(\\.|$)`));
      }),
      { numRuns: 400 },
    );
    expect(await snapshot(client)).toEqual(before);
  });

  it('junk lines never crash the engine and never close the connection', async () => {
    const junk = await openRaw(harness.server.path);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.json(), fc.uint8Array({ maxLength: 300 })), async (value) => {
        const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value);
        const line = Buffer.from(bytes.map((byte) => (byte === 0x0a || byte === 0x0d ? 0x20 : byte)));
        fc.pre(line.toString('utf8').trim() !== '');
        junk.send(Buffer.concat([line, Buffer.from('\n')]));
        const response = await junk.next();
        expect(response.ok).toBe(false);
        expect(['validation', 'not_found', 'conflict', 'rule_violation']).toContain((response.error as { code: string }).code);
      }),
      { numRuns: 300 },
    );
    expect(await junk.request('alive', 'control:ping')).toMatchObject({ ok: true });
    junk.close();
    expect(await snapshot(client)).toEqual(before);
  });
});
