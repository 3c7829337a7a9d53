import { describe, expect, it } from 'vitest';
import { JOB_STATES, POST_STATUSES, TARGET_STATUSES } from '../../shared/domain';
import {
  JOB_STATE_ORDER,
  POST_STATUS_META,
  TARGET_STATUS_META,
  isEditable,
  isQueued,
  postStatusView,
  targetsNeedingAttention,
} from '../../renderer/src/lib/status';
import { post, target } from './fixtures';

describe('status meta', () => {
  it('colours success green, failure red and the unknown as a warning', () => {
    expect(POST_STATUS_META.published.tone).toBe('success');
    expect(POST_STATUS_META.failed.tone).toBe('danger');
    expect(POST_STATUS_META.scheduled.tone).toBe('info');
    expect(TARGET_STATUS_META.unknown.tone).toBe('warning');
  });

  it('labels every status and every job state', () => {
    for (const status of POST_STATUSES) expect(POST_STATUS_META[status].label).not.toBe('');
    for (const status of TARGET_STATUSES) expect(TARGET_STATUS_META[status].label).not.toBe('');
    expect([...JOB_STATE_ORDER].sort()).toEqual([...JOB_STATES].sort());
  });
});

describe('isEditable', () => {
  it('allows drafts, scheduled, failed and cancelled posts with nothing live', () => {
    for (const status of ['draft', 'scheduled', 'failed', 'cancelled'] as const) expect(isEditable(post('p', { status }))).toBe(true);
    expect(isEditable(post('p', { status: 'published' }))).toBe(false);
    expect(isEditable(post('p', { status: 'publishing' }))).toBe(false);
  });

  it('refuses a failed post that is partly live', () => {
    const partly = post('p', {
      status: 'failed',
      targets: [target('a', 'p', 'twitter', { status: 'published' }), target('b', 'p', 'facebook', { status: 'failed' })],
    });
    expect(isEditable(partly)).toBe(false);
  });

  it('knows which posts stay queued when edited', () => {
    expect(isQueued('scheduled')).toBe(true);
    expect(isQueued('failed')).toBe(true);
    expect(isQueued('draft')).toBe(false);
  });
});

describe('postStatusView', () => {
  it('reads a failed post that is live somewhere as partly published, counting what was not cancelled', () => {
    const partly = post('p', {
      status: 'failed',
      targets: [
        target('a', 'p', 'twitter', { status: 'published' }),
        target('b', 'p', 'linkedin', { status: 'failed' }),
        target('c', 'p', 'facebook', { status: 'cancelled' }),
      ],
    });
    expect(postStatusView(partly)).toEqual({ status: 'partial', label: 'Partly published — 1 of 2', tone: 'warning', live: 1, total: 2 });
    expect(targetsNeedingAttention(partly).map((entry) => entry.id)).toEqual(['b']);
  });

  it('reads a post that failed nowhere but could not be confirmed as needing a check, not as failed', () => {
    const unsure = post('p', { status: 'failed', targets: [target('a', 'p', 'linkedin', { status: 'unknown' })] });
    expect(postStatusView(unsure)).toMatchObject({ status: 'unconfirmed', label: 'Needs your check', tone: 'warning' });
  });

  it('keeps the stored status otherwise', () => {
    expect(postStatusView(post('p', { status: 'failed', targets: [target('a', 'p', 'twitter', { status: 'failed' })] }))).toMatchObject({
      status: 'failed',
      label: 'Failed',
      tone: 'danger',
    });
    expect(postStatusView(post('p', { status: 'published', targets: [target('a', 'p', 'twitter', { status: 'published' })] }))).toMatchObject({
      status: 'published',
      live: 1,
      total: 1,
    });
  });
});
