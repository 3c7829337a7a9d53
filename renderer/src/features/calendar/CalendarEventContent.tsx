// What one post looks like inside the calendar. Rendered for every visible post, so: no hooks, no state, memoised.
import { memo } from 'react';
import type { EventProps } from 'react-big-calendar';
import type { Platform } from '../../../../shared/domain';
import { PlatformIcon } from '../../components/PlatformIcon';
import type { PostEvent } from '../../lib/calendar-events';
import { postHref } from '../../lib/route';
import { POST_STATUS_META } from '../../lib/status';

const MAX_MARKS = 3;
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

function PlatformMarks({ platforms }: { platforms: Platform[] }) {
  const shown = platforms.slice(0, MAX_MARKS);
  return (
    <span className="cal-marks" aria-hidden="true">
      {shown.map((platform) => (
        <PlatformIcon key={platform} platform={platform} size={14} decorative />
      ))}
      {platforms.length > MAX_MARKS ? <span className="cal-marks-more">+{platforms.length - MAX_MARKS}</span> : null}
    </span>
  );
}

function describe(event: PostEvent): string {
  return `${event.title} — ${POST_STATUS_META[event.status].label}, ${timeFormat.format(event.start)}`;
}

/** Month cells and the "+N more" popup: a real link, so each post is reachable with Tab and opens with Enter. */
export const MonthEvent = memo(function MonthEvent({ event }: EventProps<PostEvent>) {
  return (
    <a
      className="cal-event"
      href={postHref(event.id)}
      draggable={false}
      data-testid="calendar-event"
      data-post-id={event.id}
      data-status={event.status}
      aria-label={describe(event)}
    >
      <span className="cal-event-time">{timeFormat.format(event.start)}</span>
      <PlatformMarks platforms={event.platforms} />
      <span className="cal-event-title">{event.title}</span>
    </a>
  );
});

/** Week and day columns: the calendar's own block is already a focusable button. */
export const TimeGridEvent = memo(function TimeGridEvent({ event }: EventProps<PostEvent>) {
  return (
    <span className="cal-event cal-event-grid" data-testid="calendar-event" data-post-id={event.id} data-status={event.status}>
      <PlatformMarks platforms={event.platforms} />
      <span className="cal-event-title">{event.title}</span>
    </span>
  );
});
