// How a post's platforms are named in its header, buttons and toasts: by platform ("LinkedIn"), with the account
// when the post goes to two accounts of that platform.
import { PLATFORM_LABELS, type PostView, type TargetView } from '../../../shared/domain';

export function targetLabel(target: Pick<TargetView, 'platform' | 'accountName'>, all: readonly Pick<TargetView, 'platform'>[]): string {
  const label = PLATFORM_LABELS[target.platform];
  return all.filter((other) => other.platform === target.platform).length > 1 ? `${label} (${target.accountName})` : label;
}

/** "LinkedIn", "X (Twitter) and LinkedIn", or "3 platforms". */
export function targetsLabel(targets: readonly TargetView[], post: Pick<PostView, 'targets'>): string {
  if (targets.length > 2) return `${targets.length} platforms`;
  return targets.map((target) => targetLabel(target, post.targets)).join(' and ');
}

/** "1 account", "2 accounts". */
export function accountCount(post: Pick<PostView, 'targets'>): string {
  return `${post.targets.length} account${post.targets.length === 1 ? '' : 's'}`;
}
