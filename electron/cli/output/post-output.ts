// How posts read in a terminal: a list as a table, one post as fields and a table of its targets.
import type { PostMediaView, PostView, TargetView } from '../../../shared/domain';
import { formatBytes, formatDuration } from '../../../shared/media-item';
import { waitingText } from '../../../shared/waiting-text';
import { localTime } from './local-time';
import { formatTable, oneLine } from './table';

export function postTable(posts: readonly PostView[]): string {
  if (posts.length === 0) return 'No posts.\n';
  return formatTable(
    ['ID', 'STATUS', 'SCHEDULED', 'TARGETS', 'TEXT'],
    posts.map((post) => [post.id, post.status, localTime(post.scheduledAt), post.targets.map(targetSummary).join(', '), oneLine(post.text, 50)]),
  );
}

export function postDetails(post: PostView): string {
  const fields: [string, string][] = [
    ['Post', post.id],
    ['Status', post.status],
    ['Scheduled', post.scheduledAt === null ? '—' : `${localTime(post.scheduledAt)} (written in ${post.timeZone})`],
    ['Media', post.media.length === 0 ? '—' : post.media.map(mediaLine).join('\n' + ' '.repeat(11))],
    ['Updated', localTime(post.updatedAt)],
  ];
  const head = fields.map(([name, value]) => `${name.padEnd(9)}  ${value}`).join('\n');
  const text = post.text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
  const targets = formatTable(
    ['TARGET', 'PLATFORM', 'ACCOUNT', 'STATUS', 'ATTEMPTS', 'RESULT'],
    post.targets.map((target) => [target.id, target.platform, target.accountName, target.status, String(target.attemptCount), targetResult(target)]),
  );
  // The table cuts long errors short; what went wrong and what to do is worth reading in full.
  const errors = post.targets
    .filter((target) => target.errorMessage !== null)
    .map((target) => `${target.platform} (${target.accountName}): ${target.errorMessage}\n`)
    .join('');
  return `${head}\nText\n${text}\n\n${targets}${errors === '' ? '' : `\nErrors\n${errors}`}`;
}

/** A library file by its name and size ("tiny.jpg (1.3 KB, 64 × 48)"), a link as it is. */
function mediaLine(entry: PostMediaView): string {
  if (!entry.facts) return entry.name;
  const size = entry.facts.width !== null && entry.facts.height !== null ? `, ${entry.facts.width} × ${entry.facts.height}` : '';
  const length = entry.facts.durationMs === null ? '' : `, ${formatDuration(entry.facts.durationMs)}`;
  return `${entry.name} (${formatBytes(entry.facts.sizeBytes)}${size}${length})`;
}

function targetSummary(target: TargetView): string {
  return `${target.platform}:${target.status}`;
}

function targetResult(target: TargetView): string {
  if (target.waiting !== null) return waitingText(target.platform, target.waiting, localTime(target.waiting.since));
  return target.platformPostUrl ?? target.platformPostId ?? (target.errorMessage === null ? '' : oneLine(target.errorMessage, 80));
}
