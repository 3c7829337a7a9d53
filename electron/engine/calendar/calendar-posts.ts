// posts:calendar: a range of posts as the calendar draws them, read straight from the rows. One statement whatever
// the range holds (the posts by the posts_shown_at index, each with its targets gathered into one JSON array by the
// post_platforms_post_id index), read as arrays, and only the columns a summary needs: the full views cost the
// engine ~100 ms and the page 1.7 MB for a month of 2,000 posts.
import { sql as rawSql } from 'kysely';
import { shownAt, zonedDayKeyReader, type CalendarDay } from '../../../shared/calendar-days';
import type { ParsedInput } from '../../../shared/contract/channels';
import type { TargetOptions } from '../../../shared/domain';
import { matchesSearch, searchWords } from '../../../shared/post-filter';
import { summaryText, type PostSummary, type TargetSummary } from '../../../shared/post-summary';
import type { Db } from '../db/database';
import { postsQuery } from '../db/repositories/posts.repository';
import type { SyncSql } from '../db/sync-sql';
import type { PostRow, TargetRow } from '../db/tables';
import { iso, isoOrNull, parseJson } from '../publishing/views';

/** posts:calendar answers at most this many posts unless asked for a limit (posts:list's cap). */
const DEFAULT_LIMIT = 5000;

/** A post's row as read: POST_COLUMNS in order, then its targets as a JSON array of TargetCells. */
type PostCells = [
  id: PostRow['id'],
  text: PostRow['text'],
  mediaUrls: PostRow['media_urls'],
  scheduledAt: PostRow['scheduled_at'],
  timeZone: PostRow['time_zone'],
  status: PostRow['status'],
  createdAt: PostRow['created_at'],
  updatedAt: PostRow['updated_at'],
  targets: string,
];
const POST_COLUMNS = ['id', 'text', 'media_urls', 'scheduled_at', 'time_zone', 'status', 'created_at', 'updated_at'] as const;

/** A target as read: TARGET_CELLS in order; with a search, then what it looks in besides the post's text. */
type TargetCells = [
  id: TargetRow['id'],
  accountId: TargetRow['account_id'],
  accountName: TargetRow['account_name'],
  platform: TargetRow['platform'],
  status: TargetRow['status'],
  updatedAt: TargetRow['updated_at'],
  textOverride?: TargetRow['text_override'],
  options?: TargetRow['options'],
];
const TARGET_CELLS = 't.id, t.account_id, t.account_name, t.platform, t.status, t.updated_at';
const SEARCHED_TARGET_CELLS = `${TARGET_CELLS}, t.text_override, t.options`;

/** A post's targets in the order they were added: SQLite builds the array faster than JS reads their rows. */
const targetsOf = (cells: string) =>
  rawSql<string>`(SELECT json_group_array(json_array(${rawSql.raw(cells)}) ORDER BY t.rowid) FROM post_platforms t WHERE t.post_id = posts.id)`;

/** What both channels ask for: a range and a filter. */
type CalendarQuery = Omit<ParsedInput<'posts:calendar'>, 'limit'>;

/** The posts of the range and filter in time order, up to a cap (or all), no columns chosen yet. */
function rangeQuery(db: Db, input: CalendarQuery, limit: number | null) {
  return postsQuery(db, {
    from: Date.parse(input.from),
    to: Date.parse(input.to),
    ...(input.status ? { statuses: input.status } : {}),
    ...(input.accountIds ? { accountIds: input.accountIds } : {}),
    ...(input.platforms ? { platforms: input.platforms } : {}),
    limit,
  });
}

/** The statement both channels run: the posts of the range and filter, their targets with them, up to a cap (or all). */
export function calendarQuery(db: Db, input: CalendarQuery, limit: number | null, searching: boolean) {
  // Words are matched on the full text, so the cap applies after them.
  return rangeQuery(db, input, searching ? null : limit).select([
    ...POST_COLUMNS,
    targetsOf(searching ? SEARCHED_TARGET_CELLS : TARGET_CELLS).as('targets'),
  ]);
}

/** What places a post on a day: its id, then the columns shownAt reads. */
type TimeCells = [id: PostRow['id'], scheduledAt: PostRow['scheduled_at'], status: PostRow['status'], createdAt: PostRow['created_at']];

export class CalendarPosts {
  constructor(private readonly sql: SyncSql) {}

  /** posts:calendar: the range's posts in time order, up to the limit. */
  list(input: ParsedInput<'posts:calendar'>): PostSummary[] {
    const limit = input.limit ?? DEFAULT_LIMIT;
    const summaries: PostSummary[] = [];
    for (const [post, targets] of this.matching(input, limit)) {
      summaries.push(summary(post, targets()));
      if (summaries.length === limit) break;
    }
    return summaries;
  }

  /**
   * posts:calendarDays: the range's days in the zone, each with its count and its first `perDay` posts. Every post of
   * the range is counted; only those a day carries are made into summaries.
   */
  days(input: ParsedInput<'posts:calendarDays'>): CalendarDay[] {
    const dayOf = zonedDayKeyReader(input.timeZone);
    // In time order the days come one after another, but for a zone whose clocks go back over midnight.
    const days = new Map<string, CalendarDay>();
    /** Counts a post on its day, which it answers; undated drafts are in the range by their creation time, on no day. */
    const countOn = (at: number | null): CalendarDay | null => {
      if (at === null) return null;
      const key = dayOf(at);
      const day = days.get(key) ?? { day: key, count: 0, posts: [] };
      days.set(key, day);
      day.count += 1;
      return day;
    };
    if (searchWords(input.search).length > 0) {
      for (const [post, targets] of this.matching(input, null)) {
        const day = countOn(shownAt(post[3], post[5], post[6]));
        if (day && day.count <= input.perDay) day.posts.push(summary(post, targets()));
      }
    } else {
      // Without words a post's day needs only its times: the days are counted on those, and the posts they carry are
      // read whole by a second statement (a third of the time of reading a busy month's every post whole).
      const carried = new Map<string, CalendarDay>();
      for (const [id, scheduledAt, status, createdAt] of this.sql.rows<TimeCells>(
        rangeQuery(this.sql.db, input, null).select(['id', 'scheduled_at', 'status', 'created_at']),
      )) {
        const day = countOn(shownAt(scheduledAt, status, createdAt));
        if (day && day.count <= input.perDay) carried.set(id, day);
      }
      if (carried.size > 0) {
        const query = calendarQuery(this.sql.db, input, null, false).where('posts.id', 'in', [...carried.keys()]);
        for (const post of this.sql.rows<PostCells>(query)) carried.get(post[0])?.posts.push(summary(post, JSON.parse(post[8]) as TargetCells[]));
      }
    }
    return [...days.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  }

  /** The rows of the range and filter in time order, each with a reader of its targets (parsed once, when asked). */
  private *matching(input: CalendarQuery, limit: number | null): Generator<[PostCells, () => TargetCells[]]> {
    const words = searchWords(input.search);
    for (const post of this.sql.rows<PostCells>(calendarQuery(this.sql.db, input, limit, words.length > 0))) {
      let parsed: TargetCells[] | undefined;
      const targets = (): TargetCells[] => (parsed ??= JSON.parse(post[8]) as TargetCells[]);
      if (words.length > 0 && !matchesSearch(searchable(post[1], targets()), words)) continue;
      yield [post, targets];
    }
  }
}

function searchable(text: string, targets: readonly TargetCells[]) {
  return {
    text,
    targets: targets.map(([, , , , , , textOverride = null, options = '']) => ({ textOverride, options: parseJson<TargetOptions>(options, {}) })),
  };
}

function summary(
  [id, text, mediaUrls, scheduledAt, timeZone, status, createdAt, updatedAt]: PostCells,
  targets: readonly TargetCells[],
): PostSummary {
  return {
    id,
    text: summaryText(text),
    mediaUrls: parseJson<string[]>(mediaUrls, []),
    scheduledAt: isoOrNull(scheduledAt),
    timeZone,
    status,
    createdAt: iso(createdAt),
    updatedAt: iso(updatedAt),
    targets: targets.map(([targetId, accountId, accountName, platform, targetStatus, targetUpdatedAt]): TargetSummary => ({
      id: targetId,
      accountId,
      accountName,
      platform,
      status: targetStatus,
      updatedAt: iso(targetUpdatedAt),
    })),
  };
}
