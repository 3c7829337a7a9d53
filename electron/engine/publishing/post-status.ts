// A post's status follows its targets: publishing while any is on its way, published when all succeed, failed when
// any failed or may have (unknown), cancelled when all were cancelled.
import type { PostStatus, TargetStatus } from '../../../shared/domain';

export function aggregatePostStatus(current: PostStatus, targets: readonly TargetStatus[]): PostStatus {
  if (current === 'draft') return 'draft';
  if (targets.length === 0) return current;
  if (targets.includes('publishing')) return 'publishing';
  if (targets.includes('pending')) return current === 'scheduled' ? 'scheduled' : 'publishing';
  if (targets.every((status) => status === 'cancelled')) return 'cancelled';
  if (targets.some((status) => status === 'failed' || status === 'unknown')) return 'failed';
  return 'published';
}
