// A post's status as a pill; "Partly published — 1 of 2" wears both colours, live and failed.
import type { PostView, TargetView } from '../../../shared/domain';
import { postStatusView } from '../lib/status';

export function PostStatusBadge({ post }: { post: Pick<PostView, 'status'> & { targets: readonly Pick<TargetView, 'status'>[] } }) {
  const view = postStatusView(post);
  return (
    <span
      className={`badge tone-${view.tone}${view.status === 'partial' ? ' badge-partial' : ''}`}
      data-testid="post-status"
      data-status={view.status}
    >
      <span className="badge-dot" aria-hidden="true" />
      {view.label}
    </span>
  );
}
