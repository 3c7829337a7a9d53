// Navigation, view switch and what the user is looking at; outside the views so it can show loading and counts.
import { Icon } from '../../components/Icon';
import { Spinner } from '../../components/StateViews';
import { CALENDAR_VIEWS, type CalendarViewName } from '../../lib/route';

const VIEW_LABELS: Record<CalendarViewName, string> = { month: 'Month', week: 'Week', day: 'Day', list: 'List' };
const STEP_LABELS: Record<CalendarViewName, string> = { month: 'month', week: 'week', day: 'day', list: 'four weeks' };

interface CalendarToolbarProps {
  label: string;
  view: CalendarViewName;
  loading: boolean;
  /** What the count counts, in words ("42 posts in March"); null when it is not known. */
  count: { text: string; empty: boolean } | null;
  timeZone: string;
  onPrevious: () => void;
  onToday: () => void;
  onNext: () => void;
  onView: (view: CalendarViewName) => void;
}

export function CalendarToolbar(props: CalendarToolbarProps) {
  const { label, view, loading, count, timeZone } = props;
  return (
    <div className="cal-toolbar">
      <div className="cal-nav">
        <button
          type="button"
          className="icon-button bordered"
          aria-label="Previous"
          title={`Previous ${STEP_LABELS[view]}`}
          onClick={props.onPrevious}
        >
          <Icon name="chevronLeft" />
        </button>
        <button type="button" className="button" onClick={props.onToday}>
          Today
        </button>
        <button type="button" className="icon-button bordered" aria-label="Next" title={`Next ${STEP_LABELS[view]}`} onClick={props.onNext}>
          <Icon name="chevronRight" />
        </button>
      </div>
      <h2 className="cal-label" aria-live="polite" data-testid="calendar-label">
        {label}
      </h2>
      <div className="cal-meta">
        {loading ? (
          <span className="cal-loading" data-testid="calendar-loading">
            <Spinner /> Loading posts…
          </span>
        ) : count !== null ? (
          <span data-testid={count.empty ? 'calendar-empty' : 'calendar-count'}>{count.text}</span>
        ) : null}
        <span className="cal-zone" title="Posts are shown in this time zone (Settings: default time zone)" data-testid="calendar-zone">
          {timeZone}
        </span>
      </div>
      <div className="segmented" role="group" aria-label="Calendar view">
        {CALENDAR_VIEWS.map((name) => (
          <button key={name} type="button" aria-pressed={view === name} onClick={() => props.onView(name)}>
            {VIEW_LABELS[name]}
          </button>
        ))}
      </div>
    </div>
  );
}
