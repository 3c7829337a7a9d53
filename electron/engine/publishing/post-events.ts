// Re-reads a post after a change, settles its status from its targets, and tells every client.
import { findPost, updatePost } from '../db/repositories/posts.repository';
import { listTargetsOfPost } from '../db/repositories/targets.repository';
import type { PostView } from '../../../shared/domain';
import type { PublishingContext } from './context';
import { aggregatePostStatus } from './post-status';
import { postView } from './views';

export async function refreshPost(ctx: PublishingContext, postId: string): Promise<PostView | undefined> {
  const post = await findPost(ctx.db, postId);
  if (!post) return undefined;
  const targets = await listTargetsOfPost(ctx.db, postId);
  const status = aggregatePostStatus(
    post.status,
    targets.map((target) => target.status),
  );
  if (status !== post.status) {
    const updatedAt = ctx.now();
    await updatePost(ctx.db, postId, { status, updated_at: updatedAt });
    post.status = status;
    post.updated_at = updatedAt;
  }
  const view = postView(post, targets);
  ctx.events.emit('post:changed', { post: view });
  ctx.queueChanged();
  return view;
}
