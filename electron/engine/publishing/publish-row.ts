// Everything one publish needs, read in one go: the target, its post and its account.
import type { AccountRow, PostRow, TargetRow } from '../db/tables';
import type { Db } from '../db/database';
import { findAccount } from '../db/repositories/accounts.repository';
import { findPost } from '../db/repositories/posts.repository';
import { findTarget } from '../db/repositories/targets.repository';

export interface PublishRow {
  target: TargetRow;
  post: PostRow;
  account: AccountRow | undefined;
}

export async function loadPublishRow(db: Db, targetId: string): Promise<PublishRow | undefined> {
  const target = await findTarget(db, targetId);
  if (!target) return undefined;
  const post = await findPost(db, target.post_id);
  if (!post) return undefined;
  const account = target.account_id ? await findAccount(db, target.account_id) : undefined;
  return { target, post, account };
}
