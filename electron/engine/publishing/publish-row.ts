// Everything one publish needs, read synchronously: the target, its post and its account.
import { findAccountSync } from '../db/repositories/accounts.repository';
import { findPostSync } from '../db/repositories/posts.repository';
import { findTargetSync } from '../db/repositories/targets.repository';
import type { SyncSql } from '../db/sync-sql';
import type { AccountRow, PostRow, TargetRow } from '../db/tables';

export interface PublishRow {
  target: TargetRow;
  post: PostRow;
  account: AccountRow | undefined;
}

export function loadPublishRow(sql: SyncSql, targetId: string): PublishRow | undefined {
  const target = findTargetSync(sql, targetId);
  if (!target) return undefined;
  const post = findPostSync(sql, target.post_id);
  if (!post) return undefined;
  const account = target.account_id ? findAccountSync(sql, target.account_id) : undefined;
  return { target, post, account };
}
