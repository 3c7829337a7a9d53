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

/** A post with one of its targets replaced; the same object when the target is not the post's. */
export function applyTargetToPost(post: PostView, target: TargetView): PostView {
  if (target.postId !== post.id) return post;
  const index = post.targets.findIndex((existing) => existing.id === target.id);
  const targets = index === -1 ? [...post.targets, target] : post.targets.map((existing, i) => (i === index ? target : existing));
  return { ...post, targets };
}

export function applyTargetToPosts(posts: readonly PostView[], target: TargetView): PostView[] {
  const index = posts.findIndex((post) => post.id === target.postId);
  if (index === -1) return posts as PostView[];
  const next = posts.slice();
  next[index] = applyTargetToPost(posts[index], target);
  return next;
}
