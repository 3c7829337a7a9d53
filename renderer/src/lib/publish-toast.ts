// "Publishing to 2 accounts now." must not stay up beside a failure: the toast follows the post to its outcome and
// says it, or goes away when none comes in time.
import type { PostView } from '../../../shared/domain';
import { onEngineEvent } from './api';
import { postHref } from './route';
import { postStatusView, targetsNeedingAttention } from './status';
import { targetsLabel } from './target-label';
import { dismissToast, showToast, updateToast, type Toast } from './toasts';

/** A publish normally ends in seconds; after this the "publishing" toast goes, and the post's own page tells. */
const OUTCOME_WAIT_MS = 3 * 60_000;

/**
 * What the toast says once the post has settled; null while it has not. `alreadyLive` are the targets that were live
 * before this publish (a retry of the others), so the toast names only what this publish did.
 */
export function publishOutcome(post: PostView, alreadyLive: ReadonlySet<string> = new Set()): Omit<Toast, 'id'> | null {
  const link = { href: postHref(post.id) };
  switch (post.status) {
    case 'published': {
      const live = post.targets.filter((target) => target.status === 'published');
      const now = live.filter((target) => !alreadyLive.has(target.id));
      return { tone: 'success', message: `Published on ${targetsLabel(now.length > 0 ? now : live, post)}.`, ...link, linkLabel: 'View' };
    }
    case 'failed': {
      const view = postStatusView(post);
      const attention = targetsLabel(targetsNeedingAttention(post), post);
      if (view.status === 'partial')
        return { tone: 'warning', message: `${view.label}: ${attention} needs attention.`, ...link, linkLabel: 'Review' };
      if (view.status === 'unconfirmed') {
        return { tone: 'warning', message: `Could not confirm whether it went live on ${attention}: please check.`, ...link, linkLabel: 'Check' };
      }
      return { tone: 'danger', message: `Not published: ${attention} needs attention.`, ...link, linkLabel: 'Review' };
    }
    default:
      return null;
  }
}

/** Shows `message` while the post publishes, then its outcome. */
export function showPublishToast(post: PostView, message: string): void {
  const id = showToast({ tone: 'progress', message, pending: true, href: postHref(post.id), linkLabel: 'View' });
  const alreadyLive = new Set(post.targets.filter((target) => target.status === 'published').map((target) => target.id));
  const finish = (): void => {
    clearTimeout(giveUp);
    unsubscribe();
  };
  const settle = (latest: PostView): void => {
    if (latest.status === 'cancelled' || latest.status === 'draft') {
      finish();
      dismissToast(id);
      return;
    }
    const outcome = publishOutcome(latest, alreadyLive);
    if (!outcome) return;
    finish();
    updateToast(id, outcome);
  };
  const giveUp = setTimeout(() => {
    finish();
    dismissToast(id);
  }, OUTCOME_WAIT_MS);
  const unsubscribe = onEngineEvent('post:changed', ({ post: changed }) => {
    if (changed.id === post.id) settle(changed);
  });
  settle(post);
}
