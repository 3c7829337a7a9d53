// Reads of targets, async over Kysely. Targets are written only by the target store: its guarded transitions are
// the one door to a target's status.
import { sql as rawSql } from 'kysely';
import type { Db } from '../database';
import type { TargetRow } from '../tables';
import type { Platform, PostCount, WaitReason } from '../../../../shared/domain';

/** SQLite limits bound parameters; large id lists are read in pages of this many. */
const PAGE = 500;

export async function findTargets(db: Db, ids: readonly string[]): Promise<TargetRow[]> {
  const rows: TargetRow[] = [];
  for (let i = 0; i < ids.length; i += PAGE) {
    rows.push(
      ...(await db
        .selectFrom('post_platforms')
        .selectAll()
        .where('id', 'in', ids.slice(i, i + PAGE))
        .execute()),
    );
  }
  return rows;
}

export async function listTargetsOfPost(db: Db, postId: string): Promise<TargetRow[]> {
  return db
    .selectFrom('post_platforms')
    .selectAll()
    .where('post_id', '=', postId)
    .orderBy(rawSql`rowid`)
    .execute();
}

export async function listTargetsOfPosts(db: Db, postIds: readonly string[]): Promise<TargetRow[]> {
  const rows: TargetRow[] = [];
  for (let i = 0; i < postIds.length; i += PAGE) {
    rows.push(
      ...(await db
        .selectFrom('post_platforms')
        .selectAll()
        .where('post_id', 'in', postIds.slice(i, i + PAGE))
        .orderBy(rawSql`rowid`)
        .execute()),
    );
  }
  return rows;
}

/** Targets that should have a job: waiting or publishing, with a due time. */
export async function listQueuedTargets(db: Db): Promise<TargetRow[]> {
  return db.selectFrom('post_platforms').selectAll().where('status', 'in', ['pending', 'publishing']).where('due_at', 'is not', null).execute();
}

/** Posts and their targets that wait for their time, are publishing, or need the user; one pass over the status index. */
export async function countPostsAndTargets(db: Db): Promise<Record<'upcoming' | 'publishing' | 'needsAttention', PostCount>> {
  const upcoming = rawSql`status = 'pending' and due_at is not null`;
  const publishing = rawSql`status = 'publishing'`;
  const attention = rawSql`status in ('failed', 'unknown')`;
  const row = await db
    .selectFrom('post_platforms')
    .select([
      rawSql<number>`count(case when ${upcoming} then 1 end)`.as('upcomingTargets'),
      rawSql<number>`count(distinct case when ${upcoming} then post_id end)`.as('upcomingPosts'),
      rawSql<number>`count(case when ${publishing} then 1 end)`.as('publishingTargets'),
      rawSql<number>`count(distinct case when ${publishing} then post_id end)`.as('publishingPosts'),
      rawSql<number>`count(case when ${attention} then 1 end)`.as('attentionTargets'),
      rawSql<number>`count(distinct case when ${attention} then post_id end)`.as('attentionPosts'),
    ])
    .where('status', 'in', ['pending', 'publishing', 'failed', 'unknown'])
    .executeTakeFirstOrThrow();
  return {
    upcoming: { posts: Number(row.upcomingPosts), targets: Number(row.upcomingTargets) },
    publishing: { posts: Number(row.publishingPosts), targets: Number(row.publishingTargets) },
    needsAttention: { posts: Number(row.attentionPosts), targets: Number(row.attentionTargets) },
  };
}

/** Targets of one platform that wait for the network or for it, due first (the order they go out in). */
export async function listWaitingTargets(db: Db, platform: Platform): Promise<TargetRow[]> {
  return db
    .selectFrom('post_platforms')
    .selectAll()
    .where('platform', '=', platform)
    .where('waiting_since', 'is not', null)
    .orderBy('due_at')
    .orderBy(rawSql`rowid`)
    .execute();
}

export interface WaitingPlatform {
  platform: Platform;
  /** When its earliest wait started (epoch ms). */
  since: number;
  targets: number;
}

/** The platforms some target waits for. */
export async function listWaitingPlatforms(db: Db): Promise<WaitingPlatform[]> {
  const rows = await db
    .selectFrom('post_platforms')
    .select(['platform', rawSql<number>`min(waiting_since)`.as('since'), rawSql<number>`count(*)`.as('targets')])
    .where('waiting_since', 'is not', null)
    .groupBy('platform')
    .execute();
  return rows.map((row) => ({ platform: row.platform, since: Number(row.since), targets: Number(row.targets) }));
}

/** Posts and targets waiting for the network, and for one platform. */
export async function countWaiting(db: Db): Promise<Record<WaitReason, PostCount>> {
  const network = rawSql`waiting_for = 'network'`;
  const platform = rawSql`waiting_for = 'platform'`;
  const row = await db
    .selectFrom('post_platforms')
    .select([
      rawSql<number>`count(case when ${network} then 1 end)`.as('networkTargets'),
      rawSql<number>`count(distinct case when ${network} then post_id end)`.as('networkPosts'),
      rawSql<number>`count(case when ${platform} then 1 end)`.as('platformTargets'),
      rawSql<number>`count(distinct case when ${platform} then post_id end)`.as('platformPosts'),
    ])
    .where('waiting_since', 'is not', null)
    .executeTakeFirstOrThrow();
  return {
    network: { posts: Number(row.networkPosts), targets: Number(row.networkTargets) },
    platform: { posts: Number(row.platformPosts), targets: Number(row.platformTargets) },
  };
}

export async function countOpenTargetsOfAccount(db: Db, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('post_platforms')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('account_id', '=', accountId)
    .where('status', 'in', ['pending', 'publishing'])
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
