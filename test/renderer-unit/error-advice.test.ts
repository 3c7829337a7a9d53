import { describe, expect, it } from 'vitest';
import { adviseTarget, classifyError } from '../../renderer/src/lib/error-advice';

describe('classifyError', () => {
  it('recognises the common failures', () => {
    expect(classifyError('The access token expired. Reconnect the account.')).toBe('auth');
    expect(classifyError('X allows 280 weighted characters; this text has 300. Shorten it by 20.')).toBe('too-long');
    expect(classifyError('Rate limit reached; try again later.')).toBe('rate-limit');
    expect(classifyError('You are not allowed to create a Tweet with duplicate content.')).toBe('duplicate');
    expect(classifyError('The video could not be processed: unsupported format.')).toBe('media');
    expect(classifyError('Missed: it was 3 hours late, beyond the late tolerance.')).toBe('missed');
    expect(classifyError('Something odd')).toBe('generic');
    expect(classifyError(null)).toBe('generic');
  });
});

describe('adviseTarget', () => {
  it('offers nothing for targets that are fine', () => {
    for (const status of ['pending', 'publishing', 'published', 'cancelled'] as const) {
      expect(adviseTarget({ status, errorMessage: null })).toBeNull();
    }
  });

  it('asks the user to check an unknown outcome', () => {
    const advice = adviseTarget({ status: 'unknown', errorMessage: 'timeout' });
    expect(advice?.kind).toBe('unknown-outcome');
    expect(advice?.actions).toEqual(['resolve']);
  });

  it('sends an auth failure to reconnect, also when only the account says so', () => {
    expect(adviseTarget({ status: 'failed', errorMessage: 'Token expired', accountStatus: 'connected' })?.actions).toEqual(['reconnect', 'retry']);
    expect(adviseTarget({ status: 'failed', errorMessage: 'Server said no', accountStatus: 'needs_reconnect' })?.kind).toBe('auth');
    expect(adviseTarget({ status: 'failed', errorMessage: 'Token expired', accountStatus: null })?.actions).toEqual(['retry']);
  });

  it('never says reconnect when signing in again would not help: a missing id, a locked credential store, a developer app', () => {
    const missing = adviseTarget({
      status: 'failed',
      errorMessage: 'The LinkedIn member or organization URN of this account is not known. Fill it in under Accounts, then retry the post.',
      accountStatus: 'connected',
    });
    expect(missing).toMatchObject({ kind: 'account-id', actions: ['fix-account', 'retry'] });
    expect(missing?.suggestion).not.toMatch(/reconnect/i);
    const locked = adviseTarget({
      status: 'failed',
      errorMessage: 'The credential store is locked or missing: the macOS Keychain cannot be read (locked). Nothing was sent to the platform.',
      accountStatus: 'connected',
    });
    expect(locked).toMatchObject({ kind: 'credentials', actions: ['retry'] });
    expect(locked?.suggestion).toMatch(/No need to reconnect/);
    expect(
      adviseTarget({ status: 'failed', errorMessage: 'The X developer app’s credentials were refused, so the sign-in cannot be renewed.' })?.kind,
    ).toBe('developer-app');
  });

  it('suggests shortening, and keeps the engine’s message as the headline', () => {
    const advice = adviseTarget({ status: 'failed', errorMessage: 'X allows 280 weighted characters; this text has 300.' });
    expect(advice?.kind).toBe('too-long');
    expect(advice?.headline).toBe('X allows 280 weighted characters; this text has 300.');
    expect(advice?.actions).toContain('edit');
  });

  it('falls back to retry with a plain headline', () => {
    const advice = adviseTarget({ status: 'failed', errorMessage: null });
    expect(advice?.kind).toBe('generic');
    expect(advice?.headline).toBe('The platform did not publish this post.');
    expect(advice?.actions).toEqual(['retry']);
  });
});
