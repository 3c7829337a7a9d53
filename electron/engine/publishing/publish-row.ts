// Everything one publish needs, read synchronously: the target, its post and its account.
import type { AccountRow, PostRow, TargetRow } from '../db/tables';
import type { PublishStatements } from './publish-statements';

export interface PublishRow {
  target: TargetRow;
  post: PostRow;
  account: AccountRow | undefined;
}

export function loadPublishRow(statements: PublishStatements, targetId: string): PublishRow | undefined {
  const target = statements.findTarget(targetId);
  if (!target) return undefined;
  const post = statements.findPost(target.post_id);
  if (!post) return undefined;
  const account = target.account_id ? statements.findAccount(target.account_id) : undefined;
  return { target, post, account };
}
