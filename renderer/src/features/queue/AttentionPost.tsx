// A post with a platform that failed or could not be confirmed: what happened there and the fix, with the action
// that applies. A platform where the post is live is named as live and never offered again.
import { memo } from 'react';
import type { AccountStatus, PostView } from '../../../../shared/domain';
import { Icon } from '../../components/Icon';
import { PlatformIcon } from '../../components/PlatformIcon';
import { PostStatusBadge } from '../../components/PostStatusBadge';
import { postEventTime, postLine } from '../../lib/calendar-events';
import { adviseTarget } from '../../lib/error-advice';
import { editPostHref, postHref, reconnectHref } from '../../lib/route';
import { isEditable, targetsNeedingAttention } from '../../lib/status';
import { targetLabel } from '../../lib/target-label';
import { formatInstant, userTimeZone } from '../../lib/time';

interface AttentionPostProps {
  post: PostView;
  accountStatus: (accountId: string | null) => AccountStatus | null | undefined;
  busy: boolean;
  onRetry: (post: PostView, targetId: string) => void;
}

export const AttentionPost = memo(function AttentionPost({ post, accountStatus, busy, onRetry }: AttentionPostProps) {
  const at = postEventTime(post);
  const live = post.targets.filter((target) => target.status === 'published');
  const editable = isEditable(post);
  return (
    <li className="attention-post" data-testid="attention-post" data-post-id={post.id}>
      <div className="attention-head">
        <a className="attention-text" href={postHref(post.id)}>
          {postLine(post)}
        </a>
        <PostStatusBadge post={post} />
      </div>
      <p className="muted attention-when">
        {at ? formatInstant(at, userTimeZone(), 'short') : ''}
        {live.length > 0 ? ` · live on ${live.map((target) => targetLabel(target, post.targets)).join(' and ')}` : ''}
      </p>
      <ul className="attention-targets">
        {targetsNeedingAttention(post).map((target) => {
          const advice = adviseTarget({ status: target.status, errorMessage: target.errorMessage, accountStatus: accountStatus(target.accountId) });
          if (!advice) return null;
          return (
            <li
              key={target.id}
              className="attention-target"
              data-testid="attention-target"
              data-platform={target.platform}
              data-status={target.status}
            >
              <PlatformIcon platform={target.platform} size={22} decorative />
              <div className="attention-advice">
                <p className="attention-headline">
                  <strong>{targetLabel(target, post.targets)}:</strong> {advice.headline}
                </p>
                <p className="muted">{advice.suggestion}</p>
              </div>
              <div className="attention-actions">
                {advice.actions.includes('reconnect') && target.accountId ? (
                  <a className="button" href={reconnectHref(target.accountId)}>
                    Reconnect
                  </a>
                ) : null}
                {advice.actions.includes('edit') && editable ? (
                  <a className="button" href={editPostHref(post.id)}>
                    Edit
                  </a>
                ) : null}
                {advice.actions.includes('resolve') ? (
                  <a className="button" href={postHref(post.id)}>
                    Check and decide
                  </a>
                ) : null}
                {advice.actions.includes('retry') ? (
                  <button type="button" className="button" disabled={busy} onClick={() => onRetry(post, target.id)}>
                    <Icon name="retry" /> Retry {targetLabel(target, post.targets)}
                  </button>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
    </li>
  );
});
