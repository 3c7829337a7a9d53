// Recognising our own post on a Page after an ambiguous create: by its text, or by the unpublished photos we attached
// (saved as handles), among posts made since shortly before the first attempt. Videos are looked up among the Page's
// videos too, because their feed post only appears once Facebook has processed them.
import { dataOf, nextCursorOf, stringField, type GraphAuth, type GraphClient } from '../graph/graph-client';
import { CLOCK_SKEW_MARGIN_MS, normalizeForMatch, parseGraphTimestamp, sameText } from '../graph/match-text';

export interface FeedSearch {
  pageId: string;
  /** The message the post was sent with; empty when it had none. */
  message: string;
  /** Ids of photos attached to the post (multi-photo posts). */
  photoIds: readonly string[];
  firstAttemptAt: number;
}

export interface FeedMatch {
  postId: string;
  permalinkUrl: string | undefined;
  /** The id of the attached video or photo, when the post shows one. */
  attachmentTargetId: string | undefined;
}

const FEED_FIELDS = 'id,message,created_time,permalink_url,attachments{target{id},subattachments{target{id}}}';
const MAX_PAGES = 5;

function attachmentTargetIds(post: Record<string, unknown>): string[] {
  const ids: string[] = [];
  const attachments = dataOf(post.attachments);
  for (const attachment of attachments) {
    const target = stringField(attachment.target, 'id');
    if (target !== undefined) ids.push(target);
    for (const sub of dataOf(attachment.subattachments)) {
      const subTarget = stringField(sub.target, 'id');
      if (subTarget !== undefined) ids.push(subTarget);
    }
  }
  return ids;
}

/** The earliest matching post since the first attempt, or undefined when the feed has none. */
export async function searchFeed(graph: GraphClient, auth: GraphAuth, search: FeedSearch): Promise<FeedMatch | undefined> {
  const since = Math.floor((search.firstAttemptAt - CLOCK_SKEW_MARGIN_MS) / 1000);
  const hasMessage = normalizeForMatch(search.message) !== '';
  let earliest: FeedMatch | undefined;
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const body = await graph.get(auth, `/${search.pageId}/feed`, { fields: FEED_FIELDS, since, limit: 25, after });
    for (const post of dataOf(body)) {
      const postId = stringField(post, 'id');
      const createdAt = parseGraphTimestamp(stringField(post, 'created_time'));
      if (postId === undefined || (createdAt !== undefined && createdAt < since * 1000)) continue;
      const targets = attachmentTargetIds(post);
      const byText = hasMessage && sameText(stringField(post, 'message'), search.message);
      const byPhotos = search.photoIds.some((id) => targets.includes(id));
      // The feed is newest first, so the last match seen is the earliest post.
      if (byText || byPhotos) earliest = { postId, permalinkUrl: stringField(post, 'permalink_url'), attachmentTargetId: targets[0] };
    }
    after = nextCursorOf(body);
    if (after === undefined) break;
  }
  return earliest;
}

export interface VideoSearch {
  pageId: string;
  description: string;
  firstAttemptAt: number;
}

export interface VideoMatch {
  videoId: string;
  permalinkUrl: string | undefined;
}

/** The earliest video with this description uploaded since the first attempt, unless its processing failed. */
export async function searchVideos(graph: GraphClient, auth: GraphAuth, search: VideoSearch): Promise<VideoMatch | undefined> {
  const since = Math.floor((search.firstAttemptAt - CLOCK_SKEW_MARGIN_MS) / 1000);
  let earliest: VideoMatch | undefined;
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const body = await graph.get(auth, `/${search.pageId}/videos`, {
      fields: 'id,description,created_time,permalink_url,status',
      since,
      limit: 25,
      after,
    });
    for (const video of dataOf(body)) {
      const videoId = stringField(video, 'id');
      const createdAt = parseGraphTimestamp(stringField(video, 'created_time'));
      const failed = ['error', 'expired'].includes(stringField(video.status, 'video_status') ?? '');
      if (videoId === undefined || failed || (createdAt !== undefined && createdAt < since * 1000)) continue;
      if (sameText(stringField(video, 'description'), search.description)) earliest = { videoId, permalinkUrl: stringField(video, 'permalink_url') };
    }
    after = nextCursorOf(body);
    if (after === undefined) break;
  }
  return earliest;
}
