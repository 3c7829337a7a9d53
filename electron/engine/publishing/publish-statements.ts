// The statements every publish runs, prepared once. A publish is ~10 statements; building and compiling each
// with Kysely cost more than running it, and publish throughput is a goal (see npm run bench). Everything off
// this path uses the Kysely repositories.
import type BetterSqlite3 from 'better-sqlite3';
import type { AccountRow, PostRow, TargetRow } from '../db/tables';

export class PublishStatements {
  private readonly target: BetterSqlite3.Statement<[string], TargetRow>;
  private readonly post: BetterSqlite3.Statement<[string], PostRow>;
  private readonly account: BetterSqlite3.Statement<[string], AccountRow>;
  private readonly targetsOfPost: BetterSqlite3.Statement<[string], TargetRow>;
  private readonly claim: BetterSqlite3.Statement<[number, number, string]>;
  private readonly attempt: BetterSqlite3.Statement<[string, string, number]>;
  private readonly publish: BetterSqlite3.Statement<[string, string, number, string]>;
  private readonly endAttempt: BetterSqlite3.Statement<[string, number, string, number]>;
  private readonly postStatus: BetterSqlite3.Statement<[string, number, string]>;

  constructor(sqlite: BetterSqlite3.Database) {
    this.target = sqlite.prepare('select * from post_platforms where id = ?');
    this.post = sqlite.prepare('select * from posts where id = ?');
    this.account = sqlite.prepare('select * from social_accounts where id = ?');
    this.targetsOfPost = sqlite.prepare('select * from post_platforms where post_id = ? order by rowid');
    this.claim = sqlite.prepare(
      "update post_platforms set status = 'publishing', attempt_count = attempt_count + 1, first_attempt_at = coalesce(first_attempt_at, ?), " +
        "error_message = null, updated_at = ? where id = ? and status = 'pending'",
    );
    this.attempt = sqlite.prepare("insert into publish_attempts (target_id, job_id, started_at, handles) values (?, ?, ?, '{}')");
    this.publish = sqlite.prepare(
      "update post_platforms set status = 'published', platform_post_id = ?, platform_post_url = ?, error_message = null, due_at = null, updated_at = ? where id = ?",
    );
    this.endAttempt = sqlite.prepare('update publish_attempts set outcome = ?, ended_at = ?, platform_post_id = ? where id = ?');
    this.postStatus = sqlite.prepare('update posts set status = ?, updated_at = ? where id = ?');
  }

  findTarget(id: string): TargetRow | undefined {
    return this.target.get(id);
  }

  findPost(id: string): PostRow | undefined {
    return this.post.get(id);
  }

  findAccount(id: string): AccountRow | undefined {
    return this.account.get(id);
  }

  listTargetsOfPost(postId: string): TargetRow[] {
    return this.targetsOfPost.all(postId);
  }

  /** pending → publishing with a new attempt row; undefined when the target was no longer pending. */
  claimTarget(targetId: string, jobId: string, now: number): number | undefined {
    if (this.claim.run(now, now, targetId).changes !== 1) return undefined;
    return Number(this.attempt.run(targetId, jobId, now).lastInsertRowid);
  }

  markPublished(targetId: string, attemptId: number | undefined, outcome: 'published' | 'found', postId: string, url: string, now: number): void {
    this.publish.run(postId, url, now, targetId);
    if (attemptId !== undefined) this.endAttempt.run(outcome, now, postId, attemptId);
  }

  setPostStatus(postId: string, status: PostRow['status'], now: number): void {
    this.postStatus.run(status, now, postId);
  }
}
