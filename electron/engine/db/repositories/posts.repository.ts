// Reads are async over Kysely; writes are synchronous (SyncSql) so they can join a group commit (WriteBatcher).
// The target store is the only writer: a post's status follows its targets in the same transaction.
import { sql as rawSql } from 'kysely';
import type { Db } from '../database';
import type { SyncSql } from '../sync-sql';
import type { PostRow, PostRowUpdate } from '../tables';
import type { Platform, PostStatus } from '../../../../shared/domain';

export function updatePost(sql: SyncSql, id: string, changes: PostRowUpdate): void {
  sql.run(sql.db.updateTable('posts').set(changes).where('id', '=', id));
}

export async function findPost(db: Db, id: string): Promise<PostRow | undefined> {
  return db.selectFrom('posts').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface PostQuery {
  from?: number;
  to?: number;
  statuses?: readonly PostStatus[];
  /** Posts with a target on any of these accounts. */
  accountIds?: readonly string[];
  /** Posts with a target on any of these platforms. */
  platforms?: readonly Platform[];
  /** By time; oldest first unless 'desc'. */
  order?: 'asc' | 'desc';
  /** At most this many rows; null for every matching row (when the caller filters further and caps itself). */
  limit: number | null;
}

/**
 * The time a post is shown at: its schedule, or its creation when it has none (drafts, publish-now). The index
 * posts_shown_at is on this very expression, so a range of it is one index seek, already in order.
 */
const shownAt = rawSql<number>`coalesce(scheduled_at, created_at)`;

/** The posts a query asks for, in time order, with no columns chosen yet. */
export function postsQuery(db: Db, query: PostQuery) {
  let select = db.selectFrom('posts');
  if (query.from !== undefined) select = select.where(shownAt, '>=', query.from);
  if (query.to !== undefined) select = select.where(shownAt, '<', query.to);
  if (query.statuses && query.statuses.length > 0) select = select.where('status', 'in', query.statuses);
  const accountIds = query.accountIds ?? [];
  if (accountIds.length > 0) {
    select = select.where((eb) =>
      eb.exists(
        eb
          .selectFrom('post_platforms')
          .select('post_platforms.id')
          .whereRef('post_platforms.post_id', '=', 'posts.id')
          .where('post_platforms.account_id', 'in', accountIds),
      ),
    );
  }
  const platforms = query.platforms ?? [];
  if (platforms.length > 0) {
    select = select.where((eb) =>
      eb.exists(
        eb
          .selectFrom('post_platforms')
          .select('post_platforms.id')
          .whereRef('post_platforms.post_id', '=', 'posts.id')
          .where('post_platforms.platform', 'in', platforms),
      ),
    );
  }
  const direction = query.order ?? 'asc';
  select = select.orderBy(shownAt, direction).orderBy('created_at', direction);
  return query.limit === null ? select : select.limit(query.limit);
}

/** Posts in a time range: scheduled ones by their time, unscheduled (drafts, publish-now) by creation time. */
export async function listPosts(db: Db, query: PostQuery): Promise<PostRow[]> {
  return postsQuery(db, query).selectAll().execute();
}

export async function findNextScheduledPost(db: Db, now: number): Promise<PostRow | undefined> {
  return db
    .selectFrom('posts')
    .selectAll()
    .where('status', '=', 'scheduled')
    .where('scheduled_at', '>=', now)
    .orderBy('scheduled_at')
    .limit(1)
    .executeTakeFirst();
}
