// Settles a post's status from its targets and builds the view every client is told about.
// Synchronous, so it runs inside the same group-committed transaction as the change that caused it.
import type { PostView } from '../../../shared/domain';
import type { PublishingContext } from './context';
import type { PublishStatements } from './publish-statements';
import { aggregatePostStatus } from './post-status';
import { postView } from './views';

export function settlePost(statements: PublishStatements, postId: string, now: number): PostView | undefined {
  const post = statements.findPost(postId);
  if (!post) return undefined;
  const targets = statements.listTargetsOfPost(postId);
  const status = aggregatePostStatus(
    post.status,
    targets.map((target) => target.status),
  );
  if (status !== post.status) {
    statements.setPostStatus(postId, status, now);
    post.status = status;
    post.updated_at = now;
  }
  return postView(post, targets);
}

/** Settles the post in a write of its own and tells every client. */
export async function refreshPost(ctx: PublishingContext, postId: string): Promise<PostView | undefined> {
  const now = ctx.now();
  const view = await ctx.writes.write(() => settlePost(ctx.statements, postId, now));
  if (view) announcePost(ctx, view);
  return view;
}

export function announcePost(ctx: PublishingContext, view: PostView): void {
  ctx.events.emit('post:changed', { post: view });
  ctx.queueChanged();
}
