import { describe, expect, it } from 'vitest';
import { schemas } from '../../shared/contract';
import { accountAddInput, accountReconnectInput } from '../../renderer/src/lib/account-form';
import { accountProblems, accountsNeedingAttention, accountState, groupByPlatform, tokenExpiry } from '../../renderer/src/lib/accounts';
import { account } from './fixtures';

describe('groupByPlatform', () => {
  it('groups in platform order with names sorted, leaving empty platforms out', () => {
    const groups = groupByPlatform([account('1', 'youtube', 'b'), account('2', 'instagram', 'z'), account('3', 'youtube', 'a')]);
    expect(groups.map((group) => group.platform)).toEqual(['instagram', 'youtube']);
    expect(groups[1]!.accounts.map((a) => a.name)).toEqual(['a', 'b']);
  });

  it('finds the accounts that want the user: a problem of any kind, or a sign-in running out within a week', () => {
    const now = new Date('2026-03-01T00:00:00Z');
    const missingId = { ...account('3', 'linkedin'), problem: { kind: 'missing_id' as const, message: 'Fill in the URN.' } };
    const expiring = { ...account('4', 'linkedin'), tokenExpiresAt: '2026-03-05T00:00:00Z' };
    const found = accountsNeedingAttention([account('1', 'tiktok', 'a', 'needs_reconnect'), account('2', 'twitter'), missingId, expiring], now);
    expect(found.map((each) => each.id)).toEqual(['1', '3', '4']);
  });

  it('names each problem by its cause, and lists them for the composer', () => {
    expect(accountState(account('1', 'tiktok', 'a', 'needs_reconnect'))).toEqual({ label: 'Needs reconnect', tone: 'danger' });
    expect(accountState({ problem: { kind: 'missing_id', message: '' } })).toEqual({ label: 'Id missing', tone: 'warning' });
    expect(accountState({ problem: { kind: 'unverified', message: '' } }).label).toBe('Not checked');
    expect(accountState(account('2', 'twitter'))).toEqual({ label: 'Connected', tone: 'success' });
    expect(accountProblems([account('1', 'tiktok', 'Shop', 'needs_reconnect'), account('2', 'twitter')])).toEqual([
      { accountId: '1', kind: 'needs_reconnect', message: 'Shop: Reconnect it.' },
    ]);
  });
});

describe('tokenExpiry', () => {
  const now = new Date('2026-03-01T00:00:00Z');
  it('says whether the token is gone, about to go, or fine', () => {
    expect(tokenExpiry(null, now)).toEqual({ state: 'none' });
    expect(tokenExpiry('2026-02-28T00:00:00Z', now)).toEqual({ state: 'expired' });
    expect(tokenExpiry('2026-03-03T12:00:00Z', now)).toEqual({ state: 'soon', days: 2 });
    expect(tokenExpiry('2026-05-01T00:00:00Z', now)).toEqual({ state: 'ok', days: 61 });
  });
});

describe('account forms', () => {
  it('leaves empty optional fields out and reads the expiry in the zone', () => {
    const input = accountAddInput(
      { platform: 'linkedin', name: ' Acme ', accessToken: ' tok ', refreshToken: '', expiresAt: '2026-06-01T12:00', externalId: '' },
      'Europe/Berlin',
    );
    expect(input).toEqual({ platform: 'linkedin', name: 'Acme', accessToken: 'tok', expiresAt: '2026-06-01T12:00:00.000+02:00' });
    expect(schemas.accountAdd.safeParse(input).success).toBe(true);
  });

  it('rejects an unreadable expiry as a field error', () => {
    expect(() =>
      accountAddInput({ platform: 'twitter', name: 'a', accessToken: 't', refreshToken: '', expiresAt: 'soon', externalId: '' }, 'UTC'),
    ).toThrowError(expect.objectContaining({ field: 'expiresAt' }) as Error);
  });

  it('replaces the token and clears what belonged to the old one', () => {
    const input = accountReconnectInput('a1', { accessToken: 'new', refreshToken: '', expiresAt: '' }, 'UTC');
    expect(input).toEqual({ id: 'a1', accessToken: 'new', refreshToken: null, expiresAt: null });
    expect(schemas.accountUpdate.safeParse(input).success).toBe(true);
  });
});
