// The settings that decide how times and weeks read everywhere: the default zone (new posts are written in it, the
// calendar's days and every time are shown in it), the first day of the week, and the clock. Each follows the
// computer until the user picks one.
import { useMemo } from 'react';
import { CLOCKS, WEEK_STARTS, type Clock, type Settings, type WeekStart } from '../../../../shared/domain';
import { FieldError } from '../../components/FieldError';
import type { FormErrors } from '../../lib/form-errors';
import { preferencesFrom, systemTimeZone } from '../../lib/preferences';
import { timeZoneChoices } from '../../lib/time';

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const WEEK_START_LABELS: Record<Exclude<WeekStart, 'auto'>, string> = { monday: 'Monday', sunday: 'Sunday', saturday: 'Saturday' };

function clockLabel(clock: Clock): string {
  const sample = new Date(Date.UTC(2000, 0, 1, 21, 30));
  const format = (hourCycle?: 'h12' | 'h23') =>
    new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC', ...(hourCycle ? { hourCycle } : {}) }).format(sample);
  if (clock === '12h') return `12-hour (${format('h12')})`;
  if (clock === '24h') return `24-hour (${format('h23')})`;
  return `As my language does (${format()})`;
}

interface TimeAndCalendarCardProps {
  settings: Settings;
  busy: string | null;
  errors: FormErrors;
  save: (key: string, patch: Partial<Settings>) => void;
}

export function TimeAndCalendarCard({ settings, busy, errors, save }: TimeAndCalendarCardProps) {
  const computerZone = systemTimeZone();
  const zones = useMemo(() => timeZoneChoices(computerZone), [computerZone]);
  const localeWeekStart = DAY_NAMES[preferencesFrom({ ...settings, weekStartsOn: 'auto' }).weekStartsOn];
  return (
    <section className="card" aria-labelledby="time-title" data-testid="time-settings">
      <h2 className="card-title" id="time-title">
        Time and calendar
      </h2>
      <div className="settings-fields">
        <div className="field">
          <label htmlFor="settings-zone">Default time zone</label>
          <select
            id="settings-zone"
            value={settings.timeZone ?? ''}
            disabled={busy === 'timeZone'}
            aria-describedby="settings-zone-help"
            onChange={(event) => save('timeZone', { timeZone: event.target.value === '' ? null : event.target.value })}
          >
            <option value="">This computer’s ({computerZone})</option>
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
          <p className="hint" id="settings-zone-help">
            New posts are written in it, and the calendar and every time are shown in it.
          </p>
          <FieldError id="timeZone-error" field="timeZone" message={errors.timeZone} />
        </div>
        <div className="field">
          <label htmlFor="settings-week">First day of the week</label>
          <select
            id="settings-week"
            value={settings.weekStartsOn}
            disabled={busy === 'weekStartsOn'}
            onChange={(event) => save('weekStartsOn', { weekStartsOn: event.target.value as WeekStart })}
          >
            {WEEK_STARTS.map((start) => (
              <option key={start} value={start}>
                {start === 'auto' ? `As my language does (${localeWeekStart})` : WEEK_START_LABELS[start]}
              </option>
            ))}
          </select>
          <FieldError id="weekStartsOn-error" field="weekStartsOn" message={errors.weekStartsOn} />
        </div>
        <div className="field">
          <label htmlFor="settings-clock">Clock</label>
          <select
            id="settings-clock"
            value={settings.clock}
            disabled={busy === 'clock'}
            onChange={(event) => save('clock', { clock: event.target.value as Clock })}
          >
            {CLOCKS.map((clock) => (
              <option key={clock} value={clock}>
                {clockLabel(clock)}
              </option>
            ))}
          </select>
          <FieldError id="clock-error" field="clock" message={errors.clock} />
        </div>
      </div>
    </section>
  );
}
