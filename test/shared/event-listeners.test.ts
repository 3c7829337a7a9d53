// The listener registry both window.api bridges use.
import { describe, expect, it, vi } from 'vitest';
import { createEventListeners } from '../../shared/contract/event-listeners';

describe('event listeners', () => {
  it('dispatches to the listeners of that event only, until they unsubscribe', () => {
    const listeners = createEventListeners();
    const deleted: string[] = [];
    const unsubscribe = listeners.add('post:deleted', ({ postId }) => deleted.push(postId));
    listeners.add('account:removed', () => deleted.push('wrong event'));
    listeners.dispatch('post:deleted', { postId: 'p1' });
    unsubscribe();
    listeners.dispatch('post:deleted', { postId: 'p2' });
    expect(deleted).toEqual(['p1']);
  });

  it('drops unknown event names and keeps going past a failing listener', () => {
    const listeners = createEventListeners();
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const seen: string[] = [];
    listeners.add('post:deleted', () => {
      throw new Error('boom');
    });
    listeners.add('post:deleted', ({ postId }) => seen.push(postId));
    listeners.dispatch('not:an-event', {});
    listeners.dispatch('post:deleted', { postId: 'p1' });
    expect(seen).toEqual(['p1']);
    expect(error).toHaveBeenCalledOnce();
    error.mockRestore();
  });
});
