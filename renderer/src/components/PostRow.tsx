// A post as one row of a list: when, its picture, its text, each account with how it went there, and its status.
import { memo } from 'react';
import { PLATFORM_LABELS } from '../../../shared/domain';
import type { PostSummary } from '../../../shared/post-summary';
import { postLine } from '../lib/calendar-events';
import { postThumbnail } from '../lib/post-thumbnail';
import { postHref } from '../lib/route';
import { TARGET_STATUS_META } from '../lib/status';
import { PlatformIcon } from './PlatformIcon';
import { PostStatusBadge } from './PostStatusBadge';
import { PostThumb } from './PostThumb';

export const PostRow = memo(function PostRow({ post, when, testId }: { post: PostSummary; when: string; testId: string }) {
  const thumbnail = postThumbnail(post);
  return (
    <a className="post-row" href={postHref(post.id)} data-testid={testId} data-post-id={post.id} data-status={post.status}>
      <span className="post-row-when">{when}</span>
      {thumbnail ? <PostThumb thumbnail={thumbnail} className="post-row-thumb" /> : <span className="post-row-thumb is-empty" aria-hidden="true" />}
      <span className="post-row-main">
        <span className="post-row-text">{postLine(post)}</span>
        <span className="post-row-accounts">
          {post.targets.map((target) => {
            const meta = TARGET_STATUS_META[target.status];
            return (
              <span key={target.id} className={`post-row-account tone-${meta.tone}`} data-testid="post-row-account" data-platform={target.platform}>
                <PlatformIcon platform={target.platform} size={16} decorative />
                <span className="visually-hidden">{PLATFORM_LABELS[target.platform]}: </span>
                {target.accountName}
                {target.status === 'pending' ? null : (
                  <span className="post-row-account-status" title={meta.description}>
                    {meta.label}
                  </span>
                )}
              </span>
            );
          })}
        </span>
      </span>
      <PostStatusBadge post={post} />
    </a>
  );
});
