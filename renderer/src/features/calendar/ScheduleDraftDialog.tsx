// A draft without accounts dropped on a day: which accounts should it go to? Scheduling it needs at least one; Esc or
// Cancel leaves the draft as it was.
import { useState } from 'react';
import { PLATFORM_LABELS, type AccountView } from '../../../../shared/domain';
import { PlatformIcon } from '../../components/PlatformIcon';
import { formatInstant } from '../../lib/time';
import { useModalDialog } from '../../lib/use-modal-dialog';

interface ScheduleDraftDialogProps {
  title: string;
  at: Date;
  timeZone: string;
  accounts: readonly AccountView[];
  initial: readonly string[];
  onSchedule: (accountIds: string[]) => void;
  onCancel: () => void;
}

export function ScheduleDraftDialog({ title, at, timeZone, accounts, initial, onSchedule, onCancel }: ScheduleDraftDialogProps) {
  const dialog = useModalDialog();
  const [chosen, setChosen] = useState<string[]>(() => initial.filter((id) => accounts.some((account) => account.id === id)));
  return (
    <dialog
      ref={dialog}
      className="leave-dialog"
      aria-labelledby="schedule-draft-title"
      data-testid="schedule-draft-dialog"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (chosen.length > 0) onSchedule(chosen);
        }}
      >
        <h2 id="schedule-draft-title" className="card-title">
          Schedule “{title}”
        </h2>
        <p>
          For {formatInstant(at.toISOString(), timeZone)} ({timeZone}). Which accounts should it go to?
        </p>
        {accounts.length === 0 ? (
          <p className="muted">Add an account first, on the Accounts page.</p>
        ) : (
          <fieldset className="schedule-draft-accounts">
            <legend className="visually-hidden">Accounts</legend>
            {accounts.map((account) => (
              <label key={account.id} className="checkbox-row">
                <input
                  type="checkbox"
                  checked={chosen.includes(account.id)}
                  onChange={(event) => {
                    const on = event.target.checked;
                    setChosen((list) => (on ? [...list, account.id] : list.filter((id) => id !== account.id)));
                  }}
                />
                <PlatformIcon platform={account.platform} size={16} decorative />
                {account.name} <span className="muted">· {PLATFORM_LABELS[account.platform]}</span>
              </label>
            ))}
          </fieldset>
        )}
        <div className="leave-actions">
          <button type="submit" className="button button-primary" disabled={chosen.length === 0}>
            Schedule
          </button>
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
