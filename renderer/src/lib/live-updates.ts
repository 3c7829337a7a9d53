// Engine events folded into lists the views hold, so screens stay current without polling.
import type { PostView, TargetView } from '../../../shared/domain';

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

/** The newer of the copies of each target, in the list of the newer copy of the post. */
export function newerPost(held: PostView | null | undefined, incoming: PostView): PostView {
  if (!held || held.id !== incoming.id) return incoming;
  const [base, other] = isOlder(incoming, held) ? [held, incoming] : [incoming, held];
  const targets = base.targets.map((target) => {
    const copy = other.targets.find((candidate) => candidate.id === target.id);
    return copy && isOlder(target, copy) ? copy : target;
  });
  return { ...base, targets };
}

/** A post with one of its targets replaced, unless the post holds a newer copy; the same object when nothing changes. */
export function applyTargetToPost(post: PostView, target: TargetView): PostView {
  if (target.postId !== post.id) return post;
  const index = post.targets.findIndex((existing) => existing.id === target.id);
  if (index !== -1 && isOlder(target, post.targets[index])) return post;
  const targets = index === -1 ? [...post.targets, target] : post.targets.map((existing, i) => (i === index ? target : existing));
  return { ...post, targets };
}

/** `upsertById` for posts: a copy older than the one held does not replace it (see `newerPost`); `belongs` is asked of the result. */
export function upsertPost(posts: readonly PostView[], post: PostView, belongs: (post: PostView) => boolean = () => true): PostView[] {
  const next = newerPost(
    posts.find((existing) => existing.id === post.id),
    post,
  );
  return upsertById(posts, next, belongs(next));
}

export function applyTargetToPosts(posts: readonly PostView[], target: TargetView): PostView[] {
  const index = posts.findIndex((post) => post.id === target.postId);
  if (index === -1) return posts as PostView[];
  const next = posts.slice();
  next[index] = applyTargetToPost(posts[index], target);
  return next;
}
