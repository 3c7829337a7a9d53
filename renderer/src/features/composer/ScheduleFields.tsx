// When to publish: a date and a time on the wall clock of a chosen zone, read back in the user's own time.
import { useMemo } from 'react';
import { FieldError } from '../../components/FieldError';
import type { ScheduleCheck } from '../../lib/composer-model';
import { formatInstant, relativeToNow, timeZoneChoices, type WallTime } from '../../lib/time';

// Each part of the wall time is edited by the browser's input of the same name.
const WALL_TIME_PARTS = [
  ['date', 'Date'],
  ['time', 'Time'],
] as const satisfies readonly (readonly [keyof WallTime, string])[];

interface ScheduleFieldsProps {
  when: WallTime;
  timeZone: string;
  /** Whether a time was picked; a draft saved without one stays off the calendar. */
  chosen: boolean;
  userZone: string;
  check: ScheduleCheck;
  now: Date;
  errors: { when?: string; timeZone?: string };
  onChange: (when: WallTime, timeZone: string) => void;
}

export function ScheduleFields({ when, timeZone, chosen, userZone, check, now, errors, onChange }: ScheduleFieldsProps) {
  const zones = useMemo(() => timeZoneChoices(userZone), [userZone]);
  const { instant, problem } = check;
  const whenError = errors.when;
  return (
    <section className="card" aria-labelledby="when-heading">
      <h2 className="card-title" id="when-heading">
        When
        {/* On the heading's line, so the Publish panel below stays on a 1024 × 768 screen. */}
        {chosen ? null : (
          <span className="when-unpicked" data-testid="no-time-yet">
            not picked yet: a draft waits in Drafts
          </span>
        )}
      </h2>
      <div className="when-grid">
        {WALL_TIME_PARTS.map(([part, label]) => (
          <div className="field" key={part}>
            <label htmlFor={`schedule-${part}`}>{label}</label>
            <input
              id={`schedule-${part}`}
              type={part}
              value={when[part]}
              aria-invalid={whenError ? true : undefined}
              aria-describedby="schedule-summary"
              onChange={(event) => onChange({ ...when, [part]: event.target.value }, timeZone)}
            />
          </div>
        ))}
        <div className="field field-wide">
          <label htmlFor="schedule-zone">Time zone</label>
          <select
            id="schedule-zone"
            value={timeZone}
            aria-invalid={errors.timeZone ? true : undefined}
            aria-describedby={errors.timeZone ? 'schedule-zone-error' : undefined}
            onChange={(event) => onChange(when, event.target.value)}
          >
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone === userZone ? `${zone} (yours)` : zone}
              </option>
            ))}
          </select>
          <FieldError id="schedule-zone-error" field="timeZone" message={errors.timeZone} />
        </div>
      </div>
      <div className="when-summary" id="schedule-summary" aria-live="polite">
        {problem ? (
          <p className={`when-problem${whenError ? '' : ' is-soft'}`} data-testid="schedule-problem">
            {problem}
          </p>
        ) : instant ? (
          <p data-testid="schedule-summary">
            {formatInstant(instant.iso, timeZone)} · {relativeToNow(instant.iso, now)}
            {timeZone !== userZone ? <span className="when-local">Your time: {formatInstant(instant.iso, userZone)}</span> : null}
          </p>
        ) : null}
        {instant?.note ? <p className="when-note">{instant.note}</p> : null}
      </div>
      <FieldError id="schedule-error" field="when" message={whenError} />
    </section>
  );
}
