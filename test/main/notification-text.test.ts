import { describe, expect, it } from 'vitest';
import type { AccountView, PublishResultEvent, TargetView } from '../../shared/domain';
import { expiringAccountsText, missedTargetsText, publishResultText, wakeSummaryNotificationText } from '../../electron/main/notification-text';

const base: PublishResultEvent = {
  postId: 'p1',
  targetId: 't1',
  platform: 'twitter',
  accountName: 'Acme Corp',
  status: 'published',
  url: 'https://x.com/acme/status/1',
  message: null,
};

function target(overrides: Partial<TargetView>): TargetView {
  return {
    id: 't1',
    postId: 'p1',
    accountId: 'a1',
    accountName: 'Acme Corp',
    platform: 'linkedin',
    status: 'failed',
    textOverride: null,
    options: {},
    platformPostId: null,
    platformPostUrl: null,
    errorMessage: 'Missed: due 2 hours ago',
    attemptCount: 0,
    waiting: null,
    updatedAt: '2026-12-01T09:00:00Z',
    ...overrides,
  };
}

describe('publishResultText', () => {
  it('names the platform, the account and the link of a published post', () => {
    expect(publishResultText(base)).toEqual({ title: 'Published on X (Twitter)', body: 'Acme Corp\nhttps://x.com/acme/status/1' });
    expect(publishResultText({ ...base, platform: 'youtube', url: null })).toEqual({ title: 'Published on YouTube', body: 'Acme Corp' });
  });

  it("gives the platform's reason for a failure", () => {
    expect(
      publishResultText({ ...base, platform: 'linkedin', status: 'failed', url: null, message: 'The access token expired; reconnect the account.' }),
    ).toEqual({
      title: 'Failed on LinkedIn',
      body: 'Acme Corp\nThe access token expired; reconnect the account.',
    });
    expect(publishResultText({ ...base, status: 'failed', url: null, message: null }).body).toBe('Acme Corp\nThe platform gave no reason.');
  });

  it('asks the user to check when the outcome is unknown', () => {
    const text = publishResultText({ ...base, platform: 'instagram', status: 'unknown', url: null });
    expect(text.title).toBe('Check Instagram: result unknown');
    expect(text.body).toContain('Acme Corp');
    expect(text.body).toContain('check');
  });

  it('keeps a long message to a notification-sized body', () => {
    const text = publishResultText({ ...base, status: 'failed', url: null, message: 'x'.repeat(5000) });
    expect(Array.from(text.body).length).toBeLessThanOrEqual(240);
    expect(text.body.endsWith('…')).toBe(true);
  });
});

describe('missedTargetsText', () => {
  it('counts posts, not targets, and lists where they were due', () => {
    const text = missedTargetsText([
      target({ id: 't1', postId: 'p1', platform: 'linkedin' }),
      target({ id: 't2', postId: 'p1', platform: 'twitter' }),
      target({ id: 't3', postId: 'p2', platform: 'twitter' }),
    ]);
    expect(text.title).toBe('2 posts missed their time');
    expect(text.body.split('\n')[0]).toBe('LinkedIn (Acme Corp), X (Twitter) (Acme Corp)');
  });

  it('uses the singular for one post', () => {
    expect(missedTargetsText([target({})]).title).toBe('1 post missed its time');
  });
});

describe('expiringAccountsText', () => {
  const account = (expiresAt: string): AccountView => ({
    id: 'a1',
    platform: 'linkedin',
    name: 'Ada Lovelace',
    externalId: 'urn:li:person:abc',
    status: 'connected',
    tokenExpiresAt: expiresAt,
    statusMessage: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    avatarUrl: null,
    connection: 'oauth',
    loginKind: null,
    verifiedAt: '2026-01-01T00:00:00.000Z',
    autoRenews: false,
    problem: null,
  });

  it('names the account and the day its sign-in runs out, and what to do before then', () => {
    const text = expiringAccountsText([account('2999-03-05T10:00:00.000Z')], { locale: 'en-GB', timeZone: 'UTC' });
    expect(text.title).toBe('Reconnect an account');
    expect(text.body).toBe(
      'LinkedIn (Ada Lovelace)\nIts sign-in runs out on 5 Mar 2999. Reconnect it under Accounts before then, so scheduled posts go out.',
    );
  });

  it('says when it already ran out', () => {
    expect(expiringAccountsText([account('2020-01-01T00:00:00.000Z'), account('2020-02-01T00:00:00.000Z')]).body).toMatch(
      /^LinkedIn \(Ada Lovelace\), LinkedIn \(Ada Lovelace\)\nIts sign-in has run out/,
    );
  });
});

describe('wakeSummaryNotificationText', () => {
  const counts = (publishedLate: number, missed: number, failed = 0) => ({
    counts: { due: publishedLate + missed + failed, publishedLate, publishing: 0, rescheduled: 0, missed, failed },
  });

  it('sums up the posts due while asleep in one notification, and says what is left to do', () => {
    expect(wakeSummaryNotificationText(counts(2, 1))).toEqual({
      title: '3 posts were due while this computer was asleep',
      body: '2 published late, 1 missed.\nOpen the app to publish the missed ones now or reschedule them.',
    });
    expect(wakeSummaryNotificationText(counts(1, 0))).toEqual({
      title: '1 post was due while this computer was asleep',
      body: '1 published late.\nNothing is left to do.',
    });
  });
});
