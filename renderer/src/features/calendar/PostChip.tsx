// One post in a calendar cell: time, platform marks, as much text as fits, a thumbnail when it has media, and a
// status colour (split for a post live on some platforms and failed on others). Rendered for every visible post:
// no state, memoised, with everything it asks of the calendar behind a context that never changes.
import { memo, type DragEvent } from 'react';
import { PLATFORM_LABELS, type Platform } from '../../../../shared/domain';
import type { PostSummary } from '../../../../shared/post-summary';
import { installGlyphImages } from '../../components/PlatformIcon';
import { postLine, postPlatforms, postTime } from '../../lib/calendar-events';
import { timeOfDay } from '../../lib/calendar-locale';
import { postThumbnail } from '../../lib/post-thumbnail';
import { postHref } from '../../lib/route';
import { isReschedulable, postStatusView } from '../../lib/status';
import { useCalendarInteractions } from './calendar-interactions';
import { PostThumb } from '../../components/PostThumb';
import { ChipProgress } from './ChipProgress';

export type ChipVariant = 'month' | 'week' | 'day' | 'popover';

const MAX_MARKS = 3;

function PlatformMarks({ platforms }: { platforms: Platform[] }) {
  installGlyphImages();
  const shown = platforms.slice(0, MAX_MARKS);
  return (
    <span className="chip-marks" aria-hidden="true">
      {shown.map((platform) => (
        <span key={platform} className={`chip-mark platform-${platform}`} />
      ))}
      {platforms.length > MAX_MARKS ? <span className="chip-marks-more">+{platforms.length - MAX_MARKS}</span> : null}
    </span>
  );
}

interface PostChipProps {
  post: PostSummary;
  variant: ChipVariant;
  /** The grid's one Tab stop, or reached with the arrow keys only. */
  tabStop: boolean;
  /** Where the grid's arrow keys find it: its day (YYYY-MM-DD) and its place among the day's items. */
  day?: string;
  item?: number;
}

export const PostChip = memo(function PostChip({ post, variant, tabStop, day, item }: PostChipProps) {
  const interactions = useCalendarInteractions();
  const at = postTime(post);
  const time = at === null ? '' : timeOfDay.format(at);
  const platforms = postPlatforms(post.targets);
  const status = postStatusView(post);
  const thumbnail = postThumbnail(post);
  const line = postLine(post);
  const draggable = isReschedulable(post.status);
  const where = platforms.map((platform) => PLATFORM_LABELS[platform]).join(', ');

  const onDragStart = (event: DragEvent<HTMLAnchorElement>) => {
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData('text/plain', post.id);
    interactions.unpeek();
    interactions.dragStart(post);
  };

  return (
    <a
      className={`chip chip-${variant} status-${status.status}`}
      href={postHref(post.id)}
      tabIndex={tabStop ? 0 : -1}
      draggable={draggable}
      data-testid="calendar-event"
      data-post-id={post.id}
      data-status={post.status}
      data-display-status={status.status}
      data-day={day}
      data-item={item}
      aria-label={`${time}${where ? `, ${where}` : ''}, ${status.label}: ${line.slice(0, 200)}`}
      onMouseEnter={(event) => interactions.peek(post, event.currentTarget, false)}
      onMouseLeave={interactions.unpeek}
      onFocus={(event) => interactions.peek(post, event.currentTarget, true)}
      onBlur={interactions.unpeek}
      onDragStart={draggable ? onDragStart : undefined}
      onDragEnd={draggable ? interactions.dragEnd : undefined}
    >
      <span className="chip-body">
        <span className="chip-time">{time}</span>
        <PlatformMarks platforms={platforms} />
        {status.status === 'partial' ? (
          <span className="chip-partial" aria-hidden="true">
            {status.live}/{status.total}
          </span>
        ) : null}
        <span className="chip-text">{line}</span>
      </span>
      {thumbnail ? <PostThumb thumbnail={thumbnail} className="chip-thumb" eager={variant === 'month'} /> : null}
      {post.status === 'publishing' ? <ChipProgress postId={post.id} /> : null}
    </a>
  );
});
