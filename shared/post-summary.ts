// A post as the calendar draws it (posts:calendar): its chip, its list row and its peek, without what only the post's
// own page shows (errors, links, attempts, options, media facts). A month of 2,000 posts as full views is 1.7 MB that
// the engine builds and the page parses before anything is drawn. Field names are the full view's, so a PostView
// (from an event or an action's answer) can stand wherever a summary does, and the newer copy wins by updatedAt.
import type { PostView, TargetView } from './domain';

/** The most of a post's text a summary carries: all the peek shows. A longer text is cut there and ends in "…". */
export const SUMMARY_TEXT_LIMIT = 600;

/** A target as the calendar shows it: the platform's mark and the account, with how it went there. */
export type TargetSummary = Pick<TargetView, 'id' | 'accountId' | 'accountName' | 'platform' | 'status' | 'updatedAt'>;

export interface PostSummary extends Pick<PostView, 'id' | 'text' | 'mediaUrls' | 'scheduledAt' | 'timeZone' | 'status' | 'createdAt' | 'updatedAt'> {
  targets: TargetSummary[];
}

/** The text cut to SUMMARY_TEXT_LIMIT characters with "…", never splitting a character made of two UTF-16 units. */
export function summaryText(text: string): string {
  if (text.length <= SUMMARY_TEXT_LIMIT) return text;
  let end = SUMMARY_TEXT_LIMIT - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

export function targetSummary(target: TargetSummary): TargetSummary {
  const { id, accountId, accountName, platform, status, updatedAt } = target;
  return { id, accountId, accountName, platform, status, updatedAt };
}

/** The summary of a full view, as posts:calendar would answer it. */
export function postSummary(post: PostSummary): PostSummary {
  const { id, mediaUrls, scheduledAt, timeZone, status, createdAt, updatedAt } = post;
  return {
    id,
    text: summaryText(post.text),
    mediaUrls,
    scheduledAt,
    timeZone,
    status,
    createdAt,
    updatedAt,
    targets: post.targets.map(targetSummary),
  };
}
