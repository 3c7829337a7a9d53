// posts:calendar: a range of posts as the calendar draws them, read straight from the rows. Two statements whatever
// the range holds (the posts, by the posts_shown_at index; then all their targets at once), and only the columns a
// summary needs: the full views cost the engine ~100 ms and the page 1.7 MB for a month of 2,000 posts.
import type { ParsedInput } from '../../../shared/contract/channels';
import type { TargetOptions } from '../../../shared/domain';
import { matchesSearch, searchWords } from '../../../shared/post-filter';
import { summaryText, type PostSummary, type TargetSummary } from '../../../shared/post-summary';
import { postsQuery } from '../db/repositories/posts.repository';
import type { SyncSql } from '../db/sync-sql';
import type { PostRow, TargetRow } from '../db/tables';
import { iso, isoOrNull, parseJson } from '../publishing/views';

/** posts:calendar answers at most this many posts unless asked for a limit (posts:list's cap). */
const DEFAULT_LIMIT = 5000;

type SummaryPostRow = Pick<PostRow, 'id' | 'text' | 'media_urls' | 'scheduled_at' | 'time_zone' | 'status' | 'created_at' | 'updated_at'>;
type SummaryTargetRow = Pick<TargetRow, 'post_id' | 'id' | 'account_id' | 'account_name' | 'platform' | 'status' | 'updated_at'>;
/** With a search, what it looks in besides the post's text. */
type SearchedTargetRow = SummaryTargetRow & Pick<TargetRow, 'text_override' | 'options'>;

/** The ids as one JSON parameter, so the statement's text (and its cached preparation) is the same for any count. */
const TARGETS_OF = `SELECT post_id, id, account_id, account_name, platform, status, updated_at FROM post_platforms
  WHERE post_id IN (SELECT value FROM json_each(?)) ORDER BY rowid`;
const SEARCHED_TARGETS_OF = `SELECT post_id, id, account_id, account_name, platform, status, updated_at, text_override, options
  FROM post_platforms WHERE post_id IN (SELECT value FROM json_each(?)) ORDER BY rowid`;

export class CalendarPosts {
  constructor(private readonly sql: SyncSql) {}

  list(input: ParsedInput<'posts:calendar'>): PostSummary[] {
    const words = searchWords(input.search);
    const limit = input.limit ?? DEFAULT_LIMIT;
    const query = postsQuery(this.sql.db, {
      from: Date.parse(input.from),
      to: Date.parse(input.to),
      ...(input.status ? { statuses: input.status } : {}),
      ...(input.accountIds ? { accountIds: input.accountIds } : {}),
      ...(input.platforms ? { platforms: input.platforms } : {}),
      // Words are matched on the full text below, so the cap applies after them.
      limit: words.length > 0 ? null : limit,
    }).select(['id', 'text', 'media_urls', 'scheduled_at', 'time_zone', 'status', 'created_at', 'updated_at']);
    const posts: SummaryPostRow[] = this.sql.all(query);
    if (posts.length === 0) return [];
    const ids = JSON.stringify(posts.map((post) => post.id));
    const targets = this.sql.statement(words.length > 0 ? SEARCHED_TARGETS_OF : TARGETS_OF).all(ids) as SearchedTargetRow[];
    const byPost = new Map<string, SearchedTargetRow[]>();
    for (const target of targets) {
      const list = byPost.get(target.post_id);
      if (list) list.push(target);
      else byPost.set(target.post_id, [target]);
    }
    const summaries: PostSummary[] = [];
    for (const post of posts) {
      const rows = byPost.get(post.id) ?? [];
      if (words.length > 0 && !matchesSearch(searchable(post.text, rows), words)) continue;
      summaries.push(summary(post, rows));
      if (summaries.length === limit) break;
    }
    return summaries;
  }
}

function searchable(text: string, targets: readonly SearchedTargetRow[]) {
  return { text, targets: targets.map((target) => ({ textOverride: target.text_override, options: parseJson<TargetOptions>(target.options, {}) })) };
}

function summary(post: SummaryPostRow, targets: readonly SummaryTargetRow[]): PostSummary {
  return {
    id: post.id,
    text: summaryText(post.text),
    mediaUrls: parseJson<string[]>(post.media_urls, []),
    scheduledAt: isoOrNull(post.scheduled_at),
    timeZone: post.time_zone,
    status: post.status,
    createdAt: iso(post.created_at),
    updatedAt: iso(post.updated_at),
    targets: targets.map((target): TargetSummary => ({
      id: target.id,
      accountId: target.account_id,
      accountName: target.account_name,
      platform: target.platform,
      status: target.status,
      updatedAt: iso(target.updated_at),
    })),
  };
}
