// For a post live on some platforms and failed on others: where it is live (with the link) and what needs
// attention, so nobody reposts it where it already is.
import type { PostView } from '../../../../shared/domain';
import { Icon } from '../../components/Icon';
import { PlatformIcon } from '../../components/PlatformIcon';
import { targetsNeedingAttention } from '../../lib/status';
import { targetLabel } from '../../lib/target-label';

export function LiveSummary({ post }: { post: PostView }) {
  const live = post.targets.filter((target) => target.status === 'published');
  const attention = targetsNeedingAttention(post);
  return (
    <span className="live-summary" data-testid="live-summary">
      <span className="live-summary-part tone-success" data-testid="live-on">
        <Icon name="check" size={14} /> Live on
        {live.map((target) => (
          <span key={target.id} className="live-summary-target">
            <PlatformIcon platform={target.platform} size={16} decorative />
            {target.platformPostUrl ? (
              <a href={target.platformPostUrl} target="_blank" rel="noopener noreferrer">
                {targetLabel(target, post.targets)}
              </a>
            ) : (
              targetLabel(target, post.targets)
            )}
          </span>
        ))}
      </span>
      <span className="live-summary-part tone-danger" data-testid="needs-attention-on">
        <Icon name="alert" size={14} /> Needs attention:
        {attention.map((target) => (
          <span key={target.id} className="live-summary-target">
            <PlatformIcon platform={target.platform} size={16} decorative />
            {targetLabel(target, post.targets)}
          </span>
        ))}
      </span>
    </span>
  );
}
