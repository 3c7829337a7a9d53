import { describe, expect, it } from 'vitest';
import { applyTargetToPost, applyTargetToPosts, newerPost, removeById, upsertById, upsertPost } from '../../renderer/src/lib/live-updates';
import { postSummary, targetSummary } from '../../shared/post-summary';
import { post, target } from './fixtures';

describe('upsertById / removeById', () => {
  const a = { id: 'a', v: 1 };
  const b = { id: 'b', v: 1 };

  it('replaces in place, appends new, drops when not kept', () => {
    expect(upsertById([a, b], { id: 'a', v: 2 })).toEqual([{ id: 'a', v: 2 }, b]);
    expect(upsertById([a], b)).toEqual([a, b]);
    expect(upsertById([a, b], { id: 'a', v: 2 }, false)).toEqual([b]);
  });

  it('returns the same list when nothing changes', () => {
    const list = [a, b];
    expect(upsertById(list, { id: 'c', v: 0 }, false)).toBe(list);
    expect(removeById(list, 'zzz')).toBe(list);
    expect(removeById(list, 'a')).toEqual([b]);
  });
});

describe('applyTarget', () => {
  it('replaces the matching target of the matching post', () => {
    const p = post('p1', { targets: [target('t1', 'p1', 'twitter'), target('t2', 'p1', 'facebook')] });
    const changed = target('t2', 'p1', 'facebook', { status: 'failed', errorMessage: 'nope' });
    const next = applyTargetToPost(p, changed);
    expect(next.targets[1]).toBe(changed);
    expect(next.targets[0]).toBe(p.targets[0]);
    expect(p.targets[1]!.status).toBe('pending');
  });

  it('leaves other posts and unknown posts alone', () => {
    const list = [post('p1'), post('p2')];
    expect(applyTargetToPost(list[0]!, target('x', 'p2', 'twitter'))).toBe(list[0]);
    expect(applyTargetToPosts(list, target('x', 'p9', 'twitter'))).toBe(list);
    const next = applyTargetToPosts(list, target('p2-t1', 'p2', 'twitter', { status: 'published' }));
    expect(next[0]).toBe(list[0]);
    expect(next[1]!.targets[0]!.status).toBe('published');
  });
});

// Retry's answer is built while the target is pending; the events of the worker publishing it can arrive first.
describe('a stale answer never hides a later change', () => {
  const at = (second: number): string => `2026-03-10T09:00:${String(second).padStart(2, '0')}.000Z`;
  const retried = post('p1', { status: 'publishing', updatedAt: at(1), targets: [target('t1', 'p1', 'linkedin', { updatedAt: at(1) })] });
  const published = post('p1', {
    status: 'published',
    updatedAt: at(3),
    targets: [target('t1', 'p1', 'linkedin', { status: 'published', platformPostId: 'urn:1', updatedAt: at(3) })],
  });

  it('keeps the newer post and the newer copy of each target, in either order of arrival', () => {
    expect(newerPost(published, retried)).toEqual(published);
    expect(newerPost(retried, published)).toEqual(published);
    expect(newerPost(null, retried)).toBe(retried);
    expect(applyTargetToPost(published, retried.targets[0]!)).toBe(published);
    expect(upsertPost([published], retried)).toEqual([published]);
  });

  it('takes each target from whichever copy changed it last', () => {
    const a = target('a', 'p2', 'twitter', { updatedAt: at(5), status: 'published' });
    const b = target('b', 'p2', 'facebook', { updatedAt: at(2), status: 'failed' });
    const held = post('p2', { status: 'failed', updatedAt: at(5), targets: [a, b] });
    // The post copy held is the newer one, yet the answer holds the later change of the Facebook target.
    const bRetried = { ...b, status: 'pending' as const, updatedAt: at(4) };
    const answer = post('p2', { status: 'publishing', updatedAt: at(4), targets: [{ ...a, status: 'publishing', updatedAt: at(3) }, bRetried] });
    const merged = newerPost(held, answer);
    expect(merged.status).toBe('failed');
    expect(merged.targets).toEqual([a, bRetried]);
  });

  it('asks whether the post belongs of what it keeps', () => {
    expect(upsertPost([published], retried, (kept) => kept.status !== 'published')).toEqual([]);
    expect(upsertPost([retried], published, (kept) => kept.status === 'published')).toEqual([published]);
  });
});

describe('the calendar’s summaries follow the same rules', () => {
  const at = (second: number): string => `2026-03-10T09:00:${String(second).padStart(2, '0')}.000Z`;
  const held = postSummary(
    post('p1', { status: 'publishing', updatedAt: at(2), targets: [target('t1', 'p1', 'linkedin', { status: 'publishing', updatedAt: at(2) })] }),
  );

  it('take a target change in the summary’s own shape, unless the summary holds a newer copy', () => {
    const live = target('t1', 'p1', 'linkedin', { status: 'published', platformPostUrl: 'https://www.linkedin.com/feed/update/1', updatedAt: at(3) });
    const [next] = applyTargetToPosts([held], live, targetSummary);
    expect(next!.targets).toEqual([
      { id: 't1', accountId: 'acc-linkedin', accountName: 'linkedin account', platform: 'linkedin', status: 'published', updatedAt: at(3) },
    ]);
    expect(applyTargetToPosts([held], { ...live, status: 'pending', updatedAt: at(1) }, targetSummary)).toEqual([held]);
  });

  it('keep the newer copy when an event’s post is made a summary', () => {
    const stale = postSummary(post('p1', { status: 'scheduled', updatedAt: at(1), targets: [target('t1', 'p1', 'linkedin', { updatedAt: at(1) })] }));
    expect(upsertPost([held], stale)).toEqual([held]);
    const newer = postSummary(
      post('p1', {
        status: 'published',
        text: 'x'.repeat(700),
        updatedAt: at(4),
        targets: [target('t1', 'p1', 'linkedin', { status: 'published', updatedAt: at(4) })],
      }),
    );
    const [kept] = upsertPost([held], newer);
    expect(kept).toEqual(newer);
    expect(kept!.text).toHaveLength(600);
  });
});
