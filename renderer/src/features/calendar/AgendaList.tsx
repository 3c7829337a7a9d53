// The List view: the posts ahead, day by day, each with its text, picture, accounts and status. The view managers
// live in. Rows come from agenda entries, so empty posting slots can take their place among the posts later.
import { useMemo } from 'react';
import type { PostView } from '../../../../shared/domain';
import { PostRow } from '../../components/PostRow';
import { agendaDays, postEntries } from '../../lib/agenda';
import { dayLong, timeOfDay } from '../../lib/calendar-locale';
import { zonedDate, zonedDay } from '../../lib/preferences';

const relativeDay = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "Today", "Tomorrow", "Yesterday", or nothing for other days. */
function nearDay(date: Date, today: Date = zonedDate()): string {
  const midnight = zonedDay(today.getFullYear(), today.getMonth(), today.getDate()).getTime();
  const days = Math.round((date.getTime() - midnight) / 86_400_000);
  if (Math.abs(days) > 1) return '';
  const word = relativeDay.format(days, 'day');
  return word.charAt(0).toUpperCase() + word.slice(1);
}

interface AgendaListProps {
  posts: readonly PostView[];
  /** The label of what "Show more" adds, e.g. "the next 4 weeks". */
  moreLabel: string;
  onShowMore: () => void;
}

export function AgendaList({ posts, moreLabel, onShowMore }: AgendaListProps) {
  const days = useMemo(() => agendaDays(postEntries(posts)), [posts]);
  return (
    <div className="agenda" data-testid="agenda">
      {days.map((day) => {
        const near = nearDay(day.date);
        return (
          <section key={day.day} className="agenda-day" aria-labelledby={`agenda-${day.day}`} data-day={day.day}>
            <h3 className="agenda-day-title" id={`agenda-${day.day}`}>
              {near ? <span className="agenda-near">{near}</span> : null}
              {dayLong.format(day.date)}
              <span className="muted">
                {day.entries.length} post{day.entries.length === 1 ? '' : 's'}
              </span>
            </h3>
            <ul className="agenda-entries">
              {day.entries.map((entry) => (
                <li key={entry.post.id}>
                  <PostRow post={entry.post} when={timeOfDay.format(entry.at)} testId="agenda-post" />
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      <button type="button" className="button agenda-more" onClick={onShowMore}>
        Show {moreLabel}
      </button>
    </div>
  );
}
