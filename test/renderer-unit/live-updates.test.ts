import { describe, expect, it } from 'vitest';
import { applyTargetToPost, applyTargetToPosts, removeById, upsertById } from '../../renderer/src/lib/live-updates';
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
