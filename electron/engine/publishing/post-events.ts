// Tells every client what was stored: a post (with its targets) or a target, as its row now reads.
import type { PostView } from '../../../shared/domain';
import type { TargetRow } from '../db/tables';
import type { PublishingContext } from './context';
import type { StoredPost } from './store/target-store';
import { postView, targetView } from './views';

/** A stored post as clients see it, with its media entries. */
export function storedPostView(ctx: PublishingContext, stored: StoredPost): PostView {
  return postView(stored.post, stored.targets, ctx.postMedia?.views([stored.post.id]).get(stored.post.id));
}

export function announcePost(ctx: PublishingContext, stored: StoredPost): PostView {
  const view = storedPostView(ctx, stored);
  ctx.events.emit('post:changed', { post: view });
  ctx.queueChanged();
  return view;
}

export function announceTarget(ctx: PublishingContext, target: TargetRow): void {
  ctx.events.emit('target:changed', { target: targetView(target) });
}
