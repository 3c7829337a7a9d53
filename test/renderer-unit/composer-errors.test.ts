import { describe, expect, it } from 'vitest';
import { composerErrors, composerFieldOf } from '../../renderer/src/lib/composer-errors';

describe('composerFieldOf', () => {
  const sent = ['twitter', 'youtube'] as const;
  it('maps input paths to composer slots', () => {
    expect(composerFieldOf('text', sent)).toBe('text');
    expect(composerFieldOf('mediaUrls.2', sent)).toBe('media');
    expect(composerFieldOf('media.1', sent)).toBe('media');
    expect(composerFieldOf('scheduledAt', sent)).toBe('when');
    expect(composerFieldOf('timeZone', sent)).toBe('timeZone');
    expect(composerFieldOf('targets', sent)).toBe('accounts');
    expect(composerFieldOf('targets.0.accountId', sent)).toBe('accounts');
    expect(composerFieldOf('targets.0.text', sent)).toBe('twitter:text');
    expect(composerFieldOf('targets.1.options.title', sent)).toBe('youtube:options.title');
    expect(composerFieldOf('targets.0.options.thread.1', sent)).toBe('twitter:options.thread.1');
    expect(composerFieldOf('targets.7.text', sent)).toBe('accounts');
    expect(composerFieldOf(undefined, sent)).toBe('form');
    expect(composerFieldOf('id', sent)).toBe('form');
  });
});

describe('composerErrors', () => {
  it('puts the message in its slot and spreads rule violations from details', () => {
    const errors = composerErrors(
      {
        code: 'rule_violation',
        message: 'X allows 280 weighted characters; this text has 300.',
        field: 'targets.0.text',
        details: [
          { platform: 'twitter', rule: 'text-too-long', field: 'text', message: 'X allows 280' },
          { platform: 'youtube', rule: 'title-required', field: 'options.title', message: 'YouTube needs a video title.' },
        ],
      },
      ['twitter', 'youtube'],
    );
    expect(errors).toEqual({
      'twitter:text': 'X allows 280 weighted characters; this text has 300.',
      'youtube:options.title': 'YouTube needs a video title.',
    });
  });

  it('reads validation details with input paths', () => {
    const errors = composerErrors(
      {
        code: 'validation',
        message: 'scheduledAt must be an ISO-8601 date',
        field: 'scheduledAt',
        details: [
          { field: 'scheduledAt', message: 'must be an ISO-8601 date' },
          { field: 'mediaUrls.0', message: 'must be an http(s) URL' },
        ],
      },
      [],
    );
    expect(errors).toEqual({ when: 'scheduledAt must be an ISO-8601 date', media: 'must be an http(s) URL' });
  });

  it('puts an error without a field on the form', () => {
    expect(composerErrors({ code: 'conflict', message: 'The post is publishing.' }, [])).toEqual({ form: 'The post is publishing.' });
  });
});
