// How the app behaves around publishing (late tolerance, tray, notifications, login), how times and weeks read, and
// the accounts a new post starts with. Each change saves at once. Below: the developer apps people sign in through.
import { useEffect, useState, type FormEvent } from 'react';
import type { Settings } from '../../../../shared/domain';
import { FieldError } from '../../components/FieldError';
import { FormError } from '../../components/FormError';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, LoadingState } from '../../components/StateViews';
import { call } from '../../lib/api';
import { formErrors, type FormErrors } from '../../lib/form-errors';
import { useAction } from '../../lib/use-action';
import { accountsResource } from '../../lib/accounts-store';
import { settingsResource } from '../../lib/settings-store';
import { DefaultAccountsCard } from './DefaultAccountsCard';
import { TimeAndCalendarCard } from './TimeAndCalendarCard';
import { DeveloperApps } from './DeveloperApps';
import { MediaStorageCard } from './MediaStorageCard';

type Toggle = 'closeToTray' | 'notifications' | 'startAtLogin';

const TOGGLES: { key: Toggle; label: string; help: string }[] = [
  { key: 'closeToTray', label: 'Keep publishing from the tray when the window is closed', help: 'Scheduled posts go out only while the app runs.' },
  { key: 'notifications', label: 'Show a notification for each publish result', help: 'Successes, failures and posts that need your check.' },
  { key: 'startAtLogin', label: 'Start at login', help: 'Opens hidden in the tray, so nothing scheduled is missed after a restart.' },
];

const MAX_TOLERANCE = 7 * 24 * 60;

export default function SettingsView() {
  const loaded = settingsResource.useLive();
  const { update } = settingsResource;
  const accounts = accountsResource.useLive().data;
  const [tolerance, setTolerance] = useState('');
  const [errors, setErrors] = useState<FormErrors>({});
  const [saved, setSaved] = useState<string | null>(null);
  const { busy, run } = useAction();

  const settings = loaded.data;
  useEffect(() => {
    if (settings) setTolerance(String(settings.lateToleranceMinutes));
  }, [settings?.lateToleranceMinutes]);

  // The switch moves at once; if the engine refuses, it moves back and says why.
  const save = (key: string, patch: Partial<Settings>): void => {
    const before = settings;
    setErrors({});
    setSaved(null);
    update((current) => ({ ...current, ...patch }));
    void run(
      key,
      async () => {
        const next = await call('settings:set', patch);
        settingsResource.set(next);
        setSaved('Saved.');
      },
      (error) => {
        if (before) settingsResource.set(before);
        setErrors(formErrors(error));
      },
    );
  };

  const submitTolerance = (event?: FormEvent): void => {
    event?.preventDefault();
    const minutes = Number(tolerance);
    if (tolerance.trim() === '' || !Number.isInteger(minutes) || minutes < 0 || minutes > MAX_TOLERANCE) {
      setErrors({ lateToleranceMinutes: `Enter whole minutes from 0 to ${MAX_TOLERANCE.toLocaleString()} (a week).` });
      return;
    }
    if (settings && minutes !== settings.lateToleranceMinutes) save('lateToleranceMinutes', { lateToleranceMinutes: minutes });
  };

  return (
    <section className="page settings-page" aria-labelledby="settings-title">
      <PageHeader title={<span id="settings-title">Settings</span>}>
        <span className="save-status" role="status" aria-live="polite" data-testid="settings-status">
          {busy ? 'Saving…' : saved}
        </span>
      </PageHeader>
      {settings === null ? (
        loaded.error ? (
          <ErrorState error={loaded.error} onRetry={settingsResource.reload} title="Could not load settings" />
        ) : (
          <LoadingState label="Loading settings…" />
        )
      ) : (
        <div className="settings-stack">
          <form className="card" onSubmit={submitTolerance} aria-labelledby="late-title">
            <h2 className="card-title" id="late-title">
              Late posts
            </h2>
            <div className="field field-inline">
              <label htmlFor="late-tolerance">Late tolerance (minutes)</label>
              <input
                id="late-tolerance"
                type="number"
                min={0}
                max={MAX_TOLERANCE}
                step={1}
                inputMode="numeric"
                value={tolerance}
                aria-invalid={errors.lateToleranceMinutes ? true : undefined}
                aria-describedby={errors.lateToleranceMinutes ? 'late-tolerance-error late-help' : 'late-help'}
                onChange={(event) => setTolerance(event.target.value)}
                onBlur={() => submitTolerance()}
              />
              <button type="submit" className="button" disabled={busy !== null}>
                Save
              </button>
            </div>
            <p className="hint" id="late-help">
              If the computer was asleep or the app was closed when a post was due, it still goes out when the app is back — unless it is later than
              this. Then it is marked missed and you are told, so a “good morning” post is not sent at night.
            </p>
            <FieldError id="late-tolerance-error" field="lateToleranceMinutes" message={errors.lateToleranceMinutes} />
          </form>
          <section className="card" aria-labelledby="app-title">
            <h2 className="card-title" id="app-title">
              App
            </h2>
            {TOGGLES.map((toggle) => (
              <div className="toggle-row" key={toggle.key}>
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={settings[toggle.key]}
                    disabled={busy === toggle.key}
                    aria-describedby={`${toggle.key}-help`}
                    onChange={(event) => save(toggle.key, { [toggle.key]: event.target.checked })}
                  />
                  {toggle.label}
                </label>
                <p className="hint" id={`${toggle.key}-help`}>
                  {toggle.help}
                </p>
                <FieldError id={`${toggle.key}-error`} field={toggle.key} message={errors[toggle.key]} />
              </div>
            ))}
          </section>
          <TimeAndCalendarCard settings={settings} busy={busy} errors={errors} save={save} />
          <DefaultAccountsCard settings={settings} accounts={accounts} busy={busy} errors={errors} save={save} />
          <FormError message={errors.form} />
          <MediaStorageCard />
          <DeveloperApps />
        </div>
      )}
    </section>
  );
}
