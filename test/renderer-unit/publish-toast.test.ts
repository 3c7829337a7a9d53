import { describe, expect, it } from 'vitest';
import { publishOutcome } from '../../renderer/src/lib/publish-toast';
import { post, target } from './fixtures';

describe('publishOutcome', () => {
  it('waits while the post is still on its way', () => {
    expect(publishOutcome(post('p', { status: 'publishing' }))).toBeNull();
    expect(publishOutcome(post('p', { status: 'scheduled' }))).toBeNull();
  });

  it('names where it went live, leaving out what was live before a retry', () => {
    const done = post('p', {
      status: 'published',
      targets: [target('x', 'p', 'twitter', { status: 'published' }), target('li', 'p', 'linkedin', { status: 'published' })],
    });
    expect(publishOutcome(done)).toMatchObject({ tone: 'success', message: 'Published on X (Twitter) and LinkedIn.', href: '#/posts/p' });
    expect(publishOutcome(done, new Set(['x']))?.message).toBe('Published on LinkedIn.');
  });

  it('says partly published, or not published, and what needs attention', () => {
    const partly = post('p', {
      status: 'failed',
      targets: [target('x', 'p', 'twitter', { status: 'published' }), target('li', 'p', 'linkedin', { status: 'failed' })],
    });
    expect(publishOutcome(partly)).toMatchObject({ tone: 'warning', message: 'Partly published — 1 of 2: LinkedIn needs attention.' });
    const failed = post('p', { status: 'failed', targets: [target('li', 'p', 'linkedin', { status: 'failed' })] });
    expect(publishOutcome(failed)).toMatchObject({ tone: 'danger', message: 'Not published: LinkedIn needs attention.' });
    const unsure = post('p', { status: 'failed', targets: [target('li', 'p', 'linkedin', { status: 'unknown' })] });
    expect(publishOutcome(unsure)).toMatchObject({ tone: 'warning', message: 'Could not confirm whether it went live on LinkedIn: please check.' });
  });
});
