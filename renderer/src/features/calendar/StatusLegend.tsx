// Which colour means what, under the toolbar.
import { POST_STATUS_META } from '../../lib/status';

const SHOWN = ['scheduled', 'publishing', 'published', 'failed', 'draft', 'cancelled'] as const;

export function StatusLegend() {
  return (
    <ul className="cal-legend" aria-label="Status colours">
      {SHOWN.map((status) => (
        <li key={status} className={`cal-legend-item status-${status}`}>
          <span className="cal-legend-swatch" aria-hidden="true" />
          {POST_STATUS_META[status].label}
        </li>
      ))}
      <li className="cal-legend-item status-partial">
        <span className="cal-legend-swatch" aria-hidden="true" />
        Partly published
      </li>
      <li className="cal-legend-item status-unconfirmed">
        <span className="cal-legend-swatch" aria-hidden="true" />
        Needs your check
      </li>
    </ul>
  );
}
