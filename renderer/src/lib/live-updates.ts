// Engine events folded into lists the views hold, so screens stay current without polling.
import type { PostView, TargetView } from '../../../shared/domain';
import type { PostSummary } from '../../../shared/post-summary';

interface HasId {
  id: string;
}

/** Replaces the item with the same id, or appends it; `keep` false removes it (e.g. a post that left the visible range). */
export function upsertById<T extends HasId>(items: readonly T[], item: T, keep = true): T[] {
  const index = items.findIndex((existing) => existing.id === item.id);
  if (!keep) return index === -1 ? (items as T[]) : items.filter((existing) => existing.id !== item.id);
  if (index === -1) return [...items, item];
  const next = items.slice();
  next[index] = item;
  return next;
}

export function removeById<T extends HasId>(items: readonly T[], id: string): T[] {
  return items.some((item) => item.id === id) ? items.filter((item) => item.id !== id) : (items as T[]);
}

// The engine raises a post's or target's updatedAt with every change it stores, so of two copies the one with the
// later updatedAt is the truth. An action's answer travels apart from the events (a reply and a push), and can arrive
// after the event of a later change: built before the worker published, it would show "publishing" for good.
function isOlder(incoming: { updatedAt: string }, held: { updatedAt: string }): boolean {
  return Date.parse(incoming.updatedAt) < Date.parse(held.updatedAt);
}

/** A post as a list holds it: the full view, or the calendar's summary (whose targets are summaries too). */
type HeldPost = PostView | PostSummary;

/** The newer of the copies of each target, in the list of the newer copy of the post. */
export function newerPost<P extends HeldPost>(held: P | null | undefined, incoming: P): P {
  if (!held || held.id !== incoming.id) return incoming;
  const [base, other] = isOlder(incoming, held) ? [held, incoming] : [incoming, held];
  const others: readonly { id: string; updatedAt: string }[] = other.targets;
  const targets = (base.targets as readonly { id: string; updatedAt: string }[]).map((target) => {
    const copy = others.find((candidate) => candidate.id === target.id);
    return copy && isOlder(target, copy) ? copy : target;
  });
  return { ...base, targets } as P;
}

/**
 * A post with one of its targets replaced, unless the post holds a newer copy; the same object when nothing changes.
 * `shape` makes the held form of a target (the calendar keeps summaries).
 */
export function applyTargetToPost<P extends HeldPost>(post: P, target: TargetView, shape?: (target: TargetView) => P['targets'][number]): P {
  if (target.postId !== post.id) return post;
  const held: readonly { id: string; updatedAt: string }[] = post.targets;
  const index = held.findIndex((existing) => existing.id === target.id);
  if (index !== -1 && isOlder(target, held[index])) return post;
  const copy = shape ? shape(target) : target;
  const targets = index === -1 ? [...held, copy] : held.map((existing, i) => (i === index ? copy : existing));
  return { ...post, targets } as P;
}

/** `upsertById` for posts: a copy older than the one held does not replace it (see `newerPost`); `belongs` is asked of the result. */
export function upsertPost<P extends HeldPost>(posts: readonly P[], post: P, belongs: (post: P) => boolean = () => true): P[] {
  const next = newerPost(
    posts.find((existing) => existing.id === post.id),
    post,
  );
  return upsertById(posts, next, belongs(next));
}

export function applyTargetToPosts<P extends HeldPost>(
  posts: readonly P[],
  target: TargetView,
  shape?: (target: TargetView) => P['targets'][number],
): P[] {
  const index = posts.findIndex((post) => post.id === target.postId);
  if (index === -1) return posts as P[];
  const next = posts.slice();
  next[index] = applyTargetToPost(posts[index], target, shape);
  return next;
}
