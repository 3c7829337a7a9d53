// An account's posting slots (its queue, as in Buffer): weekly times in the account's zone that "Add to queue" fills.
// Times are added and removed here and saved together, in one engine call.
import { useEffect, useState } from 'react';
import type { AccountView } from '../../../../shared/domain';
import { WEEKDAYS, WEEKDAY_LABELS, normalizeSlots, type PostingSlot, type Weekday } from '../../../../shared/posting-slots';
import { FormError } from '../../components/FormError';
import { call } from '../../lib/api';
import { toAppError } from '../../lib/result';
import { isValidTimeZone } from '../../lib/time';
import { showToast } from '../../lib/toasts';
import { useAction } from '../../lib/use-action';

const WORKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

interface Loaded {
  timeZone: string;
  slots: PostingSlot[];
}

export function PostingSlotsEditor({ account }: { account: AccountView }) {
  const [stored, setStored] = useState<Loaded | null>(null);
  const [edited, setEdited] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [days, setDays] = useState<Weekday[]>([...WORKDAYS]);
  const [time, setTime] = useState('09:00');
  const [error, setError] = useState<string | undefined>(undefined);
  const { busy, run } = useAction();

  useEffect(() => {
    let current = true;
    call('slots:get', { accountId: account.id }).then(
      (schedule) => {
        if (!current) return;
        const loaded = { timeZone: schedule.timeZone, slots: schedule.slots };
        setStored(loaded);
        setEdited(loaded);
      },
      (failure: unknown) => {
        if (current) setLoadError(toAppError(failure).message);
      },
    );
    return () => {
      current = false;
    };
  }, [account.id]);

  if (loadError !== null) return <FormError message={`Could not read the posting slots: ${loadError}`} />;
  if (edited === null || stored === null) return <p className="muted">Reading the posting slots…</p>;

  const changed = JSON.stringify(edited) !== JSON.stringify(stored);
  const add = (): void => {
    if (!/^\d{2}:\d{2}$/.test(time) || days.length === 0) return;
    setEdited({ ...edited, slots: normalizeSlots([...edited.slots, ...days.map((day) => ({ day, time }))]) });
  };
  const remove = (slot: PostingSlot): void =>
    setEdited({ ...edited, slots: edited.slots.filter((other) => other.day !== slot.day || other.time !== slot.time) });
  const save = (): void => {
    setError(undefined);
    if (!isValidTimeZone(edited.timeZone)) {
      setError('Time zone: use an IANA zone such as Europe/Berlin.');
      return;
    }
    void run(
      'save',
      async () => {
        const saved = await call('slots:set', { accountId: account.id, timeZone: edited.timeZone, slots: edited.slots });
        const loaded = { timeZone: saved.timeZone, slots: saved.slots };
        setStored(loaded);
        setEdited(loaded);
        showToast({
          tone: 'success',
          message: `Saved ${saved.slots.length} posting slot${saved.slots.length === 1 ? '' : 's'} a week for ${account.name}.`,
        });
      },
      (failure) => setError(failure.message),
    );
  };

  return (
    <div className="slots-editor" data-testid="slots-editor">
      {edited.slots.length === 0 ? (
        <p className="muted">No posting slots yet: add the times this account usually posts at, and “Add to queue” fills them in order.</p>
      ) : (
        <dl className="slots-week">
          {WEEKDAYS.filter((day) => edited.slots.some((slot) => slot.day === day)).map((day) => (
            <div key={day} className="slots-day">
              <dt>{WEEKDAY_LABELS[day]}</dt>
              <dd>
                {edited.slots
                  .filter((slot) => slot.day === day)
                  .map((slot) => (
                    <span key={slot.time} className="slot-chip" data-testid="slot-chip" data-day={slot.day} data-time={slot.time}>
                      {slot.time}
                      <button
                        type="button"
                        className="slot-remove"
                        aria-label={`Remove ${WEEKDAY_LABELS[day]} ${slot.time}`}
                        onClick={() => remove(slot)}
                      >
                        ×
                      </button>
                    </span>
                  ))}
              </dd>
            </div>
          ))}
        </dl>
      )}
      <fieldset className="slots-add">
        <legend>Add a time</legend>
        <div className="slots-days">
          {WEEKDAYS.map((day) => (
            <label key={day} className="slots-day-option">
              <input
                type="checkbox"
                checked={days.includes(day)}
                onChange={(event) => {
                  const on = event.target.checked;
                  setDays((list) => (on ? [...list, day] : list.filter((other) => other !== day)));
                }}
              />
              {WEEKDAY_LABELS[day].slice(0, 3)}
            </label>
          ))}
        </div>
        <label className="slots-time">
          Time
          <input type="time" value={time} onChange={(event) => setTime(event.target.value)} data-testid="slot-time" />
        </label>
        <button type="button" className="button" onClick={add} disabled={days.length === 0 || time === ''}>
          Add
        </button>
      </fieldset>
      <label className="slots-zone">
        Times are in
        <input
          type="text"
          value={edited.timeZone}
          spellCheck={false}
          onChange={(event) => setEdited({ ...edited, timeZone: event.target.value })}
          data-testid="slot-zone"
        />
      </label>
      <FormError message={error} />
      <div className="slots-actions">
        <button type="button" className="button button-primary" onClick={save} disabled={!changed || busy !== null}>
          {busy === 'save' ? <span className="spinner" aria-hidden="true" /> : null}
          Save slots
        </button>
        {changed ? (
          <button type="button" className="button button-quiet" onClick={() => setEdited(stored)}>
            Undo changes
          </button>
        ) : null}
      </div>
    </div>
  );
}
