// The sign-in under way: waiting for the browser (with the link, in case no browser opened, and Cancel), finishing,
// or offering the Pages and accounts the sign-in gave access to.
import { useState } from 'react';
import { PLATFORM_LABELS } from '../../../../shared/domain';
import type { ConnectFlowView } from '../../../../shared/oauth';
import { Icon } from '../../components/Icon';

interface ConnectProgressProps {
  flow: ConnectFlowView;
  busy: boolean;
  onCancel: () => void;
  onChoose: (choiceIds: string[]) => void;
  onDismiss: () => void;
}

export function ConnectProgress({ flow, busy, onCancel, onChoose, onDismiss }: ConnectProgressProps) {
  const label = PLATFORM_LABELS[flow.platform];
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string, on: boolean) =>
    setPicked((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  let body;
  switch (flow.status) {
    case 'waiting':
      body = (
        <>
          <p className="connect-status" role="status">
            <span className="spinner" aria-hidden="true" /> Sign in to {label} in your browser, then come back here.
          </p>
          <p className="hint">
            {flow.openedBrowser ? 'No browser window?' : 'If no sign-in page opened:'}{' '}
            <a href={flow.authorizeUrl} target="_blank" rel="noopener noreferrer" data-testid="connect-link">
              open the {label} sign-in page <Icon name="external" size={14} />
            </a>
          </p>
          <div className="button-row">
            <button type="button" className="button" disabled={busy} onClick={onCancel} data-testid="connect-cancel">
              Cancel
            </button>
          </div>
        </>
      );
      break;
    case 'exchanging':
      body = (
        <p className="connect-status" role="status">
          <span className="spinner" aria-hidden="true" /> Signed in. Finishing the connection to {label}…
        </p>
      );
      break;
    case 'choosing':
      body = (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            onChoose([...picked]);
          }}
        >
          <fieldset className="connect-choices">
            <legend>{flow.message ?? 'Choose what to add.'}</legend>
            {flow.choices.map((choice) => (
              <label key={choice.id} className="connect-choice" data-testid="connect-choice">
                <input type="checkbox" checked={picked.has(choice.id)} onChange={(event) => toggle(choice.id, event.target.checked)} />
                {choice.avatarUrl ? <img className="avatar" src={choice.avatarUrl} alt="" width={28} height={28} /> : null}
                <span>
                  <strong>{choice.name}</strong>
                  {choice.detail ? <span className="muted"> · {choice.detail}</span> : null}
                </span>
              </label>
            ))}
          </fieldset>
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={busy || picked.size === 0} data-testid="connect-add-chosen">
              Add {picked.size === 0 ? 'selected' : picked.size}
            </button>
            <button type="button" className="button" disabled={busy} onClick={onCancel}>
              Cancel
            </button>
          </div>
        </form>
      );
      break;
    default:
      body = (
        <>
          <p className={`connect-status tone-${flow.status === 'connected' ? 'success' : 'danger'}`} role="status" data-testid="connect-result">
            <Icon name={flow.status === 'connected' ? 'check' : 'alert'} size={16} />
            {flow.status === 'connected'
              ? `Connected ${flow.accounts.map((account) => account.name).join(', ')}.`
              : (flow.message ?? 'The sign-in did not finish.')}
          </p>
          {flow.status === 'connected' && flow.message ? (
            <p className="hint" data-testid="connect-notice">
              {flow.message}
            </p>
          ) : null}
          <div className="button-row">
            <button type="button" className="button" onClick={onDismiss}>
              Close
            </button>
          </div>
        </>
      );
  }
  return (
    <section className="card connect-progress" aria-labelledby="connect-progress-title" data-testid="connect-progress" data-status={flow.status}>
      <h2 className="card-title" id="connect-progress-title">
        {flow.accountId ? 'Reconnecting' : 'Connecting'} {label}
      </h2>
      {body}
    </section>
  );
}
