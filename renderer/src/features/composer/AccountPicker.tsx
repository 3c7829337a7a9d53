// Which accounts the post goes to, grouped by platform; accounts that cannot publish say why before the user picks them.
import { PLATFORM_LABELS, type AccountView } from '../../../../shared/domain';
import { FieldError } from '../../components/FieldError';
import { PlatformIcon } from '../../components/PlatformIcon';
import { ErrorState, LoadingState } from '../../components/StateViews';
import { accountState, groupByPlatform } from '../../lib/accounts';
import type { LiveState } from '../../lib/live-resource';
import { reconnectHref, routeHref } from '../../lib/route';

interface AccountPickerProps {
  accounts: LiveState<AccountView[]>;
  selected: readonly string[];
  error: string | undefined;
  onToggle: (accountId: string, on: boolean) => void;
  onRetry: () => void;
}

export function AccountPicker({ accounts, selected, error, onToggle, onRetry }: AccountPickerProps) {
  const chosen = new Set(selected);
  let body;
  if (accounts.data === null) {
    body = accounts.error ? (
      <ErrorState error={accounts.error} onRetry={onRetry} title="Could not load accounts" />
    ) : (
      <LoadingState label="Loading accounts…" />
    );
  } else if (accounts.data.length === 0) {
    body = (
      <div className="picker-empty" data-testid="empty-state">
        <p>No accounts are connected yet.</p>
        <a className="button" href={routeHref({ name: 'accounts', reconnect: null })}>
          Connect an account
        </a>
      </div>
    );
  } else {
    body = groupByPlatform(accounts.data).map((group) => (
      <div className="picker-group" key={group.platform} role="group" aria-labelledby={`picker-${group.platform}`}>
        <h3 className="picker-platform" id={`picker-${group.platform}`}>
          <PlatformIcon platform={group.platform} size={18} decorative />
          {PLATFORM_LABELS[group.platform]}
        </h3>
        {group.accounts.map((account) => (
          <label
            key={account.id}
            className={`picker-account${account.problem ? ' is-warning' : ''}`}
            data-testid="account-option"
            data-account-id={account.id}
          >
            <input type="checkbox" checked={chosen.has(account.id)} onChange={(event) => onToggle(account.id, event.target.checked)} />
            <span className="picker-name">
              {account.name}
              <span className="visually-hidden">, {PLATFORM_LABELS[account.platform]}</span>
            </span>
            {account.problem ? (
              <a className="picker-warning" href={reconnectHref(account.id)} title={account.problem.message}>
                {accountState(account).label}
              </a>
            ) : null}
          </label>
        ))}
      </div>
    ));
  }
  return (
    <section className="card" aria-labelledby="accounts-heading" aria-describedby={error ? 'accounts-error' : undefined}>
      <h2 className="card-title" id="accounts-heading">
        Accounts
        {selected.length > 0 ? <span className="card-title-note">{selected.length} selected</span> : null}
      </h2>
      {body}
      <FieldError id="accounts-error" field="accounts" message={error} />
    </section>
  );
}
